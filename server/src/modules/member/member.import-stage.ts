// Writing a checked roster, all or nothing, without holding the database for the length of the import: while the
// file is read, each checked chunk is written to member_import_stage in its own short transaction. When the whole
// file passed, one short transaction commits the batch (checks it against member as it is now, records the audit
// entry and a member_import_batch row), and the batch is published into member with set-based statements
// (INSERT … SELECT, UPDATE … FROM) and the histories written. On a server the commit and the publication are one
// transaction. On the embedded database, whose one session a transaction holds whole, the publication runs in
// chunks of its own short transactions behind the write gate (ADR 19): reads go on between chunks, writes wait, and
// a publication cut short (a crash) is finished at the next start or import. A failing file leaves member untouched
// and its batch is deleted (an uncommitted batch left by a crash is removed by a later import).
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../../core/context.ts';
import { type Db, writeGateOf } from '../../core/db.ts';
import { conflict } from '../../core/errors.ts';
import type { Secrets } from '../../core/secrets.ts';
import { nameSortKey } from '../../core/sort-key.ts';
import type { CheckedRow } from './member.import-check.ts';
import { identityOf, phoneIndexInput } from './member.policy.ts';
import type * as repo from './member.repository.ts';
import { idNumberColumns, phoneColumns } from './member.service.ts';

export const IMPORT_REASON = '名册导入';
const STAGE_CHUNK = 200;
/**
 * Staged rows published per transaction on the embedded database: a few tens of milliseconds of its thread each
 * (with 200, B7's p99 reached 202 ms once each chunk also wrote the number registry and checked composite keys).
 */
export const PUBLISH_CHUNK = 100;

export type Op = 'create' | 'update' | 'unchanged';
type StageRecord = {
  op: 'create' | 'update';
  memberId: string;
  expectedVersion: number | null;
  moved: boolean;
  historyFromOn: string;
  unitId: string | null;
  partyOrgId: string;
  departmentId: string | null;
  name: string;
  gender: string;
  birthDate: string | null;
  ethnicity: string | null;
  education: string | null;
  idNumberCipher: string | null;
  idNumberHash: string;
  idNumberMasked: string | null;
  phoneCipher: string | null;
  phoneMasked: string | null;
  phoneHash: string | null;
  category: string;
  joinedOn: string | null;
  fullOn: string | null;
  partyPost: string | null;
  businessPost: string | null;
  nameSortKey: string;
};

function samePhone(secrets: Secrets, r: CheckedRow, e: repo.MemberRow): boolean {
  if (r.keepPhone) return true;
  return r.row.phone === null || r.row.phone === undefined
    ? e.phoneCipher === null
    : e.phoneHash === secrets.blindIndex(phoneIndexInput(r.row.phone));
}

/** What a checked row does to the roster. */
export function opOf(secrets: Secrets, r: CheckedRow): Op {
  const e = r.existing;
  if (!e) return 'create';
  const { row } = r;
  const same =
    samePhone(secrets, r, e) &&
    e.partyOrgId === r.org.id &&
    e.departmentId === r.departmentId &&
    e.name === row.name &&
    e.ethnicity === row.ethnicity &&
    e.education === row.education &&
    e.category === row.category &&
    e.joinedOn === row.joinedOn &&
    e.fullOn === row.fullOn &&
    e.partyPost === row.partyPost &&
    e.businessPost === row.businessPost;
  return same ? 'unchanged' : 'update';
}

/** The staged form of a row that creates or changes a member (encrypting its numbers); null when unchanged. */
export function stageRecordOf(secrets: Secrets, r: CheckedRow): StageRecord | null {
  const op = opOf(secrets, r);
  if (op === 'unchanged') return null;
  const { row } = r;
  const common = {
    departmentId: r.departmentId,
    name: row.name,
    ethnicity: row.ethnicity,
    education: row.education,
    category: row.category,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    partyPost: row.partyPost,
    businessPost: row.businessPost,
    nameSortKey: nameSortKey(row.name),
    partyOrgId: r.org.id,
    historyFromOn: r.historyFromOn,
  };
  const e = r.existing;
  if (op === 'create' || !e) {
    if (!r.idNumber) throw new Error('a new member needs a full ID number');
    const identity = identityOf(r.idNumber);
    return {
      ...common,
      op: 'create',
      memberId: randomUUID(),
      expectedVersion: null,
      moved: false,
      unitId: r.org.unitId,
      gender: identity.gender,
      birthDate: identity.birthDate,
      ...idNumberColumns(secrets, r.idNumber, r.idNumberHash),
      ...phoneColumns(secrets, row.phone),
    };
  }
  const phone = samePhone(secrets, r, e)
    ? { phoneCipher: e.phoneCipher, phoneMasked: e.phoneMasked, phoneHash: e.phoneHash }
    : phoneColumns(secrets, row.phone);
  const moved = e.partyOrgId !== r.org.id;
  return {
    ...common,
    op: 'update',
    memberId: e.id,
    expectedVersion: e.version,
    moved,
    unitId: moved ? r.org.unitId : e.unitId,
    gender: e.gender,
    birthDate: e.birthDate,
    idNumberCipher: null,
    idNumberHash: e.idNumberHash,
    idNumberMasked: null,
    ...phone,
  };
}

