import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Permission, Role } from '#contracts/identity';
import type { Db } from './db.ts';
import type { Secrets } from './secrets.ts';

/**
 * One role held by the signed-in user, with the tree path of the node it is scoped to. Null for administrator roles
 * (unscoped); a business role with a null path reaches nothing; '/' is the whole tree (the console operator).
 */
export type ActorAssignment = { role: Role; partyOrgId: string | null; path: string | null };

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  memberId: string | null;
  assignments: ActorAssignment[];
};

/** Who may reach a route. Every API route declares one; the app refuses to start with a route that has none. */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed_in'; allowPendingPasswordChange?: boolean }
  | { kind: 'permission'; permission: Permission }
  /** A business system's push token (Authorization: Bearer), never a session; the route checks the token itself. */
  | { kind: 'push_token' };

/** What a service needs to do its work: the database (maybe a transaction), who asks, from where. */
export type Ctx = {
  db: Db;
  actor: Actor | null;
  ip: string;
  log: FastifyBaseLogger;
  secrets: Secrets;
  /** The clock: tests move it; absent means the real time. */
  now?: () => Date;
};

export type ActorCtx = Ctx & { actor: Actor };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionCsrf: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The route publishes through the write gate itself (core/write-gate.ts) and must not wait at its door. */
    publishes?: boolean;
  }
}

export type AppServices = {
  db: Db;
  secrets: Secrets;
  kind: 'embedded' | 'server';
  /** The clock of every request's context (tests set it; absent means the real time). */
  now?: () => Date;
};

export function ctxFromRequest(request: FastifyRequest, services: AppServices): Ctx {
  return {
    db: services.db,
    actor: request.actor,
    ip: request.ip,
    log: request.log,
    secrets: services.secrets,
    ...(services.now ? { now: services.now } : {}),
  };
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China (YYYY-MM-DD) by the context's clock: what "today" means for deadlines and periods. */
/** The clock's time: the test's when it moves it, the real time otherwise. */
export const nowOf = (ctx: Pick<Ctx, 'now'>): Date => ctx.now?.() ?? new Date();

export function todayOf(ctx: Pick<Ctx, 'now'>): string {
  const now = ctx.now?.() ?? new Date();
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Runs `fn` in one transaction; the entry point (route handler, CLI command) owns it, services never open one. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
