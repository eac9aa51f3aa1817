// The catalogue of measures (issue 12 point 2): what the platform can compute from records it already holds, each
// registered by the module that keeps those records (responsibility: obligations and duties; fusion: milestones,
// KPI results, brands; later supervision: findings; public evaluation: satisfaction). The assessment module asks a
// measure for values and for the records behind them, and never reads the producer's tables.
//
// 不增负担: nothing may score logins, time online, clicks or check-ins. A measure declares what it counts, and the
// catalogue refuses one that counts presence instead of work — at start-up, so it can never reach an indicator.
import type { Basis, Domain, Measure as MeasureView, RuleBody } from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';

export type MeasureSubjectRef = { id: string; path: string };

export type MeasureQuery = {
  unitId: string;
  subjects: readonly MeasureSubjectRef[];
  /** Count each subject's whole subtree (an organ assessed by its root organisation), or the subject alone. */
  subtree: boolean;
  from: string;
  to: string;
  /** Only the drill-down asks for the records behind the number. */
  withBasis: boolean;
  /**
   * Reads shared by the measures of one ask (sharedRead), set by the assessment for the length of one ask: rows two
   * measures both need are read once. Absent, every read is fresh.
   */
  shared?: Map<string, Promise<unknown>>;
};

/** `read()` once per ask under `key` (see MeasureQuery.shared), or afresh when the query carries no shared reads. */
export function sharedRead<T>(q: MeasureQuery, key: string, read: () => Promise<T>): Promise<T> {
  if (!q.shared) return read();
  let known = q.shared.get(key) as Promise<T> | undefined;
  if (!known) {
    known = read();
    q.shared.set(key, known);
  }
  return known;
}

export type MeasureValue = {
  value: number | null;
  /** What the number is in words ('应开展 12 次，已开展 11 次'), or why there is none. */
  detail: string;
  basis: Basis[];
};

/** What a measure may count: outcomes of work kept in the platform. */
export const COUNTABLE = [
  'responsibility_period',
  'responsibility_item',
  'branch_record',
  'fusion_project',
  'fusion_milestone',
  'fusion_kpi',
  'brand_review',
  'finding',
  'satisfaction',
  'business_kpi',
] as const;
export type Countable = (typeof COUNTABLE)[number];

export type Measure = {
  key: string;
  module: string;
  label: string;
  description: string;
  domain: Domain;
  subject: 'org' | 'member';
  unit: 'ratio' | 'count' | 'score';
  suggestedRule: RuleBody;
  counts: readonly Countable[];
  /**
   * Of the branch records it counts, only these kinds ('study', 'member_appraisal' …); absent, any kind. A change
   * that names its record kinds then moves this measure only when they meet (assessment.recompute.ts).
   */
  recordKinds?: readonly string[];
  compute: (ctx: Ctx, q: MeasureQuery) => Promise<Map<string, MeasureValue>>;
};

/**
 * Whether a change of `counts` (and, for branch records, of `recordKinds`, when it says) can move measure `m`: what
 * the incremental recompute asks of each computed leaf.
 */
export function movedBy(
  m: Pick<Measure, 'counts' | 'recordKinds'>,
  change: { counts: readonly Countable[]; recordKinds?: readonly string[] | undefined },
): boolean {
  const shared = m.counts.filter((k) => change.counts.includes(k));
  if (shared.some((k) => k !== 'branch_record')) return true;
  if (shared.length === 0) return false;
  if (!m.recordKinds || !change.recordKinds) return true;
  return m.recordKinds.some((k) => change.recordKinds?.includes(k));
}

/** Presence, not work: a measure that names one of these is refused (BRIEF: no burden added). */
const PRESENCE =
  /登录|登陆|在线|时长|点击|浏览|打卡|签到|活跃|积分|login|log-in|sign-in|signin|online|session|click|page.?view|check.?in|active.?time/i;

export class MeasureRefused extends Error {}

export function measureRefusal(m: Pick<Measure, 'key' | 'label' | 'description' | 'counts'>): string | null {
  const countsPresence = m.counts.find((c) => !(COUNTABLE as readonly string[]).includes(c));
  if (countsPresence) return `“${m.label}”统计的“${countsPresence}”不是工作成果，不能作为考核依据`;
  if (m.counts.length === 0) return `“${m.label}”须说明统计的是哪类工作成果`;
  const text = `${m.key} ${m.label} ${m.description}`;
  const hit = text.match(PRESENCE);
  if (hit) return `“${m.label}”涉及“${hit[0]}”：登录、在线时长、点击、打卡签到不得作为考核依据`;
  return null;
}

const catalogue = new Map<string, Measure>();

export function registerMeasures(list: readonly Measure[]): void {
  for (const m of list) {
    const refusal = measureRefusal(m);
    if (refusal) throw new MeasureRefused(refusal);
    const known = catalogue.get(m.key);
    if (known && known !== m) throw new Error(`measure ${m.key} registered twice`);
    catalogue.set(m.key, m);
  }
}

export function measureOf(key: string): Measure | undefined {
  return catalogue.get(key);
}

export function allMeasures(): Measure[] {
  return [...catalogue.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function measureView(m: Measure): MeasureView {
  return {
    key: m.key,
    label: m.label,
    description: m.description,
    domain: m.domain,
    subject: m.subject,
    unit: m.unit,
    suggestedRule: m.suggestedRule,
    module: m.module,
  };
}

/** Tests register a measure of their own and take it back. */
export function unregisterMeasure(key: string): void {
  catalogue.delete(key);
}

/**
 * Which subject each Party organisation counts for: the subject itself, or with `subtree` every organisation under
 * it (an organ assessed by its root). For producers, so every measure reads the tree the same way.
 */
export function subjectOrgs(ctx: Ctx, q: MeasureQuery): Promise<Map<string, string>> {
  return sharedRead(q, 'assessment.subject_orgs', () => readSubjectOrgs(ctx, q));
}

async function readSubjectOrgs(ctx: Ctx, q: MeasureQuery): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!q.subtree) {
    for (const s of q.subjects) out.set(s.id, s.id);
    return out;
  }
  if (q.subjects.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('partyOrg')
    .select(['id', 'path'])
    .where('unitId', '=', q.unitId)
    .where((eb) => eb.or(q.subjects.map((s) => eb('path', 'like', `${s.path}%`))))
    .execute();
  // The deepest subject above an organisation wins (subjects of one cycle do not nest, but a guard costs nothing).
  const byDepth = [...q.subjects].sort((a, b) => b.path.length - a.path.length);
  for (const r of rows) {
    const s = byDepth.find((x) => r.path.startsWith(x.path));
    if (s) out.set(r.id, s.id);
  }
  return out;
}

/** Share of `n` in `of`, or null when there is nothing to count. */
export const share = (n: number, of: number): number | null => (of > 0 ? n / of : null);

/** A measure's rows by the subjects they concern (a row may concern several): one pass, not one filter per subject. */
export function bySubject<T>(
  rows: readonly T[],
  keys: (r: T) => readonly (string | null)[],
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows)
    for (const k of keys(r)) {
      if (!k) continue;
      const list = out.get(k);
      if (list) list.push(r);
      else out.set(k, [r]);
    }
  return out;
}
