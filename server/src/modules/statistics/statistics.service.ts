// The Party statistics (党内统计) of one subtree, as organs report them every year. Counts come grouped from the
// database; here they are put into the report's rows: fixed bands and code-list order, empty fields apart.
import { CODE_LISTS } from '#contracts/code-lists';
import { GENDER_LABELS, MEMBER_CATEGORIES } from '#contracts/member';
import { PARTY_ORG_KINDS } from '#contracts/org';
import {
  AGE_BANDS,
  type Band,
  BRANCH_SIZE_BANDS,
  bandOf,
  type CountRow,
  MEMBERSHIP_BANDS,
  NOT_RECORDED,
  type PartyStatistics,
  PROBATION_SOON_DAYS,
  PROBATIONARY_BAND,
  type StatisticsQuery,
} from '#contracts/statistics';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import * as repo from './statistics.repository.ts';

type Grouped = { key: string | number | null; n: number }[];

/** Rows for `order` (zero where nothing counted), then any other value seen, then the empty field if any. */
function ordered(groups: Grouped, order: readonly string[], emptyKey = NOT_RECORDED): CountRow[] {
  const counts = new Map<string, number>();
  for (const g of groups) {
    const key = g.key === null || g.key === '' ? emptyKey : String(g.key);
    counts.set(key, (counts.get(key) ?? 0) + g.n);
  }
  const rows: CountRow[] = order.map((key) => ({ key, count: counts.get(key) ?? 0 }));
  const others = [...counts.keys()].filter((k) => !order.includes(k) && k !== emptyKey).sort();
  for (const key of others) rows.push({ key, count: counts.get(key) ?? 0 });
  if (counts.has(emptyKey)) rows.push({ key: emptyKey, count: counts.get(emptyKey) ?? 0 });
  return rows;
}

/** Whole-year values put into bands; null is "not recorded", and `special` keys (e.g. -9999) map to their own row. */
function banded(groups: Grouped, bands: readonly Band[], special: Record<number, string> = {}): CountRow[] {
  const keyed = groups.map((g) => ({
    key: g.key === null ? null : (special[Number(g.key)] ?? bandOf(bands, Number(g.key))),
    n: g.n,
  }));
  return ordered(keyed, [...bands.map(([label]) => label), ...Object.values(special)]);
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const today = () => new Date().toISOString().slice(0, 10);

export async function partyStatistics(ctx: Ctx, query: StatisticsQuery): Promise<PartyStatistics> {
  const org = await repo.findOrg(ctx.db, query.partyOrgId);
  if (!org || !isInScope(ctx.actor, 'member.read', org.path)) {
    throw notFound('statistics.org_not_found', '党组织不存在或不在您的管理范围内');
  }
  const asOf = query.asOf ?? today();
  const by = (d: repo.Dimension) => repo.countBy(ctx.db, org.path, d, asOf);
  const category = await by('category');
  const gender = await by('gender');
  const ethnicity = await by('ethnicity');
  const education = await by('education');
  const age = await by('age');
  const years = await by('membershipYears');
  const probation = await repo.probationaryEndingBy(ctx.db, org.path, addDays(asOf, PROBATION_SOON_DAYS));
  const kinds = await repo.orgsByKind(ctx.db, org.path);
  const sizes = await repo.branchSizes(ctx.db, org.path);

  const byEthnicity = ordered(ethnicity, []).sort(
    (a, b) => Number(a.key === NOT_RECORDED) - Number(b.key === NOT_RECORDED) || b.count - a.count,
  );
  const minorityCount = ethnicity
    .filter((g) => g.key !== null && g.key !== '' && g.key !== '汉族')
    .reduce((sum, g) => sum + g.n, 0);
  return {
    partyOrgId: org.id,
    partyOrgName: org.name,
    asOf,
    totalMembers: category.reduce((sum, g) => sum + g.n, 0),
    byCategory: ordered(category, MEMBER_CATEGORIES),
    byGender: ordered(gender, Object.keys(GENDER_LABELS)),
    byEthnicity,
    minorityCount,
    byEducation: ordered(
      education,
      CODE_LISTS.education.map((e) => e.name),
    ),
    byAgeBand: banded(age, AGE_BANDS),
    byMembershipYears: banded(years, MEMBERSHIP_BANDS, { [-9999]: PROBATIONARY_BAND }),
    probationDue: probation.filter((p) => p.dueOn <= asOf),
    probationEndingSoon: probation.filter((p) => p.dueOn > asOf),
    orgsByKind: ordered(
      kinds.map((k) => ({ key: k.kind, n: k.n })),
      PARTY_ORG_KINDS,
    ),
    branchesBySize: banded(
      sizes.map((n) => ({ key: n, n: 1 })),
      BRANCH_SIZE_BANDS,
    ),
  };
}
