import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database } from '../../core/db.ts';
import { AppError } from '../../core/errors.ts';
import { secretsFromKey } from '../../core/secrets.ts';
import { type FileCtx, keepFile, storeReport, takeFile, takeReport } from './transfer.files.ts';
import { oneImportAtATime, takeUpload } from './transfer.uploads.ts';

// The kept files and the one-import-at-a-time rule, as rows of the database (so that every app instance sees them;
// test/stateless.int.test.ts shows it with two server processes).

let database: Database;
let ctx: FileCtx & { log: pino.Logger };
beforeAll(async () => {
  database = await createTestDatabase();
  ctx = { db: database.db, secrets: secretsFromKey(randomBytes(32)), log: pino({ level: 'silent' }) };
});
afterAll(async () => {
  await database.close();
});

const rows = async (ownerId?: string) =>
  (
    await database.db
      .selectFrom('transferFile')
      .select(['token', 'ownerId', 'kind', 'filename', 'size', 'content', 'createdAt', 'expiresAt'])
      .$if(ownerId !== undefined, (q) => q.where('ownerId', '=', ownerId ?? ''))
      .orderBy('seq')
      .execute()
  ).map((r) => ({ ...r, content: Buffer.from(r.content) }));

describe('kept files', () => {
  it('gives a file back to its owner only, under an unguessable url-safe token, as often as asked', async () => {
    const [owner, other] = [randomUUID(), randomUUID()];
    const buf = Buffer.from('report');
    const token = await storeReport(ctx, owner, buf, '错误报告.xlsx');
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/); // 18 random bytes: 144 bits
    expect(await takeReport(ctx, other, token)).toBeNull();
    expect(await takeReport(ctx, owner, 'unknown-token-000000')).toBeNull();
    expect(await takeReport(ctx, owner, token)).toEqual({ buf, filename: '错误报告.xlsx' });
    expect(await takeReport(ctx, owner, token)).not.toBeNull(); // a repeated download still works
    // A report's token is not an upload's, and the other way round.
    expect(await takeUpload(ctx, owner, token)).toBeNull();
    expect(await storeReport(ctx, owner, buf, 'x.xlsx')).not.toBe(token);
  });

  it('keeps the content sealed: the database alone does not reveal a roster', async () => {
    const owner = randomUUID();
    const plain = Buffer.from('姓名,身份证号\n张三,110101199003074573');
    const token = await keepFile(ctx, owner, 'upload', plain, 'roster.xlsx');
    const [row] = await rows(owner);
    expect(row?.size).toBe(plain.length);
    expect(row?.kind).toBe('upload');
    expect(row?.content.includes(Buffer.from('110101199003074573'))).toBe(false);
    expect(row?.content.length).toBe(plain.length + 28); // iv and tag
    expect((await takeFile(ctx, owner, 'upload', token))?.buf).toEqual(plain);
    const big = randomBytes(3 * 1024 * 1024 + 7);
    const bigToken = await keepFile(ctx, owner, 'upload', big, '大表.xlsx');
    const back = await takeFile(ctx, owner, 'upload', bigToken);
    expect(back?.filename).toBe('大表.xlsx');
    expect(back?.buf.equals(big)).toBe(true); // compared as bytes: a deep equality of 3 MB takes seconds
    const otherKeys = { ...ctx, secrets: secretsFromKey(randomBytes(32)) };
    await expect(takeFile(otherKeys, owner, 'upload', token)).rejects.toThrow();
  });

  it('expires files after 30 minutes; the next store removes expired ones', async () => {
    const owner = randomUUID();
    const token = await keepFile(ctx, owner, 'upload', Buffer.from('a'), 'a.xlsx');
    const [row] = await rows(owner);
    expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(30 * 60_000);
    await sql`update transfer_file set expires_at = now() - interval '1 second' where token = ${token}`.execute(
      database.db,
    );
    expect(await takeFile(ctx, owner, 'upload', token)).toBeNull();
    expect(await rows(owner)).toHaveLength(1); // lazily purged
    await storeReport(ctx, randomUUID(), Buffer.from('b'), 'b.xlsx');
    expect(await rows(owner)).toHaveLength(0);
  });

  it('keeps at most 5 uploads and 20 reports per owner, evicting the owner’s oldest only', async () => {
    const [owner, other] = [randomUUID(), randomUUID()];
    const theirs = await keepFile(ctx, other, 'upload', Buffer.from('theirs'), 'theirs.xlsx');
    const uploads: string[] = [];
    for (let i = 0; i < 7; i++)
      uploads.push(await keepFile(ctx, owner, 'upload', Buffer.from(`${i}`), `${i}`));
    // Reports never push out the upload a person is working on.
    for (let i = 0; i < 22; i++) await storeReport(ctx, owner, Buffer.from(`r${i}`), `r${i}`);
    const mine = await rows(owner);
    expect(mine.filter((r) => r.kind === 'upload').map((r) => r.filename)).toEqual(['2', '3', '4', '5', '6']);
    expect(mine.filter((r) => r.kind === 'report')).toHaveLength(20);
    expect(mine.filter((r) => r.kind === 'report')[0]?.filename).toBe('r2');
    expect(await takeFile(ctx, owner, 'upload', uploads[0] ?? '')).toBeNull();
    expect((await takeFile(ctx, owner, 'upload', uploads[6] ?? ''))?.filename).toBe('6');
    expect((await takeFile(ctx, other, 'upload', theirs))?.filename).toBe('theirs.xlsx');
  });

  it('bounds the bytes an owner holds, but always keeps the newest file', async () => {
    const owner = randomUUID();
    const limits = { maxFiles: 100, maxBytes: 100 };
    const a = await keepFile(ctx, owner, 'report', Buffer.alloc(60), 'a', limits);
    const b = await keepFile(ctx, owner, 'report', Buffer.alloc(40), 'b', limits);
    expect((await takeFile(ctx, owner, 'report', a))?.filename).toBe('a'); // 100 bytes: within the bound
    const c = await keepFile(ctx, owner, 'report', Buffer.alloc(50), 'c', limits);
    expect(await takeFile(ctx, owner, 'report', a)).toBeNull();
    expect((await takeFile(ctx, owner, 'report', b))?.filename).toBe('b');
    const huge = await keepFile(ctx, owner, 'report', Buffer.alloc(500), 'huge', limits);
    expect((await takeFile(ctx, owner, 'report', huge))?.filename).toBe('huge');
    expect(await takeFile(ctx, owner, 'report', c)).toBeNull();
    expect(await rows(owner)).toHaveLength(1);
  });
});