export function newBatchId(): string {
  return randomUUID();
}

/** Writes staged records (their own short transaction when the caller holds none). */
export async function stageRecords(
  db: Db,
  batchId: string,
  firstSeq: number,
  records: readonly StageRecord[],
) {
  for (let i = 0; i < records.length; i += STAGE_CHUNK) {
    const chunk = records.slice(i, i + STAGE_CHUNK).map((r, j) => ({ ...r, batchId, seq: firstSeq + i + j }));
    await db.insertInto('memberImportStage').values(chunk).execute();
  }
}

const committed = (batchId: string) =>
  sql<boolean>`exists (select 1 from member_import_batch b where b.batch_id = ${batchId})`;

/** Removes an uncommitted batch (a committed one is published, never dropped). */
export async function dropBatch(db: Db, batchId: string): Promise<void> {
  await db
    .deleteFrom('memberImportStage')
    .where('batchId', '=', batchId)
    .where(sql<boolean>`not ${committed(batchId)}`)
    .execute();
}

/** Uncommitted batches older than a day belong to imports that never finished (a crash, a killed process). */
export async function dropAbandonedBatches(db: Db): Promise<void> {
  await db
    .deleteFrom('memberImportStage as s')
    .where('s.createdAt', '<', sql<Date>`now() - interval '1 day'`)
    .where(sql<boolean>`not exists (select 1 from member_import_batch b where b.batch_id = s.batch_id)`)
    .execute();
}

const concurrentEdit = () =>
  conflict(
    'member.import_conflict',
    '导入期间有党员信息被他人修改或登记，或有党组织被撤销，本次导入未写入任何数据，请重新导入',
  );

const count = async (db: Db, query: ReturnType<typeof sql<{ n: number }>>) =>
  (await query.execute(db)).rows[0]?.n ?? 0;

/**
 * Commits a staged batch: checks it against the roster as it is now (no organisation closed, no number registered
 * meanwhile, no member edited meanwhile) and marks it committed. Call inside the transaction that records the audit
 * entry; the batch is then published by publishBatch.
 */
export async function commitBatch(tx: Ctx, batchId: string): Promise<void> {
  const db = tx.db;
  const closed = await count(
    db,
    sql<{ n: number }>`
      select count(*)::int as n from member_import_stage s join party_org po on po.id = s.party_org_id
      where s.batch_id = ${batchId} and po.status <> 'active'`,
  );
  const taken = await count(
    db,
    sql<{ n: number }>`
      select count(*)::int as n from member_import_stage s join member m on m.id_number_hash = s.id_number_hash
      where s.batch_id = ${batchId} and s.op = 'create'`,
  );
  const stale = await count(
    db,
    sql<{ n: number }>`
      select count(*)::int as n from member_import_stage s left join member m on m.id = s.member_id
      where s.batch_id = ${batchId} and s.op = 'update' and m.version is distinct from s.expected_version`,
  );
  if (closed + taken + stale > 0) throw concurrentEdit();
  const rows = await count(
    db,
    sql<{ n: number }>`select count(*)::int as n from member_import_stage where batch_id = ${batchId}`,
  );
  await db.insertInto('memberImportBatch').values({ batchId, rows }).execute();
}

