// The writing half of the branch module's bulk loads (a year of branch records, of dues, a development register): each
// table's rows in one INSERT … SELECT FROM unnest(one array per column) per 5,000 rows, as the responsibility bulk
// load writes its tables. One array parameter per column keeps a statement the same size whatever its rows.
import { type Insertable, sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { DB } from '../../core/db-types.ts';

type PgType = 'uuid' | 'text' | 'date' | 'int' | 'bool' | 'jsonb' | 'timestamptz';
type Columns<T extends keyof DB> = { [C in keyof Insertable<DB[T]>]?: PgType };

const CHUNK = 5000;

/** The tables the loads write, parents before the rows naming them; columns not named take their defaults. */
const COLUMNS = {
  branchRecord: {
    unitId: 'uuid',
    id: 'uuid',
    partyOrgId: 'uuid',
    kind: 'text',
    status: 'text',
    plannedOn: 'date',
    heldOn: 'date',
    place: 'text',
    hostMemberId: 'uuid',
    recorderMemberId: 'uuid',
    topic: 'text',
    content: 'text',
    resolutions: 'text',
    parts: 'jsonb',
    studied: 'text',
    appliedTo: 'text',
    outcome: 'text',
    counts: 'jsonb',
    source: 'text',
    createdByUserId: 'uuid',
    createdByName: 'text',
    createdAt: 'timestamptz',
    updatedAt: 'timestamptz',
  },
  branchRecordAttendee: {
    unitId: 'uuid',
    recordId: 'uuid',
    memberId: 'uuid',
    attendance: 'text',
    reason: 'text',
    expected: 'bool',
  },
  memberGrade: { unitId: 'uuid', recordId: 'uuid', memberId: 'uuid', grade: 'text', note: 'text' },
  temporaryMembership: {
    unitId: 'uuid',
    partyOrgId: 'uuid',
    memberId: 'uuid',
    fromOn: 'date',
    toOn: 'date',
  },
  duesBase: {
    unitId: 'uuid',
    id: 'uuid',
    memberId: 'uuid',
    effectiveFrom: 'date',
    category: 'text',
    incomeCipher: 'text',
    rateBp: 'int',
    monthlyFen: 'int',
    note: 'text',
    createdAt: 'timestamptz',
  },
  duesPayment: {
    unitId: 'uuid',
    id: 'uuid',
    memberId: 'uuid',
    paidOn: 'date',
    amountFen: 'int',
    source: 'text',
    note: 'text',
    recordedByUserId: 'uuid',
    recordedByName: 'text',
    createdAt: 'timestamptz',
  },
  duesPaymentMonth: { unitId: 'uuid', paymentId: 'uuid', month: 'date', amountFen: 'int' },
  developmentPerson: {
    unitId: 'uuid',
    id: 'uuid',
    partyOrgId: 'uuid',
    name: 'text',
    gender: 'text',
    birthDate: 'date',
    idNumberCipher: 'text',
    idNumberHash: 'text',
    idNumberMasked: 'text',
    stage: 'text',
    appliedOn: 'date',
    activistOn: 'date',
    candidateOn: 'date',
    probationaryOn: 'date',
    fullOn: 'date',
    introducer1MemberId: 'uuid',
    introducer2MemberId: 'uuid',
    memberId: 'uuid',
    notes: 'text',
    createdAt: 'timestamptz',
  },
} as const satisfies { [T in keyof DB]?: Columns<T> };

export type BulkTable = keyof typeof COLUMNS;
export type BulkRows = { [T in BulkTable]?: readonly Insertable<DB[T]>[] };

async function insertSet<T extends BulkTable>(ctx: Ctx, table: T, rows: readonly Insertable<DB[T]>[]) {
  const types: Columns<T> = COLUMNS[table];
  const columns = Object.keys(types) as (keyof Insertable<DB[T]> & string)[];
  let statements = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const arrays = columns.map((c) => {
      const type = types[c] as PgType;
      const values = part.map((r) => {
        const v: unknown = r[c];
        return v instanceof Date ? v.toISOString() : (v ?? null);
      });
      // jsonb travels as text (already serialised) and is cast element by element.
      return type === 'jsonb' ? sql`${values}::text[]::jsonb[]` : sql`${values}::${sql.raw(type)}[]`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      select * from unnest(${sql.join(arrays)})`.execute(ctx.db);
    statements++;
  }
  return statements;
}

/** Writes the given tables' rows in the order of COLUMNS; returns how many statements that took. */
export async function writeBulk(ctx: Ctx, rows: BulkRows): Promise<number> {
  let statements = 0;
  for (const table of Object.keys(COLUMNS) as BulkTable[]) {
    const part = rows[table];
    if (part?.length)
      statements += await insertSet(ctx, table, part as readonly Insertable<DB[typeof table]>[]);
  }
  return statements;
}
