// The audit chain against someone with database access but not the audit key: rewriting records, deleting the newest
// ones (truncation), forging or rolling back the head; and the trail written before the chain was keyed.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { buildTestApp, userWith } from '../../../../test/helpers.ts';
import { cliActor } from '../../cli/cli-context.ts';
import type { Ctx } from '../../core/context.ts';
import type { Database } from '../../core/db.ts';
import { secretsFromKey } from '../../core/secrets.ts';
import { chainHash, GENESIS_HASH } from './audit.chain.ts';
import {
  CheckpointError,
  createAuditCheckpoint,
  ensureAuditHead,
  readCheckpoint,
  recordAudit,
  verifyAudit,
} from './index.ts';

const opened: Database[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
});

async function world(): Promise<Ctx> {
  const database = await createTestDatabase();
  opened.push(database);
  return {
    db: database.db,
    actor: cliActor(),
    ip: '127.0.0.1',
    log: pino({ level: 'silent' }),
    secrets: secretsFromKey(randomBytes(32)),
  };
}

/** What a database superuser can do to the trail, past its append-only triggers. */
async function asSuperuser(ctx: Ctx, run: () => Promise<unknown>): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(ctx.db);
  try {
    await run();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(ctx.db);
  }
}

async function record(ctx: Ctx, n: number, prefix = 'test.event'): Promise<void> {
  for (let i = 0; i < n; i++) await recordAudit(ctx, { action: `${prefix}${i}`, after: { i } });
}

const rows = (ctx: Ctx) => ctx.db.selectFrom('auditLog').selectAll().orderBy('seq').execute();

