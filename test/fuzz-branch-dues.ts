import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { z } from 'zod';
import { idNumberCheckChar } from '#contracts/id-number';
import { dateBetween, type Hint, plausible } from './fuzz-inputs.ts';
import type { Client, TestApp } from './helpers.ts';

// 党费 and 发展党员 in the fuzz test (test/fuzz.int.test.ts): where their references come from (bases, payments and
// register entries harvested from every answer; payments still valid as the likelier targets of a void), values the
// schemas alone would rarely make meet the world (months the fuzz members owe, dates in the past), the payroll
// upload's rows, and the records the run starts from.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

const DUES_URL = /^\/api\/(branch\/(dues|development)|me\/dues)\b/;
export const isDuesUrl = (url: string) => DUES_URL.test(url);

export const DUES_POOLS = ['duesBase', 'duesPayment', 'validPayment', 'devPerson'] as const;

/** The pool of a reference of a dues or development route; undefined when the route is not one of theirs. */
export function duesPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isDuesUrl(url)) return undefined;
  if (key === 'id') {
    if (url.startsWith('/api/branch/dues/bases/')) return ['duesBase'];
    if (url.startsWith('/api/branch/dues/payments/')) return ['duesPayment', 'validPayment'];
    if (url.startsWith('/api/branch/dues/members/')) return ['member'];
    if (url.startsWith('/api/branch/development/')) return ['devPerson'];
    return null;
  }
  if (key === 'memberId' || key === 'introducerMemberIds') return ['member'];
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A month of the last two years, when the fuzz members were members. */
const monthArb = fc
  .record({ y: fc.integer({ min: YEAR - 2, max: YEAR - 1 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${pad(m)}`);
const sometimes = (arb: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

/** Values of the dues and development routes the schema alone would rarely make meet the world. */
export function duesHint(url: string): Hint {
  return (key: string, _schema: z.ZodType) => {
    if (!isDuesUrl(url)) return undefined;
    if (key === 'year')
      return fc.oneof(
        { arbitrary: fc.constant(YEAR), weight: 3 },
        { arbitrary: fc.constant(YEAR - 1), weight: 1 },
      );
    if (key === 'months') return fc.array(monthArb, { minLength: 1, maxLength: 2 });
    if (key === 'effectiveFrom')
      return fc.oneof(
        { arbitrary: monthArb, weight: 3 },
        { arbitrary: fc.constant(`${YEAR}-01`), weight: 1 },
      );
    if (key === 'amountFen') return fc.integer({ min: 1, max: 20_000 });
    if (key === 'paidOn') return dateBetween(YEAR - 1, YEAR - 1);
    if (key === 'appliedOn') return plausible(2012, 2024);
    // Most changes of a register entry leave its stages as they are; now and then one moves on (or too early).
    if (['activistOn', 'candidateOn', 'probationaryOn', 'fullOn'].includes(key))
      return sometimes(plausible(2012, YEAR - 1));
    return undefined;
  };
}

type Pools = Record<string, string[]>;

/** Takes bases, payments and register entries from a dues or development answer, however deeply nested. */
export function harvestDues(value: unknown, pools: Pools, versions: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const v of value) harvestDues(v, pools, versions);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o))
    if (k !== 'error' && v && typeof v === 'object') harvestDues(v, pools, versions);
  if (typeof o.id !== 'string' || typeof o.version !== 'number') return;
  versions.set(o.id, o.version);
  const add = (pool: string, yes = true) => {
    const list = (pools[pool] ?? []).filter((x) => x !== o.id);
    pools[pool] = yes ? [...list, o.id as string] : list;
  };
  if ('effectiveFrom' in o && 'monthlyFen' in o) add('duesBase');
  else if ('paidOn' in o && 'months' in o) {
    add('duesPayment');
    add('validPayment', o.status === 'valid');
  } else if ('appliedOn' in o && 'stage' in o) add('devPerson');
}

// The payroll upload ---------------------------------------------------------------------------------------------

const state = {
  importOrg: '',
  /** The names a payroll row may carry, read when the file is made: other routes rename and move members meanwhile. */
  names: async (): Promise<string[]> => [],
};

export type PayrollRow = { name: number; month: string; paid: number; income: number | null };
const payrollRowArb: fc.Arbitrary<PayrollRow> = fc.record({
  name: fc.nat(),
  month: monthArb,
  paid: fc.integer({ min: 1, max: 5_000 }).map((fen) => fen / 100),
  income: fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    { arbitrary: fc.integer({ min: 100_000, max: 2_000_000 }).map((f) => f / 100), weight: 1 },
  ),
});

export function duesRowsArb(url: string): fc.Arbitrary<unknown[]> | undefined {
  return url === '/api/branch/dues/import'
    ? fc.array(payrollRowArb, { minLength: 1, maxLength: 2 })
    : undefined;
}

/** A payroll workbook in the template's headers, and the URL naming the organisation it is for. */
export async function payrollUpload(url: string, rows: unknown[]): Promise<{ file: Buffer; url: string }> {
  const names = await state.names();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党费');
  ws.addRow(['姓名', '月份', '人员类别', '税后月收入（元）', '实交党费（元）']);
  for (const r of rows as PayrollRow[])
    ws.addRow([
      names[r.name % Math.max(names.length, 1)] ?? '无名',
      r.month,
      r.income === null ? null : '在职',
      r.income,
      r.paid,
    ]);
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), url: `${url}?partyOrgId=${state.importOrg}` };
}

const withCheck = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;

// The world --------------------------------------------------------------------------------------------------------

export type DuesFuzzWorld = {
  t: TestApp;
  officer: Client;
  orgId: (code: string) => string;
  members: readonly string[];
  harvest: (url: string, value: unknown) => void;
};

/** Bases and payments of the fuzz members, and people in two branches' registers, made through the API. */
export async function buildDuesWorld(w: DuesFuzzWorld): Promise<void> {
  const send = async (url: string, body: unknown) => {
    const res = await w.officer.post(url, body);
    if (res.statusCode !== 200) throw new Error(`dues world: ${url} ${res.statusCode} ${res.body}`);
    w.harvest(url, res.json());
  };
  for (const [i, memberId] of w.members.slice(0, 4).entries()) {
    await send('/api/branch/dues/bases', {
      memberId,
      effectiveFrom: `${YEAR - 2}-01`,
      category: i % 2 ? 'retired' : 'serving',
      incomeFen: 350_000 + i * 100_000,
    });
    for (const month of ['01', '02', '03'])
      await send('/api/branch/dues/payments', {
        memberId,
        months: [`${YEAR - 2}-${month}`],
        amountFen: 5_000,
        paidOn: `${YEAR - 2}-${month}-28`,
      });
  }
  for (const [i, code] of ['F-A', 'F-B', 'F-A'].entries())
    await send('/api/branch/development', {
      partyOrgId: w.orgId(code),
      name: `发展对象${i}`,
      idNumber: withCheck(`1101011995030700${i}`),
      appliedOn: '2020-03-01',
    });
  state.importOrg = w.orgId('F-ROOT');
  const db = w.t.database.db;
  const root = await db
    .selectFrom('partyOrg')
    .select(['unitId', 'path'])
    .where('id', '=', state.importOrg)
    .executeTakeFirstOrThrow();
  // Active members under the organ's root now, each name once (a name two members share needs an ID number).
  state.names = async () => {
    const rows = await db
      .selectFrom('member as m')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'),
      )
      .select('m.name')
      .where('m.unitId', '=', root.unitId)
      .where('m.status', '=', 'active')
      .where('o.path', 'like', `${root.path}%`)
      .where('m.id', 'in', [...w.members])
      .execute();
    const seen = new Map<string, number>();
    for (const r of rows) seen.set(r.name, (seen.get(r.name) ?? 0) + 1);
    return [...seen].filter(([, n]) => n === 1).map(([name]) => name);
  };
}
