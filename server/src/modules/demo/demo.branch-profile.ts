// How each standing branch of the demo organ keeps its organisational life this year (pure, seeded): most are regular
// (every 主题党日, 支委会, 党员大会, 党课, 学用融 study and half-year's talks held), some slip once, some lag (missed
// months and quarters, so the obligations roll-up shows red), one or two carry an approved exemption of one month,
// and a few kept January and February on paper and imported them. Both halves of the demo year read it: the
// responsibility plan (the duties met by records and their exemptions) and the records plan (which records exist).
import type { BranchRecordKind } from '#contracts/branch';
import type { Recurrence } from '#contracts/responsibility';
import { type PeriodSpan, periodsOf } from '../responsibility/index.ts';
import { EXEMPTION_TEXTS_BRANCH } from './demo.branch-texts.ts';
import { addDays, DemoRandom } from './demo.random.ts';
import type { BranchCast, DemoCast } from './demo.responsibility-cast.ts';

/** The duties of the standard template met by branch records, with their recurrence. */
export const RECORD_DUTIES: readonly { kind: BranchRecordKind; recurrence: Exclude<Recurrence, 'none'> }[] = [
  { kind: 'theme_day', recurrence: 'monthly' },
  { kind: 'committee_meeting', recurrence: 'monthly' },
  { kind: 'general_meeting', recurrence: 'quarterly' },
  { kind: 'party_lecture', recurrence: 'quarterly' },
  { kind: 'study', recurrence: 'quarterly' },
  { kind: 'talk', recurrence: 'half_yearly' },
  { kind: 'org_life_meeting', recurrence: 'yearly' },
  { kind: 'member_appraisal', recurrence: 'yearly' },
];

export type Habit = 'regular' | 'slipping' | 'lagging';

export type BranchExemption = {
  kind: BranchRecordKind;
  period: PeriodSpan;
  reason: string;
  decision: string;
  requestedOn: string;
  decidedOn: string;
};

export type BranchProfile = {
  habit: Habit;
  /** Past periods (by key) of each kind that went without a record. */
  missed: ReadonlyMap<BranchRecordKind, ReadonlySet<string>>;
  exemption: BranchExemption | null;
  /** Records held before this day were kept on paper and imported from the 三会一课 workbook; null: none. */
  importedBefore: string | null;
  /** The year's 组织生活会 and 民主评议党员 are still to come (planned, or not even that). */
  yearlyLate: boolean;
};

/** Random streams of the profiles, far from the other demo streams. */
const PROFILE_STREAM = 0x7ffc_0000;

export const spansOf = (recurrence: Exclude<Recurrence, 'none'>, today: string): PeriodSpan[] =>
  periodsOf(
    { recurrence, effectiveFrom: `${today.slice(0, 4)}-01-01`, deadline: null },
    Number(today.slice(0, 4)),
    today,
  );

const pastSpans = (recurrence: Exclude<Recurrence, 'none'>, today: string) =>
  spansOf(recurrence, today).filter((s) => s.dueOn < today);

function missedOf(r: DemoRandom, habit: Habit, today: string): Map<BranchRecordKind, Set<string>> {
  const out = new Map<BranchRecordKind, Set<string>>();
  const miss = (kind: BranchRecordKind, recurrence: Exclude<Recurrence, 'none'>, n: number) => {
    const keys = r.shuffle(pastSpans(recurrence, today).map((s) => s.key)).slice(0, n);
    if (keys.length) out.set(kind, new Set(keys));
  };
  if (habit === 'lagging') {
    miss('theme_day', 'monthly', r.int(1, 3));
    miss('committee_meeting', 'monthly', r.int(2, 4));
    for (const kind of ['general_meeting', 'party_lecture', 'study'] as const)
      if (r.chance(0.5)) miss(kind, 'quarterly', 1);
    if (r.chance(0.5)) miss('talk', 'half_yearly', 1);
  } else if (habit === 'slipping') {
    if (r.chance(0.7)) miss('committee_meeting', 'monthly', 1);
    else miss(r.pick(['general_meeting', 'study'] as const), 'quarterly', 1);
  }
  return out;
}

/**
 * Every standing branch's profile. The home branch (the demo accounts') is regular and enters everything itself;
 * roughly three branches in four are regular, one in eight slips once, one in seven lags (at the demo organ's
 * quality; see demo.options.ts).
 */
export function branchProfiles(cast: DemoCast, seed: number, today: string): Map<string, BranchProfile> {
  const year = Number(today.slice(0, 4));
  const importDay = `${year}-03-01`;
  const out = new Map<string, BranchProfile>();
  // At the demo organ's quality (0.5) one branch in seven lags and one in eight slips; none at 1, twice as many at 0.
  const lagging = 0.28 * (1 - cast.quality);
  const slipping = 0.24 * (1 - cast.quality);
  cast.branches.forEach((branch, bi) => {
    const r = new DemoRandom(seed, PROFILE_STREAM + bi);
    const isHome = branch === cast.home;
    const x = r.next();
    const habit: Habit = isHome
      ? 'regular'
      : x < lagging
        ? 'lagging'
        : x < lagging + slipping
          ? 'slipping'
          : 'regular';
    out.set(branch.code, {
      habit,
      missed: missedOf(r, habit, today),
      exemption: null,
      importedBefore: !isHome && r.chance(0.2) && today >= addDays(importDay, 9) ? importDay : null,
      yearlyLate: habit === 'lagging' ? r.chance(0.7) : r.chance(0.08),
    });
  });
  addExemptions(cast, seed, today, out);
  return out;
}

/** One regular branch is excused a month's 主题党日, another a month's 支委会 (the organ has enough branches). */
function addExemptions(cast: DemoCast, seed: number, today: string, out: Map<string, BranchProfile>): void {
  const r = new DemoRandom(seed, PROFILE_STREAM - 1);
  const eligible = r.shuffle(
    cast.branches.filter(
      (b: BranchCast) => b !== cast.home && b !== cast.leaver?.branch && out.get(b.code)?.habit === 'regular',
    ),
  );
  const texts = [EXEMPTION_TEXTS_BRANCH.themeDay, EXEMPTION_TEXTS_BRANCH.committee];
  (['theme_day', 'committee_meeting'] as const).forEach((kind, i) => {
    const branch = eligible[i];
    const profile = branch && out.get(branch.code);
    const text = texts[i];
    if (!branch || !profile || !text) return;
    // A month already over when there is one, else this month.
    const spans = spansOf('monthly', today);
    const past = spans.filter((s) => s.dueOn < today);
    const period = (past.length ? r.pick(past) : spans[spans.length - 1]) as PeriodSpan;
    const requestedOn = [addDays(period.startsOn, r.int(0, 4)), today].sort()[0] as string;
    const decidedOn = [addDays(requestedOn, r.int(1, 3)), today].sort()[0] as string;
    out.set(branch.code, {
      ...profile,
      exemption: { kind, period, reason: text.reason, decision: text.decision, requestedOn, decidedOn },
    });
  });
}
