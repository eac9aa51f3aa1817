// Ranking assessed organisations and members (pure): ranks with their ties shown, entries known only as a band
// placed by the ranks they could take, calibrations that always carry a reason, and grades.

export type Band = { low: number; high: number };
export type RankEntry = { id: string; score: number | null; band?: Band | null };
export type Ranked = {
  id: string;
  score: number | null;
  band: Band | null;
  /** Standard competition ranking (1, 2, 2, 4) on scores rounded to 2 decimals; null when banded or no data. */
  rank: number | null;
  /** The other ids sharing this rank: ties are shown, never broken silently. */
  tiedWith: string[];
  /** Banded entries: the ranks they could take against the exact scores. */
  range: { best: number; worst: number } | null;
  note: string | null;
};

/** Hundredths, as an integer: two scores tie when they read the same to two decimals. */
const key = (score: number) => Math.round(score * 100);

const isBanded = (e: RankEntry): e is RankEntry & { band: Band } => e.band != null;
const hasScore = (e: RankEntry): e is RankEntry & { score: number } =>
  e.score !== null && Number.isFinite(e.score);

/**
 * Ranks the entries. An entry with a band is banded (its score, if any, is not ranked); one with a score and no band
 * is exact; the rest have no data. Out come the exact entries by rank (ties in input order), then the banded ones by
 * the midpoint of their band, then the ones without data.
 *
 * A banded entry's range: at best its true score is band.high, and only exact scores strictly above it come first
 * (an equal one would tie with it); at worst it is band.low, and exact scores equal to band.low are counted ahead of
 * it too — the worst rank errs on the side of caution rather than promise a shared place the band cannot prove.
 * Both compare on hundredths, as the ranks do.
 */
export function rankEntries(entries: readonly RankEntry[]): Ranked[] {
  const exact = entries.filter((e) => !isBanded(e) && hasScore(e)) as (RankEntry & { score: number })[];
  const banded = entries.filter(isBanded);
  const none = entries.filter((e) => !isBanded(e) && !hasScore(e));
  const keys = exact.map((e) => key(e.score));

  const ranked: Ranked[] = exact.map((e) => {
    const k = key(e.score);
    return {
      id: e.id,
      score: e.score,
      band: null,
      rank: 1 + keys.filter((other) => other > k).length,
      tiedWith: exact.filter((o) => o !== e && key(o.score) === k).map((o) => o.id),
      range: null,
      note: null,
    };
  });
  // Array.prototype.sort is stable, so ties keep their input order.
  ranked.sort((a, b) => (a.rank as number) - (b.rank as number));

  const mid = (b: Band) => (b.low + b.high) / 2;
  const bandedOut: Ranked[] = [...banded]
    .sort((a, b) => mid(b.band) - mid(a.band))
    .map((e) => ({
      id: e.id,
      score: e.score,
      band: e.band,
      rank: null,
      tiedWith: [],
      range: {
        best: 1 + keys.filter((k) => k > key(e.band.high)).length,
        worst: 1 + keys.filter((k) => k >= key(e.band.low)).length,
      },
      note: '评价人数不足，按区间显示',
    }));

  const noneOut: Ranked[] = none.map((e) => ({
    id: e.id,
    score: null,
    band: null,
    rank: null,
    tiedWith: [],
    range: null,
    note: '数据不足，不参与排名',
  }));
  return [...ranked, ...bandedOut, ...noneOut];
}

export type Calibration = { id: string; to: number; reason: string };

/** The highest score a calibration may set: bonuses can lift a score past 100, so up to 120. */
export const CALIBRATION_MAX = 120;

