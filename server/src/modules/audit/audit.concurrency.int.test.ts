// Many audited transactions at once (on a server: four connections, each taking the chain's lock in turn): every
// record links to the one committed before it, in seq order, and the chain verifies. The head each writer reads
// after the lock must be the one the previous holder committed, not one from before the lock was granted.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { cliActor } from '../../cli/cli-context.ts';
import { type Ctx, inTransaction } from '../../core/context.ts';
import type { Database } from '../../core/db.ts';
import { secretsFromKey } from '../../core/secrets.ts';
import { recordAudit, verifyAudit } from './index.ts';

let database: Database;
afterAll(async () => {
  await database?.close();
});

it('keeps one unbroken chain when 60 transactions append at once, some rolling back', async () => {
  database = await createTestDatabase();
  const ctx: Ctx = {
    db: database.db,
    actor: cliActor(),
    ip: '127.0.0.1',
    log: pino({ level: 'silent' }),
    secrets: secretsFromKey(randomBytes(32)),
  };
  const outcomes = await Promise.allSettled(
    Array.from({ length: 60 }, (_, i) =>
      inTransaction(ctx, async (tx) => {
        await recordAudit(tx, { action: 'test.concurrent', entityType: 'test', details: { i } });
        // A little work after the append, as a request does before it commits; every seventh one then fails.
        await new Promise((r) => setTimeout(r, i % 3));
        if (i % 7 === 0) throw new Error(`rolled back ${i}`);
      }),
    ),
  );
  const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
  expect(committed).toBe(51);

  const rows = await database.db
    .selectFrom('auditLog')
    .select(['seq', 'prevHash', 'hash', 'details'])
    .where('action', '=', 'test.concurrent')
    .orderBy('seq')
    .execute();
  expect(rows).toHaveLength(51);
  for (let k = 1; k < rows.length; k++) expect(rows[k]?.prevHash).toBe(rows[k - 1]?.hash);
  const head = await database.db.selectFrom('auditHead').select(['seq', 'hash']).executeTakeFirstOrThrow();
  expect(head.hash).toBe(rows.at(-1)?.hash);
  expect(Number(head.seq)).toBe(Number(rows.at(-1)?.seq));
  const verdict = await verifyAudit(ctx);
  expect(verdict).toMatchObject({ ok: true });
});