/** Publishes the staged rows of a committed batch with `from <= seq < to` (all of them when no range is given). */
async function publishRows(
  db: Db,
  batchId: string,
  range: { from: number; to: number } | null,
): Promise<void> {
  const inRange = range ? sql`and seq >= ${range.from} and seq < ${range.to}` : sql``;
  const sInRange = range ? sql`and s.seq >= ${range.from} and s.seq < ${range.to}` : sql``;
  try {
    await sql`
      insert into member (id, unit_id, party_org_id, department_id, name, gender, birth_date, ethnicity, education,
        id_number_cipher, id_number_hash, id_number_masked, phone_cipher, phone_masked, phone_hash, category,
        joined_on, full_on, party_post, business_post, name_sort_key)
      select member_id, unit_id, party_org_id, department_id, name, gender, birth_date, ethnicity, education,
        id_number_cipher, id_number_hash, id_number_masked, phone_cipher, phone_masked, phone_hash, category,
        joined_on, full_on, party_post, business_post, name_sort_key
      from member_import_stage where batch_id = ${batchId} and op = 'create' ${inRange} order by seq`.execute(
      db,
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw concurrentEdit();
    throw error;
  }
  await sql`
    insert into member_org_history (unit_id, member_id, party_org_id, from_on, reason)
    select unit_id, member_id, party_org_id, history_from_on, ${IMPORT_REASON}
    from member_import_stage where batch_id = ${batchId} and op = 'create' ${inRange}`.execute(db);
  const expected = await count(
    db,
    sql<{ n: number }>`
      select count(*)::int as n from member_import_stage where batch_id = ${batchId} and op = 'update' ${inRange}`,
  );
  const updated = await sql`
    update member as m set
      party_org_id = s.party_org_id, unit_id = s.unit_id, department_id = s.department_id, name = s.name,
      name_sort_key = coalesce(s.name_sort_key, m.name_sort_key),
      ethnicity = s.ethnicity, education = s.education, phone_cipher = s.phone_cipher, phone_masked = s.phone_masked,
      phone_hash = s.phone_hash, category = s.category, joined_on = s.joined_on, full_on = s.full_on,
      party_post = s.party_post, business_post = s.business_post, version = m.version + 1, updated_at = now()
    from member_import_stage s
    where s.batch_id = ${batchId} and s.op = 'update' ${sInRange}
      and m.id = s.member_id and m.version = s.expected_version`.execute(db);
  if (Number(updated.numAffectedRows ?? 0) !== expected) throw concurrentEdit();
  await sql`
    update member_org_history h set to_on = greatest(h.from_on, s.history_from_on)
    from member_import_stage s
    where s.batch_id = ${batchId} ${sInRange} and s.moved and h.member_id = s.member_id and h.to_on is null`.execute(
    db,
  );
  // A member moved to another organ has taken its history and correction requests along through their keys (on
  // update cascade, ADR 20); the new history row is keyed by the new organ.
  await sql`
    insert into member_org_history (unit_id, member_id, party_org_id, from_on, reason)
    select unit_id, member_id, party_org_id, history_from_on, ${IMPORT_REASON}
    from member_import_stage where batch_id = ${batchId} and moved ${inRange}`.execute(db);
  await sql`delete from member_import_stage where batch_id = ${batchId} ${inRange}`.execute(db);
}

export type PublishOptions = {
  /** Rows per transaction on the embedded database (PUBLISH_CHUNK). */
  chunk?: number;
  /** Called after each chunk is published: rows published so far, rows of the batch. */
  onPublished?: (done: number, total: number) => void;
};

/** Publishes what is left of a committed batch, a chunk per transaction, and forgets the batch at the end. */
async function publishInChunks(ctx: Ctx, batchId: string, options: PublishOptions): Promise<void> {
  const chunk = options.chunk ?? PUBLISH_CHUNK;
  const batch = await ctx.db
    .selectFrom('memberImportBatch')
    .select('rows')
    .where('batchId', '=', batchId)
    .executeTakeFirst();
  if (!batch) return;
  for (;;) {
    const done = await inTransaction(ctx, async (tx) => {
      const next = await sql<{ seq: number | null }>`
        select min(seq) as seq from member_import_stage where batch_id = ${batchId}`.execute(tx.db);
      const from = next.rows[0]?.seq ?? null;
      if (from !== null) await publishRows(tx.db, batchId, { from, to: from + chunk });
      const left = await tx.db
        .selectFrom('memberImportStage')
        .select('seq')
        .where('batchId', '=', batchId)
        .limit(1)
        .execute();
      if (left.length > 0) return false;
      await tx.db.deleteFrom('memberImportBatch').where('batchId', '=', batchId).execute();
      return true;
    });
    if (options.onPublished) {
      const left = await ctx.db
        .selectFrom('memberImportStage')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('batchId', '=', batchId)
        .executeTakeFirst();
      options.onPublished(batch.rows - Number(left?.n ?? 0), batch.rows);
    }
    if (done) return;
    await yieldToLoop();
  }
}

/**
 * Commits a fully checked batch and publishes it; `inCommit` runs inside the committing transaction (the audit
 * entry). On a server it is all one transaction; on the embedded database the commit is a short transaction and
 * the rows follow in chunks, with the write gate held from the checks to the last chunk.
 */
export async function commitAndPublish(
  ctx: Ctx,
  batchId: string,
  inCommit: (tx: Ctx) => Promise<void>,
  options: PublishOptions = {},
): Promise<void> {
  const gate = writeGateOf(ctx.db);
  if (!gate) {
    await inTransaction(ctx, async (tx) => {
      await commitBatch(tx, batchId);
      await publishRows(tx.db, batchId, null);
      await tx.db.deleteFrom('memberImportBatch').where('batchId', '=', batchId).execute();
      // Last: the audit entry takes the chain's lock, which every audited request waits for until this commits.
      await inCommit(tx);
    });
    return;
  }
  await gate.exclusive(async () => {
    await inTransaction(ctx, async (tx) => {
      await commitBatch(tx, batchId);
      await inCommit(tx);
    });
    await publishInChunks(ctx, batchId, options);
  });
}

/**
 * Finishes the publication of every committed batch (one cut short by a crash or a failed statement). Runs at start
 * before requests are served and before each import; returns how many batches it finished.
 */
export async function finishCommittedBatches(ctx: Ctx, options: PublishOptions = {}): Promise<number> {
  const batches = await ctx.db
    .selectFrom('memberImportBatch')
    .select('batchId')
    .orderBy('committedAt')
    .execute();
  const gate = writeGateOf(ctx.db);
  for (const { batchId } of batches) {
    const publish = () => publishInChunks(ctx, batchId, options);
    await (gate ? gate.exclusive(publish) : publish());
  }
  return batches.length;
}