export function calibrationIssues(
  entries: readonly RankEntry[],
  calibrations: readonly Calibration[],
): { path: string; message: string }[] {
  const ids = new Set(entries.map((e) => e.id));
  const seen = new Map<string, number>();
  const out: { path: string; message: string }[] = [];
  calibrations.forEach((c, i) => {
    const at = `calibrations.${i}`;
    if (!ids.has(c.id)) out.push({ path: `${at}.id`, message: '要校准的对象不在本次考核范围内，请重新选择' });
    else if (seen.has(c.id))
      out.push({
        path: `${at}.id`,
        message: `同一对象只能校准一次，与第 ${(seen.get(c.id) as number) + 1} 条重复，请合并`,
      });
    else seen.set(c.id, i);
    if (typeof c.to !== 'number' || !Number.isFinite(c.to) || c.to < 0 || c.to > CALIBRATION_MAX)
      out.push({ path: `${at}.to`, message: `校准后的得分应在 0 到 ${CALIBRATION_MAX} 之间` });
    if (typeof c.reason !== 'string' || c.reason.trim() === '')
      out.push({ path: `${at}.reason`, message: '请写明校准理由' });
  });
  return out;
}

/**
 * Applies calibrations: the entry takes the calibrated score, keeps the one it had in calibratedFrom and carries the
 * reason. A calibrated entry is exact — the officer has settled what a band left open — so its band goes. Throws on
 * calibrations that calibrationIssues rejects: a score changed without a reason must never slip through.
 */
export function applyCalibrations(
  entries: readonly RankEntry[],
  calibrations: readonly Calibration[],
): (RankEntry & { calibratedFrom: number | null; reason: string | null })[] {
  const issues = calibrationIssues(entries, calibrations);
  if (issues.length > 0)
    throw new Error(`校准有误：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`);
  const byId = new Map(calibrations.map((c) => [c.id, c]));
  return entries.map((e) => {
    const c = byId.get(e.id);
    if (!c) return { ...e, calibratedFrom: null, reason: null };
    return { ...e, score: c.to, band: null, calibratedFrom: e.score, reason: c.reason.trim() };
  });
}

export type GradeStep = { grade: string; label: string; atLeast: number };

export const DEFAULT_GRADES: readonly GradeStep[] = [
  { grade: 'excellent', label: '优秀', atLeast: 90 },
  { grade: 'good', label: '良好', atLeast: 80 },
  { grade: 'fair', label: '一般', atLeast: 60 },
  { grade: 'poor', label: '较差', atLeast: 0 },
];

export function gradeIssues(steps: readonly GradeStep[]): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (steps.length === 0) return [{ path: 'steps', message: '请至少设置一个等次' }];
  const grades = new Map<string, number>();
  const bars = new Map<number, number>();
  steps.forEach((s, i) => {
    const at = `steps.${i}`;
    if (typeof s.grade !== 'string' || s.grade.trim() === '')
      out.push({ path: `${at}.grade`, message: '请填写等次代码' });
    else if (grades.has(s.grade))
      out.push({
        path: `${at}.grade`,
        message: `等次代码与第 ${(grades.get(s.grade) as number) + 1} 个重复`,
      });
    else grades.set(s.grade, i);
    if (typeof s.label !== 'string' || s.label.trim() === '')
      out.push({ path: `${at}.label`, message: '请填写等次名称，如“优秀”' });
    if (!Number.isFinite(s.atLeast) || s.atLeast < 0 || s.atLeast > CALIBRATION_MAX)
      out.push({ path: `${at}.atLeast`, message: `分数线应在 0 到 ${CALIBRATION_MAX} 之间` });
    else if (bars.has(s.atLeast))
      out.push({
        path: `${at}.atLeast`,
        message: `分数线与第 ${(bars.get(s.atLeast) as number) + 1} 个等次相同，请修改`,
      });
    else bars.set(s.atLeast, i);
  });
  // Every score must get a grade: without a step from 0 the lowest scores would have none.
  if (bars.size > 0 && !bars.has(0))
    out.push({ path: 'steps', message: '最低一个等次的分数线应为 0，确保每个得分都有等次' });
  return out;
}

/**
 * The step with the highest bar the score reaches (bars inclusive); null for no score or a score below them all.
 * Compared in hundredths like the ranks, so a score shown as 90.00 is never graded below the 90 line.
 */
export function gradeOf(score: number | null, steps: readonly GradeStep[]): GradeStep | null {
  if (score === null || !Number.isFinite(score)) return null;
  const k = key(score);
  let best: GradeStep | null = null;
  for (const s of steps) if (k >= key(s.atLeast) && (best === null || s.atLeast > best.atLeast)) best = s;
  return best;
}
