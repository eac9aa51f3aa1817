// The queries of 党费. Besides its own tables this file reads, read-only, three tables of other modules: party_org
// (names and paths, the scope key every module may join), and member with member_org_history — the months a member
// owes are those of their organisation history, and a ledger of a year needs every member's history at once (one
// query, where the member module's look-ups answer one day at a time). Nothing here writes those tables.
import { sql } from 'kysely';
import type { Db } from '../../core/db.ts';
import { type HistorySpan, monthOf } from './branch.dues.rules.ts';

export const asMonthDate = (month: string) => `${month}-01`;

/** An organisation with its path and organ, closed ones included (a closed cell still held members this year). */
export function findOrg(db: Db, id: string) {
  return db
    .selectFrom('partyOrg')
    .select(['id', 'unitId', 'name', 'path', 'kind', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type OrgRow = NonNullable<Awaited<ReturnType<typeof findOrg>>>;

/** The organisations of a subtree, the root included, closed ones too. */
export function orgsUnder(db: Db, unitId: string, path: string) {
  return db
    .selectFrom('partyOrg')
    .select(['id', 'name', 'path'])
    .where('unitId', '=', unitId)
    .where('path', 'like', `${path}%`)
    .orderBy('path')
    .execute();
}

export type PersonRow = {
  id: string;
  unitId: string;
  name: string;
  partyOrgId: string;
  orgPath: string;
  orgName: string;
  joinedOn: string | null;
  category: string;
  status: string;
};

function selectPeople(db: Db) {
  return db
    .selectFrom('member as m')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'),
    )
    .select([
      'm.id',
      'm.unitId',
      'm.name',
      'm.partyOrgId',
      'o.path as orgPath',
      'o.name as orgName',
      'm.joinedOn',
      'm.category',
      'm.status',
    ]);
}

export function findPerson(db: Db, id: string): Promise<PersonRow | undefined> {
  return selectPeople(db).where('m.id', '=', id).executeTakeFirst();
}

/** Members by id, in name order. */
export function peopleByIds(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectPeople(db)
    .where('m.id', 'in', [...ids])
    .orderBy('m.nameSortKey')
    .orderBy('m.id')
    .execute();
}

/**
 * Members with a history span in one of `orgIds` that had not ended by `from`: everyone who may owe a month of the
 * year to those organisations (the months themselves are decided from their whole history).
 */
export async function membersOfOrgsSince(db: Db, unitId: string, orgIds: readonly string[], from: string) {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('memberOrgHistory')
    .select('memberId')
    .distinct()
    .where('unitId', '=', unitId)
    .where('partyOrgId', 'in', [...orgIds])
    .where((w) => w.or([w('toOn', 'is', null), w('toOn', '>', from)]))
    .execute();
  return rows.map((r) => r.memberId);
}

/**
 * Every member's organisation history, for the months they owe. Members entered when the system began have history
 * only from that day; they owed dues before it too, from joining the Party: their first span is taken back to their
 * 入党日期 (to the beginning when it is unknown), as the branch roster on a day does (member lookups' rosterOn).
 */
export async function historyOf(db: Db, people: readonly PersonRow[]): Promise<Map<string, HistorySpan[]>> {
  const out = new Map<string, HistorySpan[]>();
  if (people.length === 0) return out;
  const rows = await db
    .selectFrom('memberOrgHistory')
    .select(['memberId', 'partyOrgId', 'fromOn', 'toOn'])
    .where(
      'memberId',
      'in',
      people.map((p) => p.id),
    )
    .orderBy('fromOn')
    .execute();
  for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), r]);
  for (const p of people) {
    const spans = out.get(p.id);
    const first = spans?.[0];
    if (!spans || !first) continue;
    const back = p.joinedOn ?? '1900-01-01';
    if (back < first.fromOn) spans[0] = { ...first, fromOn: back };
  }
  return out;
}

export type BaseRow = {
  id: string;
  unitId: string;
  memberId: string;
  /** YYYY-MM */
  effectiveFrom: string;
  category: string;
  incomeCipher: string | null;
  rateBp: number;
  monthlyFen: number;
  note: string | null;
  version: number;
};

function selectBases(db: Db) {
  return db
    .selectFrom('duesBase')
    .select([
      'id',
      'unitId',
      'memberId',
      'effectiveFrom',
      'category',
      'incomeCipher',
      'rateBp',
      'monthlyFen',
      'note',
      'version',
    ]);
}
const baseRow = (r: Omit<BaseRow, 'effectiveFrom'> & { effectiveFrom: string }): BaseRow => ({
  ...r,
  effectiveFrom: monthOf(r.effectiveFrom),
});

/** Bases of these members taking effect up to `upTo` (a month), newest first. */
export async function basesOf(
  db: Db,
  memberIds: readonly string[],
  upTo = '2099-12',
): Promise<Map<string, BaseRow[]>> {
  const out = new Map<string, BaseRow[]>();
  if (memberIds.length === 0) return out;
  const rows = await selectBases(db)
    .where('memberId', 'in', [...memberIds])
    .where('effectiveFrom', '<=', asMonthDate(upTo))
    .orderBy('effectiveFrom', 'desc')
    .execute();
  for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), baseRow(r)]);
  return out;
}

export async function findBase(db: Db, id: string): Promise<BaseRow | undefined> {
  const r = await selectBases(db).where('id', '=', id).executeTakeFirst();
  return r ? baseRow(r) : undefined;
}

export async function findBaseOf(db: Db, memberId: string, month: string): Promise<BaseRow | undefined> {
  const r = await selectBases(db)
    .where('memberId', '=', memberId)
    .where('effectiveFrom', '=', asMonthDate(month))
    .executeTakeFirst();
  return r ? baseRow(r) : undefined;
}