describe('one import at a time', () => {
  const gate = () => {
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { opened, open };
  };
  const refused = async (p: Promise<unknown>) => {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'transfer.import_running', status: 409 });
  };
  const runs = async () => (await database.db.selectFrom('importRun').selectAll().execute()).length;

  it('refuses a second import by the same person while one runs, and frees the claim when it ends', async () => {
    const [owner, other] = [randomUUID(), randomUUID()];
    const g = gate();
    const first = oneImportAtATime(ctx, owner, async () => {
      await g.opened;
      return 'done';
    });
    await expect.poll(runs).toBe(1);
    await refused(oneImportAtATime(ctx, owner, async () => 'second'));
    expect(await oneImportAtATime(ctx, other, async () => 'someone else')).toBe('someone else');
    g.open();
    expect(await first).toBe('done');
    expect(await runs()).toBe(0);
    expect(await oneImportAtATime(ctx, owner, async () => 'again')).toBe('again');
  });

  it('frees the claim when the import fails', async () => {
    const owner = randomUUID();
    await expect(
      oneImportAtATime(ctx, owner, async () => {
        throw new Error('bad file');
      }),
    ).rejects.toThrow('bad file');
    expect(await runs()).toBe(0);
    expect(await oneImportAtATime(ctx, owner, async () => 'ok')).toBe('ok');
  });

  it('takes over a claim whose process stopped renewing it, and renews its own while it runs', async () => {
    const owner = randomUUID();
    // A process that died mid-import: its lease ran out.
    await database.db
      .insertInto('importRun')
      .values({ ownerId: owner, runId: randomUUID(), expiresAt: new Date(Date.now() - 1000) })
      .execute();
    const g = gate();
    const lease = { seconds: 1, renewEveryMs: 100 };
    const running = oneImportAtATime(ctx, owner, () => g.opened, lease);
    const live = async () =>
      (
        await database.db
          .selectFrom('importRun')
          .select('runId')
          .where('expiresAt', '>', new Date())
          .execute()
      ).length;
    await expect.poll(live).toBe(1);
    // Well past the one-second lease, the running import still holds it.
    await new Promise((r) => setTimeout(r, 1500));
    await refused(oneImportAtATime(ctx, owner, async () => 'second', lease));
    g.open();
    await running;
    expect(await runs()).toBe(0);
  });
});