describe('audit trail integrity', () => {
  it('detects the newest records deleted (truncation), also through GET /api/audit/verify', async () => {
    const t = await buildTestApp();
    try {
      const ctx = t.ctx();
      await record(ctx, 5);
      expect(await verifyAudit(ctx)).toMatchObject({ ok: true });
      const all = await rows(ctx);
      const newest = Number(all[all.length - 1]?.seq);
      await asSuperuser(ctx, () => sql`delete from audit_log where seq > ${newest - 2}`.execute(ctx.db));

      const result = await verifyAudit(ctx);
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: newest });
      expect(result.reason).toContain('最新的记录被删除');
      // Signing in writes new records: they must not heal the gap (they link to the deleted newest record).
      const auditor = await userWith(t, 'auditor', [{ role: 'audit_admin', partyOrgId: null }]);
      const viaApi = (await auditor.get('/api/audit/verify')).json();
      expect(viaApi).toMatchObject({ ok: false });
      expect(viaApi.firstBrokenSeq).toBeGreaterThan(newest);
      expect(viaApi.reason).toContain('与前一条记录的链接不符');
    } finally {
      await t.close();
    }
  });

  it('detects a record rewritten and re-hashed with plain SHA-256 (no key needed before)', async () => {
    const ctx = await world();
    await record(ctx, 4);
    const target = (await rows(ctx))[1];
    if (!target) throw new Error('no record');
    const edited = { ...target, after: { i: 99 } };
    await asSuperuser(ctx, () =>
      sql`update audit_log set after = '{"i": 99}'::jsonb, hash = ${chainHash(target.prevHash, edited)}
          where seq = ${target.seq}`.execute(ctx.db),
    );
    expect(await verifyAudit(ctx)).toMatchObject({ ok: false, firstBrokenSeq: Number(target.seq) });
  });

  it('detects a deleted head and a head rewritten without the key', async () => {
    const ctx = await world();
    await record(ctx, 3);
    const all = await rows(ctx);
    const second = all[1];
    if (!second) throw new Error('no record');
    await asSuperuser(ctx, () => sql`delete from audit_log where seq > ${second.seq}`.execute(ctx.db));
    await ctx.db
      .updateTable('auditHead')
      .set({ seq: Number(second.seq), hash: second.hash, mac: 'f'.repeat(64) })
      .execute();
    const forged = await verifyAudit(ctx);
    expect(forged.ok).toBe(false);
    expect(forged.reason).toContain('链头记录与其密钥校验值不符');

    await ctx.db.deleteFrom('auditHead').execute();
    const headless = await verifyAudit(ctx);
    expect(headless.ok).toBe(false);
    expect(headless.reason).toContain('链头记录缺失');
    // Keying at start never re-creates a head for a chain that already holds keyed records.
    expect(await ensureAuditHead(ctx)).toBe(false);
    expect((await verifyAudit(ctx)).ok).toBe(false);
  });

  it('a checkpoint catches truncation even when the head is rolled back to an old copy', async () => {
    const ctx = await world();
    await record(ctx, 3);
    const oldHead = await ctx.db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow();
    await record(ctx, 3, 'later.event');
    const made = await createAuditCheckpoint(ctx);
    if (!made.ok) throw new Error('the intact trail did not verify');
    const file = JSON.stringify(made.checkpoint);
    const checkpoint = readCheckpoint(ctx.secrets.auditMac, file);
    expect(checkpoint.seq).toBeGreaterThan(Number(oldHead.seq));
    expect(await verifyAudit(ctx, { checkpoint })).toMatchObject({ ok: true });
    // The checkpoint itself is audited, after the record it names.
    expect((await rows(ctx)).at(-1)?.action).toBe('audit.checkpoint');

    await asSuperuser(ctx, () => sql`delete from audit_log where seq > ${oldHead.seq}`.execute(ctx.db));
    await ctx.db
      .updateTable('auditHead')
      .set({ seq: oldHead.seq, hash: oldHead.hash, mac: oldHead.mac })
      .execute();
    expect((await verifyAudit(ctx)).ok).toBe(true); // the head alone cannot tell: it is a genuine old head
    const against = await verifyAudit(ctx, { checkpoint });
    expect(against).toMatchObject({ ok: false, firstBrokenSeq: checkpoint.seq });
    expect(against.reason).toContain('已不存在');
  });

  it('refuses a checkpoint file that was edited or signed with another key', async () => {
    const ctx = await world();
    await record(ctx, 2);
    const made = await createAuditCheckpoint(ctx);
    if (!made.ok) throw new Error('the intact trail did not verify');
    const edited = JSON.stringify({ ...made.checkpoint, seq: made.checkpoint.seq - 1 });
    expect(() => readCheckpoint(ctx.secrets.auditMac, edited)).toThrow(CheckpointError);
    const other = secretsFromKey(randomBytes(32));
    expect(() => readCheckpoint(other.auditMac, JSON.stringify(made.checkpoint))).toThrow(/签名不符/);
    expect(() => readCheckpoint(ctx.secrets.auditMac, 'not json')).toThrow(/不是有效的审计检查点文件/);
  });

  it('keeps a trail written before the upgrade verifiable: keyed once at start, anchored from then on', async () => {
    const ctx = await world();
    // Three records as the previous version wrote them: plain SHA-256, no head.
    let prev = GENESIS_HASH;
    for (let i = 0; i < 3; i++) {
      const content = {
        at: new Date(Date.UTC(2026, 10, 1, 0, 0, i)),
        actorUserId: null,
        actorUsername: 'old',
        ip: null,
        action: `legacy.${i}`,
        entityType: null,
        entityId: null,
        before: null,
        after: { i },
        details: null,
      };
      const hash = chainHash(prev, content);
      await ctx.db
        .insertInto('auditLog')
        .values({
          ...content,
          after: JSON.stringify(content.after),
          prevHash: prev,
          hash,
          hashScheme: 'sha256',
        })
        .execute();
      prev = hash;
    }
    expect((await verifyAudit(ctx)).reason).toContain('链头记录缺失');
    expect(await ensureAuditHead(ctx)).toBe(true);
    expect(await ensureAuditHead(ctx)).toBe(false);
    expect((await rows(ctx)).at(-1)).toMatchObject({
      action: 'audit.chain_keyed',
      hashScheme: 'hmac-sha256',
    });
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true, checked: 4 });

    // A legacy record rewritten, and the legacy ones after it re-hashed: the keyed record no longer links.
    const legacy = (await rows(ctx)).filter((r) => r.hashScheme === 'sha256');
    let link = legacy[0]?.prevHash ?? GENESIS_HASH;
    await asSuperuser(ctx, async () => {
      for (const [i, r] of legacy.entries()) {
        const after = i === 0 ? { i: 99 } : r.after;
        const hash = chainHash(link, { ...r, after });
        await sql`update audit_log set after = ${JSON.stringify(after)}::jsonb, prev_hash = ${link}, hash = ${hash}
                  where seq = ${r.seq}`.execute(ctx.db);
        link = hash;
      }
    });
    expect(await verifyAudit(ctx)).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });
});

afterAll(async () => {
  for (const d of opened.splice(0)) await d.close();
});
