import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '#contracts/identity';
import { buildApp } from '../server/src/app.ts';
import { cliActor } from '../server/src/cli/cli-context.ts';
import { loadConfig } from '../server/src/core/config.ts';
import type { Ctx } from '../server/src/core/context.ts';
import type { Database } from '../server/src/core/db.ts';
import { type Secrets, secretsFromKey } from '../server/src/core/secrets.ts';
import { createUser } from '../server/src/modules/identity/index.ts';
import { createTestDatabase } from './db.ts';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  secrets: Secrets;
  /** A service context acting as the console operator (whole tree in scope). */
  ctx: () => Ctx;
  close: () => Promise<void>;
};

export const TEST_PASSWORD = 'Test-Passw0rd!';

/** `env`: configuration variables for this app (e.g. TRUST_PROXY), on top of the test defaults. */
export async function buildTestApp(
  env: Record<string, string> = {},
  options: { now?: () => Date } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const secrets = secretsFromKey(randomBytes(32));
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG === '1' ? 'error' : 'silent',
    DATA_DIR: '/nonexistent',
    ...env,
  });
  const app = await buildApp({
    config,
    services: { db: database.db, secrets, kind: database.kind, ...(options.now ? { now: options.now } : {}) },
    logger: process.env.TEST_LOG === '1',
  });
  await app.ready();
  const log = app.log;
  return {
    app,
    database,
    secrets,
    ctx: () => ({
      db: database.db,
      actor: cliActor(),
      ip: '127.0.0.1',
      log,
      secrets,
      ...(options.now ? { now: options.now } : {}),
    }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in client: keeps the session cookie and sends the CSRF header on writes. */
export type Client = {
  username: string;
  userId: string;
  request: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
};

export async function signIn(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ronghe_sid')?.value ?? '';
  const session = res.json() as { csrfToken: string; user: { id: string } };
  const request = (opts: InjectOptions) =>
    t.app.inject({
      ...opts,
      headers: { ...(opts.headers ?? {}), cookie: `ronghe_sid=${cookie}`, 'x-csrf-token': session.csrfToken },
    });
  return {
    username,
    userId: session.user.id,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) =>
      request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as object }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as object }),
    del: (url) => request({ method: 'DELETE', url }),
  };
}

/** Creates an account holding `roles`, with TEST_PASSWORD and no forced change, and signs it in. */
export async function userWith(
  t: TestApp,
  username: string,
  roles: { role: Role; partyOrgId: string | null }[],
): Promise<Client> {
  await createUser(
    t.ctx(),
    { username, displayName: username, roles },
    { password: TEST_PASSWORD, mustChangePassword: false },
  );
  return signIn(t, username);
}

/** The status and the error code together: a 403 for a missing CSRF token is not a 403 for a missing permission. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  const body = res.json() as { error?: { code?: string } };
  expect({ status: res.statusCode, code: body.error?.code }, res.body).toEqual({ status, code });
}
