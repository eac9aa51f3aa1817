// The demo organ's year of 党费 (pure, seeded): every member's base from January (or the month they joined), by an
// after-tax income that fits their post, a July salary adjustment for about a third; payments as each branch collects
// them — deducted from pay and imported from the payroll sheet, paid month by month, or a quarter at a time — with a
// few members in arrears, more in the branches that lag. The development register is demo.development.ts.
import type { MemberImportRow } from '#contracts/member';
import { monthlyDue, type PlanDuesBase, type PlanDuesPayment } from '../branch/index.ts';
import { type DemoBranchInput, rostersOf } from './demo.branch-draft.ts';
import type { BranchProfile } from './demo.branch-profile.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { DemoRandom } from './demo.random.ts';
import type { DemoCast } from './demo.responsibility-cast.ts';

const DUES_STREAM = 0x7ff8_0000;

/** After-tax monthly income (yuan) by post or rank, as a range; the first match wins. */
const INCOMES: readonly [RegExp, number, number][] = [
  [/^关长$/, 16_500, 19_000],
  [/^副关长$/, 14_500, 16_500],
  [/^副(处长|局长)$/, 11_000, 12_800],
  [/处长|局长/, 12_500, 14_500],
  [/调研员/, 10_500, 12_500],
  [/^副(科长|主任)$/, 8_000, 9_500],
  [/科长|主任$/, 9_000, 10_800],
  [/一级主任科员/, 9_000, 10_500],
  [/二级主任科员/, 8_300, 9_600],
  [/三级主任科员/, 7_600, 8_800],
  [/四级主任科员/, 7_000, 8_200],
  [/一级科员/, 5_800, 7_000],
  [/科员/, 4_600, 5_900],
  [/关员/, 4_200, 5_000],
];

function incomeFen(m: MemberImportRow, r: DemoRandom): number {
  const [, low, high] = INCOMES.find(([re]) => re.test(m.businessPost ?? '')) ?? [null, 6_000, 8_000];
  return r.int(low * 100, high * 100);
}

const monthsFrom = (first: string, last: string) => {
  const out: string[] = [];
  for (let m = first; m <= last; ) {
    out.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return out;
};
const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;
const quarterOf = (month: string) => Math.floor((Number(month.slice(5, 7)) - 1) / 3);

type Style = 'payroll' | 'monthly' | 'quarterly';

export function demoDuesPlan(
  organ: DemoOrgan,
  cast: DemoCast,
  profiles: ReadonlyMap<string, BranchProfile>,
  input: DemoBranchInput,
): { bases: PlanDuesBase[]; payments: PlanDuesPayment[] } {
  const { today, ids } = input;
  const year = today.slice(0, 4);
  const current = today.slice(0, 7);
  const bases: PlanDuesBase[] = [];
  const payments: PlanDuesPayment[] = [];
  const byCode = rostersOf(organ.members);
  cast.branches.forEach((branch, bi) => {
    const r = new DemoRandom(input.seed, DUES_STREAM + bi);
    const x = r.next();
    const style: Style = x < 0.45 ? 'payroll' : x < 0.8 ? 'monthly' : 'quarterly';
    // The 组织委员 collects the dues (the secretary where the branch has no committee member).
    const collector = branch.committee[0] ?? branch.secretary;
    const lagging = profiles.get(branch.code)?.habit === 'lagging';
    for (const m of byCode.get(branch.code) ?? []) {
      const joined = m.joinedOn ?? `${year}-01-01`;
      if (joined > today) continue;
      const first = joined.slice(0, 4) === year ? joined.slice(0, 7) : `${year}-01`;
      const income = incomeFen(m, r);
      const memberId = ids.member(m);
      const own = [{ effectiveFrom: first, income }];
      if (`${year}-07` > first && `${year}-07` <= current && r.chance(0.35))
        own.push({ effectiveFrom: `${year}-07`, income: Math.round((income * r.int(102, 106)) / 100) });
      for (const b of own)
        bases.push({
          memberId,
          effectiveFrom: b.effectiveFrom,
          category: 'serving',
          incomeFen: b.income,
          note: b.effectiveFrom.endsWith('-07') ? '七月调资后重新核定' : null,
          createdAt: new Date(`${b.effectiveFrom}-05T02:00:00Z`),
        });
      const dueOf = (month: string) => {
        const base = [...own].reverse().find((b) => b.effectiveFrom <= month) ?? own[0];
        return monthlyDue('serving', base?.income ?? income).monthlyFen;
      };
      // In arrears: nothing paid for the last months before this one.
      const stopped = r.chance(lagging ? 0.12 : 0.03) ? r.int(2, 4) : 0;
      const owed = monthsFrom(first, current);
      const past = owed.filter((mo) => mo < current);
      const unpaid = new Set(stopped ? past.slice(-stopped) : []);
      const pay = (paidOn: string, months: string[], source: 'entry' | 'import') => {
        const open = months.filter((mo) => !unpaid.has(mo));
        if (open.length === 0 || paidOn >= today) return;
        payments.push({
          memberId,
          paidOn,
          months: open,
          amountFen: open.reduce((s, mo) => s + dueOf(mo), 0),
          source,
          note: source === 'import' ? '工资代扣' : null,
          recordedByUserId: ids.account(collector),
          recordedByName: collector.name,
        });
      };
      if (style === 'quarterly') {
        for (const q of [0, 1, 2, 3]) {
          const months = owed.filter((mo) => quarterOf(mo) === q);
          if (months[0]) pay(day(months[0], r.int(5, 20)), months, 'entry');
        }
      } else {
        // Now and then a member pays two months at once, the late one with the next.
        let carried: string[] = [];
        for (const month of owed) {
          if (style === 'monthly' && r.chance(0.06) && month < current) {
            carried.push(month);
            continue;
          }
          pay(
            day(month, style === 'payroll' ? 15 : r.int(5, 25)),
            [...carried, month],
            style === 'payroll' ? 'import' : 'entry',
          );
          carried = [];
        }
      }
    }
  });
  return { bases, payments };
}
