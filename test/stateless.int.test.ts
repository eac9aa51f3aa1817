import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import type { Role } from '#contracts/identity';
import { bigRoster, multipartRoster } from '../bench/roster.ts';
import { cliActor } from '../server/src/cli/cli-context.ts';
import type { Ctx } from '../server/src/core/context.ts';
import { type Database, openServerDatabase } from '../server/src/core/db.ts';
import { secretsFromKey } from '../server/src/core/secrets.ts';
import { verifyAudit } from '../server/src/modules/audit/index.ts';
import { createUser } from '../server/src/modules/identity/index.ts';
import { createServerTestDatabase, testDbKind } from './db.ts';
import { insertPartyOrg } from './factories.ts';
import { freePort } from './throwaway-postgres.ts';

// Issue 8 point 3: several app instances serve one database behind a load balancer. Two real server processes (A and
// B) on one PostgreSQL database, driven over HTTP with real cookies: whatever one instance did, the other knows at
// once — sessions, writes, lockout counts, the mapping step's upload, error reports and the running import.
// PostgreSQL only: the embedded PGlite database belongs to one process (its data directory is locked), so there is
// nothing to share on it.

const PASSWORD = 'Stateless-Passw0rd!';
const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const AUDIT_KEY = randomBytes(32).toString('base64');

type Instance = { name: string; url: string; proc: ChildProcess; output: string[]; dir: string };
type Session = { cookie: string; csrf: string; userId: string };

/** `ronghe serve` as a separate process on `databaseUrl`, with the shared keys; resolves once /api/health answers. */
async function startInstance(name: string, databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `ronghe-stateless-${name}-`));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY,
      AUDIT_KEY,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      // The load balancer in front names the client (the lockout case sends each attempt from its own address).
      TRUST_PROXY: 'loopback',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const instance = { name, url: `http://127.0.0.1:${port}`, proc, output, dir };
  const deadline = Date.now() + 110_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`instance ${name} exited: ${output.join('')}`);
    try {
      if ((await fetch(`${instance.url}/api/health`)).ok) return instance;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`instance ${name} did not answer: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance) return;
  const { proc } = instance;
  if (proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(instance.dir, { recursive: true, force: true });
}

async function signIn(on: Instance, username: string, password = PASSWORD, from?: string) {
  const res = await fetch(`${on.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({ username, password }),
  });
  return res;
}

