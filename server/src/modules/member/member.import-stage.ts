// Writing a checked roster, all or nothing, without holding the database for the length of the import: while the
// file is read, each checked chunk is written to member_import_stage in its own short transaction; when the whole
// file passed, one transaction moves the batch into member with set-based statements (INSERT … SELECT, UPDATE …
// FROM), writes the histories and the audit entry, and removes the batch. A failing file leaves member untouched and
// its batch is deleted (a batch left by a crash is removed by a later import).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { conflict } from '../../core/errors.ts';
import type { Secrets } from '../../core/secrets.ts';
import type { CheckedRow } from './member.import-check.ts';
import { identityOf, phoneIndexInput } from './member.policy.ts';
import type * as repo from './member.repository.ts';
import { idNumberColumns, phoneColumns } from './member.service.ts';

export const IMPORT_REASON = '名册导入';
const STAGE_CHUNK = 200;

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

export async function dropBatch(db: Db, batchId: string): Promise<void> {
  await db.deleteFrom('memberImportStage').where('batchId', '=', batchId).execute();
}

/** Batches older than a day belong to imports that never finished (a crash, a killed process). */
export async function dropAbandonedBatches(db: Db): Promise<void> {
  await db
    .deleteFrom('memberImportStage')
    .where('createdAt', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
}

const concurrentEdit = () =>
  conflict(
    'member.import_conflict',
    '导入期间有党员信息被他人修改或登记，或有党组织被撤销，本次导入未写入任何数据，请重新导入',
  );

/** Moves a staged batch into member; call inside the transaction that also records the audit entry. */
export async function applyBatch(tx: Ctx, batchId: string): Promise<void> {
  const db = tx.db;
  const closed = await sql<{ n: number }>`
    select count(*)::int as n from member_import_stage s join party_org po on po.id = s.party_org_id
    where s.batch_id = ${batchId} and po.status <> 'active'`.execute(db);
  if ((closed.rows[0]?.n ?? 0) > 0) throw concurrentEdit();
  try {
    await sql`
      insert into member (id, unit_id, party_org_id, department_id, name, gender, birth_date, ethnicity, education,
        id_number_cipher, id_number_hash, id_number_masked, phone_cipher, phone_masked, phone_hash, category,
        joined_on, full_on, party_post, business_post)
      select member_id, unit_id, party_org_id, department_id, name, gender, birth_date, ethnicity, education,
        id_number_cipher, id_number_hash, id_number_masked, phone_cipher, phone_masked, phone_hash, category,
        joined_on, full_on, party_post, business_post
      from member_import_stage where batch_id = ${batchId} and op = 'create' order by seq`.execute(db);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw concurrentEdit();
    throw error;
  }
  await sql`
    insert into member_org_history (member_id, party_org_id, from_on, reason)
    select member_id, party_org_id, history_from_on, ${IMPORT_REASON}
    from member_import_stage where batch_id = ${batchId} and op = 'create'`.execute(db);
  const expected = await sql<{ n: number }>`
    select count(*)::int as n from member_import_stage where batch_id = ${batchId} and op = 'update'`.execute(
    db,
  );
  const updated = await sql`
    update member as m set
      party_org_id = s.party_org_id, unit_id = s.unit_id, department_id = s.department_id, name = s.name,
      ethnicity = s.ethnicity, education = s.education, phone_cipher = s.phone_cipher, phone_masked = s.phone_masked,
      phone_hash = s.phone_hash, category = s.category, joined_on = s.joined_on, full_on = s.full_on,
      party_post = s.party_post, business_post = s.business_post, version = m.version + 1, updated_at = now()
    from member_import_stage s
    where s.batch_id = ${batchId} and s.op = 'update' and m.id = s.member_id and m.version = s.expected_version`.execute(
    db,
  );
  if (Number(updated.numAffectedRows ?? 0) !== (expected.rows[0]?.n ?? 0)) throw concurrentEdit();
  await sql`
    update member_org_history h set to_on = greatest(h.from_on, s.history_from_on)
    from member_import_stage s
    where s.batch_id = ${batchId} and s.moved and h.member_id = s.member_id and h.to_on is null`.execute(db);
  await sql`
    insert into member_org_history (member_id, party_org_id, from_on, reason)
    select member_id, party_org_id, history_from_on, ${IMPORT_REASON}
    from member_import_stage where batch_id = ${batchId} and moved`.execute(db);
  await dropBatch(db, batchId);
}
