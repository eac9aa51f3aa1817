// The writing half of the bulk load: each table's rows in one INSERT … SELECT FROM unnest(one array per column) per
// 5,000 rows. Each column travels as one array parameter, so a statement does not grow with its rows: a VALUES list
// of 1,000 items would bind 22,000 parameters, and parsing them cost more than the insert itself (3× on PostgreSQL).
import { type Insertable, sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { DB } from '../../core/db-types.ts';

type PgType = 'uuid' | 'text' | 'date' | 'int' | 'bool' | 'numeric' | 'timestamptz';
type Columns<T extends keyof DB> = { [C in keyof Insertable<DB[T]>]?: PgType };

const CHUNK = 5000;

/** The tables a bulk load writes, parents before the rows naming them; the columns not named take their defaults. */
const COLUMNS = {
  responsibilityList: {
    unitId: 'uuid',
    id: 'uuid',
    year: 'int',
    level: 'text',
    partyOrgId: 'uuid',
    holderMemberId: 'uuid',
    title: 'text',
    templateId: 'uuid',
    status: 'text',
  },
  // A parent item in an earlier row of the same statement is fine: foreign keys are checked at its end.
  responsibilityItem: {
    unitId: 'uuid',
    id: 'uuid',
    listId: 'uuid',
    parentItemId: 'uuid',
    workPointId: 'uuid',
    templateKey: 'text',
    issued: 'bool',
    seq: 'int',
    domain: 'text',
    category: 'text',
    title: 'text',
    detail: 'text',
    weight: 'numeric',
    ownerOrgId: 'uuid',
    ownerMemberId: 'uuid',
    deadline: 'date',
    recurrence: 'text',
    recordKind: 'text',
    effectiveFrom: 'date',
  },
  responsibilityExemption: {
    unitId: 'uuid',
    id: 'uuid',
    itemId: 'uuid',
    startsOn: 'date',
    expiresOn: 'date',
    reason: 'text',
    approverMemberId: 'uuid',
    status: 'text',
    requestedByName: 'text',
    decidedByName: 'text',
    decidedAt: 'timestamptz',
    decisionNote: 'text',
    createdAt: 'timestamptz',
  },
  responsibilityPeriod: {
    unitId: 'uuid',
    id: 'uuid',
    itemId: 'uuid',
    periodKey: 'text',
    startsOn: 'date',
    dueOn: 'date',
    status: 'text',
    progress: 'int',
    doneOn: 'date',
    exemptionId: 'uuid',
  },
  progressReport: {
    unitId: 'uuid',
    id: 'uuid',
    itemId: 'uuid',
    periodId: 'uuid',
    reportedOn: 'date',
    progress: 'int',
    done: 'bool',
    note: 'text',
    reportedByUserId: 'uuid',
    reportedByName: 'text',
    createdAt: 'timestamptz',
  },
  liaison: {
    unitId: 'uuid',
    kind: 'text',
    memberId: 'uuid',
    branchOrgId: 'uuid',
    since: 'date',
    until: 'date',
  },
  handover: {
    unitId: 'uuid',
    id: 'uuid',
    kind: 'text',
    fromMemberId: 'uuid',
    toMemberId: 'uuid',
    post: 'text',
    reason: 'text',
    startsOn: 'date',
    status: 'text',
    createdByName: 'text',
    createdAt: 'timestamptz',
    completedAt: 'timestamptz',
  },
  handoverEntry: {
    unitId: 'uuid',
    handoverId: 'uuid',
    entryKind: 'text',
    entryId: 'text',
    label: 'text',
    acknowledgedAt: 'timestamptz',
  },
} as const satisfies { [T in keyof DB]?: Columns<T> };

type BulkTable = keyof typeof COLUMNS;
export type BulkRows = { [T in BulkTable]: readonly Insertable<DB[T]>[] };

async function insertSet<T extends BulkTable>(ctx: Ctx, table: T, rows: readonly Insertable<DB[T]>[]) {
  const types: Columns<T> = COLUMNS[table];
  const columns = Object.keys(types) as (keyof Insertable<DB[T]> & string)[];
  let statements = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const arrays = columns.map((c) => {
      const values = part.map((r) => {
        const v: unknown = r[c];
        return v instanceof Date ? v.toISOString() : (v ?? null);
      });
      return sql`${values}::${sql.raw(types[c] as PgType)}[]`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      select * from unnest(${sql.join(arrays)})`.execute(ctx.db);
    statements++;
  }
  return statements;
}

/** Writes every table's rows in the order of COLUMNS; returns how many statements that took. */
export async function writeRows(ctx: Ctx, rows: BulkRows): Promise<number> {
  let statements = 0;
  for (const table of Object.keys(COLUMNS) as BulkTable[])
    statements += await insertSet(ctx, table, rows[table] as readonly Insertable<DB[typeof table]>[]);
  return statements;
}