async function session(on: Instance, username: string): Promise<Session> {
  const res = await signIn(on, username);
  if (res.status !== 200)
    throw new Error(`sign-in of ${username} on ${on.name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** A request as the browser of `s` sends it, to instance `on`. */
function call(on: Instance, s: Session, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${on.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

function upload(on: Instance, s: Session, path: string, workbook: Buffer): Promise<Response> {
  const { body, contentType } = multipartRoster(workbook);
  return fetch(`${on.url}${path}`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType },
    body: new Uint8Array(body),
  });
}

async function json<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  return JSON.parse(text) as T;
}

async function errorCode(res: Response, status: number): Promise<string> {
  return (await json<{ error: { code: string; message: string } }>(res, status)).error.code;
}

const idNumber = (serial: number) => {
  const first17 = `110101198${serial % 10}0101${String(serial).padStart(3, '0').slice(-3)}`;
  return `${first17}${idNumberCheckChar(first17)}`;
};

/** A roster in the organ's own words (its headers are matched in the mapping step). */
async function ownRoster(rows: [string, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '公民身份号码', '人员类别', '党支部编码']);
  for (const [name, number] of rows) ws.addRow([name, number, '正式党员', 'ST-B1']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(testDbKind !== 'postgres')('two app instances on one database', () => {
  let drop: (() => Promise<void>) | undefined;
  let database: Database | undefined;
  let A: Instance | undefined;
  let B: Instance | undefined;
  let committee: { id: string; path: string; depth: number };
  let branch: { id: string; path: string; depth: number };
  const a = () => A as Instance;
  const b = () => B as Instance;
  const db = () => (database as Database).db;
  let ctx: Ctx;

  beforeAll(async () => {
    const created = await createServerTestDatabase();
    drop = created.drop;
    database = openServerDatabase(created.url, { max: 2 });
    // The console operator's context, under the instances' own keys (the audit chain is keyed by AUDIT_KEY).
    ctx = {
      db: database.db,
      actor: cliActor(),
      ip: '127.0.0.1',
      log: pino({ level: 'silent' }),
      secrets: secretsFromKey(Buffer.from(ENCRYPTION_KEY, 'base64'), Buffer.from(AUDIT_KEY, 'base64')),
    };
    committee = await insertPartyOrg(database.db, {
      kind: 'organ_committee',
      code: 'ST',
      name: '无状态机关党委',
    });
    branch = await insertPartyOrg(database.db, { parent: committee, kind: 'branch', code: 'ST-B1' });
    const account = (username: string, roles: { role: Role; partyOrgId: string | null }[]) =>
      createUser(
        ctx,
        { username, displayName: username, roles },
        { password: PASSWORD, mustChangePassword: false },
      );
    const officer = [{ role: 'organ_committee_officer' as const, partyOrgId: committee.id }];
    await account('officer', officer);
    await account('officer2', officer);
    await account('importer', officer);
    await account('leaver', officer);
    await account('knocked', officer);
    await account('sysadmin', [{ role: 'system_admin', partyOrgId: null }]);
    [A, B] = await Promise.all([startInstance('A', created.url), startInstance('B', created.url)]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stopInstance(A), stopInstance(B)]);
    await database?.close();
    await drop?.();
  }, 60_000);

  it('a session signed in on A works on B, and signing out on B ends it on A', async () => {
    const s = await session(a(), 'officer2');
    expect(
      (await json<{ user: { username: string } }>(await call(b(), s, 'GET', '/api/auth/session'))).user,
    ).toMatchObject({ username: 'officer2' });
    expect((await call(a(), s, 'GET', '/api/auth/session')).status).toBe(200);
    await json(await call(b(), s, 'POST', '/api/auth/logout'));
    expect(await errorCode(await call(a(), s, 'GET', '/api/auth/session'), 401)).toMatch(/^auth\./);
    expect((await call(b(), s, 'GET', '/api/auth/session')).status).toBe(401);
  });

  it('a write on A is read on B at once', async () => {
    const s = await session(a(), 'officer');
    const member = await json<{ id: string; name: string }>(
      await call(a(), s, 'POST', '/api/members', {
        name: '跨实例甲',
        category: 'full',
        partyOrgId: branch.id,
        idNumber: idNumber(1),
        joinedOn: '2012-07-01',
      }),
    );
    expect(await json(await call(b(), s, 'GET', `/api/members/${member.id}`))).toMatchObject({
      id: member.id,
      name: '跨实例甲',
      partyOrgId: branch.id,
    });
    const cell = await json<{ id: string }>(
      await call(b(), s, 'POST', '/api/party-orgs', {
        parentId: branch.id,
        code: 'ST-B1-C1',
        name: '第一党小组',
        kind: 'cell',
      }),
    );
    expect(await json(await call(a(), s, 'GET', `/api/party-orgs/${cell.id}`))).toMatchObject({
      name: '第一党小组',
      parentId: branch.id,
    });
  });

  it('nothing one instance read serves stale data after a write through the other', async () => {
    const s = await session(b(), 'officer');
    for (const name of ['第一党支部（改）', '第一党支部（再改）']) {
      // B has just read the organisation; A renames it; B reads the new name.
      const before = await json<{ version: number }>(
        await call(b(), s, 'GET', `/api/party-orgs/${branch.id}`),
      );
      await json(
        await call(a(), s, 'PATCH', `/api/party-orgs/${branch.id}`, { name, version: before.version }),
      );
      expect(await json(await call(b(), s, 'GET', `/api/party-orgs/${branch.id}`))).toMatchObject({
        name,
        version: before.version + 1,
      });
    }
    // An account disabled through A loses its session on B at once.
    const leaver = await session(b(), 'leaver');
    expect((await call(b(), leaver, 'GET', '/api/members?pageSize=1')).status).toBe(200);
    const admin = await session(a(), 'sysadmin');
    const user = await json<{ version: number }>(
      await call(a(), admin, 'GET', `/api/users/${leaver.userId}`),
    );
    await json(
      await call(a(), admin, 'PATCH', `/api/users/${leaver.userId}`, {
        status: 'disabled',
        version: user.version,
      }),
    );
    expect((await call(b(), leaver, 'GET', '/api/members?pageSize=1')).status).toBe(401);
    expect((await call(b(), leaver, 'GET', '/api/auth/session')).status).toBe(401);
  });

  it('the mapping step’s upload on A is previewed and confirmed on B; a report made on A downloads on B', async () => {
    const s = await session(a(), 'officer');
    const other = await session(b(), 'officer2');
    const roster = await ownRoster([
      ['映射乙', idNumber(2)],
      ['映射丙', idNumber(3)],
    ]);
    const uploaded = await json<{ token: string; rows: number }>(
      await upload(a(), s, '/api/members/import/upload', roster),
    );
    expect(uploaded.rows).toBe(2);
    const body = { token: uploaded.token, columns: [] };
    expect(await json(await call(b(), s, 'POST', '/api/members/import/preview', body))).toMatchObject({
      token: uploaded.token,
      rows: 2,
      created: 2,
    });
    // Someone else's token answers as an unknown one, on either instance.
    expect(await errorCode(await call(b(), other, 'POST', '/api/members/import/preview', body), 404)).toBe(
      'transfer.upload_not_found',
    );
    const unknown = { token: 'x'.repeat(24), columns: [] };
    expect(await errorCode(await call(b(), s, 'POST', '/api/members/import/preview', unknown), 404)).toBe(
      'transfer.upload_not_found',
    );
    expect(await json(await call(b(), s, 'POST', '/api/members/import/confirm', body))).toMatchObject({
      applied: true,
      created: 2,
    });
    const listed = await json<{ total: number }>(
      await call(a(), s, 'GET', `/api/members?q=${encodeURIComponent('映射')}`),
    );
    expect(listed.total).toBe(2);

    // A roster with a wrong check digit: nothing is written; its report is kept for the importer.
    const bad = await ownRoster([
      ['错号码', `${idNumber(4).slice(0, 17)}${idNumber(4).endsWith('0') ? '1' : '0'}`],
    ]);
    const refused = await json<{ reportToken: string | null; issues: unknown[] }>(
      await upload(a(), s, '/api/members/import/upload', bad),
    );
    expect(refused.issues.length).toBeGreaterThan(0);
    const token = refused.reportToken ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const report = await call(b(), s, 'GET', `/api/import-reports/${token}`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await report.arrayBuffer());
    expect(JSON.stringify(wb.worksheets[0]?.getSheetValues())).toContain('校验位');
    expect(await errorCode(await call(b(), other, 'GET', `/api/import-reports/${token}`), 404)).toBe(
      'transfer.report_not_found',
    );
  });

  it('while one import by a person runs on A, a second by the same person on B answers 409', async () => {
    const s = await session(a(), 'importer');
    const big = await bigRoster(20_000, 'ST-B1');
    const running = upload(a(), s, '/api/members/import', big);
    // A is at work once its first checked rows are staged (thousands more to go).
    const staged = async () =>
      Number(
        (
          await db()
            .selectFrom('memberImportStage')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await expect.poll(staged, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    const second = await upload(
      b(),
      s,
      '/api/members/import/upload',
      await ownRoster([['并发', idNumber(5)]]),
    );
    const refusal = await json<{ error: { code: string; message: string } }>(second, 409);
    expect(refusal.error.code).toBe('transfer.import_running');
    expect(refusal.error.message).toMatch(/导入正在进行/);
    // Another person imports meanwhile.
    const officer = await session(b(), 'officer');
    expect((await upload(b(), officer, '/api/members/import/upload', await ownRoster([]))).status).toBe(200);
    expect(await json(await running)).toMatchObject({ applied: true, rows: 20_000 });
    expect(await db().selectFrom('importRun').selectAll().execute()).toEqual([]);
    // Once it ended, the same person imports again, on either instance.
    expect(
      (await upload(b(), s, '/api/members/import/upload', await ownRoster([['之后', idNumber(6)]]))).status,
    ).toBe(200);
  }, 240_000);

  it('counts failed sign-ins on both instances: five split across A and B lock the account', async () => {
    // Each attempt from its own address, so that only the account's count can reach the threshold.
    const answers: string[] = [];
    for (const [i, on] of [a(), b(), a(), b(), a()].entries()) {
      const res = await signIn(on, 'knocked', 'Wrong-Passw0rd!', `203.0.113.${i + 1}`);
      answers.push(`${res.status} ${(await res.json()).error.code}`);
    }
    expect(answers).toEqual([
      '401 auth.invalid_credentials',
      '401 auth.invalid_credentials',
      '401 auth.invalid_credentials',
      '401 auth.invalid_credentials',
      '423 auth.account_locked',
    ]);
    // The right password, on the other instance and from another address, is refused while the lock runs.
    const res = await signIn(b(), 'knocked', PASSWORD, '203.0.113.99');
    expect(await errorCode(res, 423)).toBe('auth.account_locked');
  });

  it('both instances appended to one unbroken audit trail', async () => {
    const verified = await verifyAudit(ctx);
    expect(verified).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(verified.checked).toBeGreaterThan(20);
  });
});