/** member → month (YYYY-MM) → fen paid, by valid payments, for months from `from` to `to`. */
export async function paidByMonth(
  db: Db,
  memberIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (memberIds.length === 0) return out;
  const rows = await db
    .selectFrom('duesPaymentMonth as pm')
    .innerJoin('duesPayment as p', (j) =>
      j.onRef('p.unitId', '=', 'pm.unitId').onRef('p.id', '=', 'pm.paymentId'),
    )
    .select(['p.memberId', 'pm.month', sql<string>`sum(${sql.ref('pm.amountFen')})`.as('fen')])
    .where('p.memberId', 'in', [...memberIds])
    .where('p.status', '=', 'valid')
    .where('pm.month', '>=', asMonthDate(from))
    .where('pm.month', '<=', asMonthDate(to))
    .groupBy(['p.memberId', 'pm.month'])
    .execute();
  for (const r of rows) {
    const m = out.get(r.memberId) ?? new Map<string, number>();
    m.set(monthOf(r.month), Number(r.fen));
    out.set(r.memberId, m);
  }
  return out;
}

export type PaymentRow = {
  id: string;
  unitId: string;
  memberId: string;
  memberName: string;
  paidOn: string;
  amountFen: number;
  source: string;
  status: string;
  note: string | null;
  voidReason: string | null;
  recordedByName: string;
  version: number;
  months: { month: string; amountFen: number }[];
};

async function withMonths(db: Db, rows: Omit<PaymentRow, 'months'>[]): Promise<PaymentRow[]> {
  if (rows.length === 0) return [];
  const parts = await db
    .selectFrom('duesPaymentMonth')
    .select(['paymentId', 'month', 'amountFen'])
    .where(
      'paymentId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('month')
    .execute();
  const byPayment = new Map<string, { month: string; amountFen: number }[]>();
  for (const p of parts)
    byPayment.set(p.paymentId, [
      ...(byPayment.get(p.paymentId) ?? []),
      { month: monthOf(p.month), amountFen: p.amountFen },
    ]);
  return rows.map((r) => ({ ...r, months: byPayment.get(r.id) ?? [] }));
}

function selectPayments(db: Db) {
  return db
    .selectFrom('duesPayment as p')
    .innerJoin('member as m', (j) => j.onRef('m.unitId', '=', 'p.unitId').onRef('m.id', '=', 'p.memberId'))
    .select([
      'p.id',
      'p.unitId',
      'p.memberId',
      'm.name as memberName',
      'p.paidOn',
      'p.amountFen',
      'p.source',
      'p.status',
      'p.note',
      'p.voidReason',
      'p.recordedByName',
      'p.version',
    ]);
}

export async function findPayment(db: Db, id: string): Promise<PaymentRow | undefined> {
  const row = await selectPayments(db).where('p.id', '=', id).executeTakeFirst();
  return row ? (await withMonths(db, [row]))[0] : undefined;
}

/** A member's payments paid in the year or covering a month of it, newest first. */
export async function paymentsOfYear(db: Db, memberId: string, year: number): Promise<PaymentRow[]> {
  const rows = await selectPayments(db)
    .where('p.memberId', '=', memberId)
    .where((w) =>
      w.or([
        w.and([w('p.paidOn', '>=', `${year}-01-01`), w('p.paidOn', '<=', `${year}-12-31`)]),
        w.exists(
          w
            .selectFrom('duesPaymentMonth as pm')
            .select('pm.paymentId')
            .whereRef('pm.unitId', '=', 'p.unitId')
            .whereRef('pm.paymentId', '=', 'p.id')
            .where('pm.month', '>=', `${year}-01-01`)
            .where('pm.month', '<=', `${year}-12-01`),
        ),
      ]),
    )
    .orderBy('p.paidOn', 'desc')
    .orderBy('p.createdAt', 'desc')
    .execute();
  return withMonths(db, rows);
}

export async function insertPayment(
  db: Db,
  row: {
    unitId: string;
    memberId: string;
    paidOn: string;
    amountFen: number;
    source: 'entry' | 'import';
    note: string | null;
    recordedByUserId: string | null;
    recordedByName: string;
  },
  parts: readonly { month: string; amountFen: number }[],
): Promise<string> {
  const { id } = await db.insertInto('duesPayment').values(row).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('duesPaymentMonth')
    .values(
      parts.map((p) => ({
        unitId: row.unitId,
        paymentId: id,
        month: asMonthDate(p.month),
        amountFen: p.amountFen,
      })),
    )
    .execute();
  return id;
}

/**
 * The members of organ `unitId` bearing one of `names` who belong, or belonged, to one of `orgIds` — what a payroll
 * row's name may stand for. With their ID number's keyed hash and cipher, to tell namesakes apart by the number or
 * its last four characters (decrypted only for namesakes, and never sent anywhere).
 */
export function membersNamed(db: Db, unitId: string, orgIds: readonly string[], names: readonly string[]) {
  if (orgIds.length === 0 || names.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('member as m')
    .select(['m.id', 'm.name', 'm.idNumberHash', 'm.idNumberCipher'])
    .where('m.unitId', '=', unitId)
    .where('m.name', 'in', [...new Set(names)])
    .where((w) =>
      w.or([
        w('m.partyOrgId', 'in', [...orgIds]),
        w.exists(
          w
            .selectFrom('memberOrgHistory as h')
            .select('h.memberId')
            .whereRef('h.unitId', '=', 'm.unitId')
            .whereRef('h.memberId', '=', 'm.id')
            .where('h.partyOrgId', 'in', [...orgIds]),
        ),
      ]),
    )
    .execute();
}
