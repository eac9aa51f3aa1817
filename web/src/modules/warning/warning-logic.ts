// The pure part of the warning pages (issue 13 points 1–5): the colours of the four levels, which warnings come
// first, what is being done about one, the weights check of a formula draft, and the data the overview's charts
// draw. Kept out of the components so that each rule is tested by hand-written numbers.
import type { IndexPart, Level, OverviewOrg, Warning } from '#contracts/warning';
import { LEVEL_RANK, LEVELS } from '#contracts/warning';

/** The colour each level is painted in, on the cards, the tree map and the tags: the traffic light people know. */
export const LEVEL_COLOUR: Record<Level, string> = {
  green: '#389e0d',
  yellow: '#d4b106',
  orange: '#d46b08',
  red: '#cf1322',
};

/** antd's preset tag colours for the same levels (readable text on a light tint). */
export const LEVEL_TAG: Record<Level, string> = {
  green: 'green',
  yellow: 'gold',
  orange: 'orange',
  red: 'red',
};

/** Worst first, then the nearest deadline (none last), then by name, so that the list never reorders itself. */
export function worstFirst<W extends Pick<Warning, 'level' | 'deadline' | 'partyOrgName' | 'id'>>(
  warnings: readonly W[],
): W[] {
  return [...warnings].sort(
    (a, b) =>
      LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
      (a.deadline ?? '9999-12-31').localeCompare(b.deadline ?? '9999-12-31') ||
      a.partyOrgName.localeCompare(b.partyOrgName, 'zh-CN') ||
      a.id.localeCompare(b.id),
  );
}

export type Handling =
  | { kind: 'none' }
  | { kind: 'note' }
  | { kind: 'plan' | 'rectification'; due: string | null; lapsed: boolean };

/** What is being done about a warning, from its answer: nothing yet, a note, or a plan / 整改事项 (lapsed or not). */
export function handling(w: Pick<Warning, 'answer'>): Handling {
  const a = w.answer;
  if (!a) return { kind: 'none' };
  if (a.kind === 'note') return { kind: 'note' };
  return { kind: a.kind, due: a.planDue, lapsed: a.lapsed };
}

/** The sum of a draft's weights and whether it is 100 (within the server's tolerance of 0.001). */
export function weightsCheck(parts: readonly Pick<IndexPart, 'weight'>[]): { total: number; ok: boolean } {
  // Summed in thousandths so that 33.3 + 33.3 + 33.4 shows as 100, not 99.99999999999999.
  const total =
    Math.round(parts.reduce((s, p) => s + (Number.isFinite(p.weight) ? p.weight : 0), 0) * 1000) / 1000;
  return { total, ok: Math.abs(total - 100) <= 0.001 };
}

const QUARTERS_ZH = ['一', '二', '三', '四'];

/** "2026-Q4" → "2026年第四季度" (or "2026 Q4"); anything else as given. */
export function periodLabel(periodKey: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (!m) return periodKey;
  return locale === 'en' ? `${m[1]} Q${m[2]}` : `${m[1]}年第${QUARTERS_ZH[Number(m[2]) - 1]}季度`;
}

/** Counts in level order, every level present (an absent one is 0). */
export function levelCounts(counts: Partial<Record<Level, number>>): { level: Level; count: number }[] {
  return LEVELS.map((level) => ({ level, count: counts[level] ?? 0 }));
}

export type RankRow = {
  partyOrgId: string;
  name: string;
  value: number;
  level: Level;
  rank: number;
  lowest: boolean;
};

/**
 * The ranking by index, highest first: organisations without a value this quarter are left out (they have no
 * place), and every organisation sharing the lowest value is marked, so that a tie at the bottom names them all.
 */
export function ranking(orgs: readonly OverviewOrg[]): RankRow[] {
  const ranked = orgs
    .filter((o): o is OverviewOrg & { index: number } => o.index !== null)
    .sort((a, b) => b.index - a.index || a.name.localeCompare(b.name, 'zh-CN'));
  const min = ranked.at(-1)?.index;
  return ranked.map((o, i) => ({
    partyOrgId: o.partyOrgId,
    name: o.name,
    value: o.index,
    level: o.level,
    rank: i + 1,
    lowest: ranked.length > 1 && o.index === min,
  }));
}

/**
 * The rows a bar chart can show: all of a short ranking; of a long one (an organ has two hundred branches) the top
 * `top` and the bottom `max - top`, since the bottom is what the page is for. The ranks stay the real ones.
 */
export function rankingShown(rows: readonly RankRow[], max = 20, top = 5): RankRow[] {
  if (rows.length <= max) return [...rows];
  return [...rows.slice(0, top), ...rows.slice(rows.length - (max - top))];
}

export type TileNode = { id: string; name: string; value: number; level: Level; index: number | null };

/**
 * The tree map's tiles: every organisation one tile of equal size (a branch of five is as much a branch as one of
 * fifty), the worst first so that red and orange sit top left where the eye starts.
 */
export function tiles(orgs: readonly OverviewOrg[]): TileNode[] {
  return [...orgs]
    .sort(
      (a, b) =>
        LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
        (a.index ?? 101) - (b.index ?? 101) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    )
    .map((o) => ({ id: o.partyOrgId, name: o.name, value: 1, level: o.level, index: o.index }));
}

/**
 * The trend's x axis (oldest first) and, per organisation, its values on it (null where not computed). Past `max`
 * lines a chart is a tangle: then the organ as a whole (the roots) and the lowest ones now, up to `max`.
 */
export function trendSeries(
  orgs: readonly OverviewOrg[],
  max = 8,
): {
  periods: string[];
  series: { name: string; values: (number | null)[] }[];
} {
  const periods = [...new Set(orgs.flatMap((o) => o.trend.map((t) => t.periodKey)))].sort();
  const drawn = orgs.filter((o) => o.trend.some((t) => t.value !== null));
  const chosen =
    drawn.length <= max
      ? drawn
      : [
          ...drawn.filter((o) => o.kind !== 'branch'),
          ...drawn
            .filter((o) => o.kind === 'branch')
            .sort((a, b) => (a.index ?? 101) - (b.index ?? 101) || a.name.localeCompare(b.name, 'zh-CN')),
        ].slice(0, max);
  return {
    periods,
    series: chosen.map((o) => {
      const at = new Map(o.trend.map((t) => [t.periodKey, t.value]));
      return { name: o.name, values: periods.map((p) => at.get(p) ?? null) };
    }),
  };
}

/** A new part's key: the first of part_1, part_2… not taken (keys are the server's identifiers of parts). */
export function freeKey(parts: readonly Pick<IndexPart, 'key'>[]): string {
  const taken = new Set(parts.map((p) => p.key));
  for (let i = 1; ; i++) if (!taken.has(`part_${i}`)) return `part_${i}`;
}

/** Whether a link leaves the web app (the server's hrefs are the app's own paths; anything else opens as is). */
export function isAppPath(href: string): boolean {
  return href.startsWith('/') && !href.startsWith('//');
}

/** A part's raw value as read: a share like 2/7 to three decimals (0.286), a count or points as they are. */
export function formatRaw(raw: number | null): string {
  if (raw === null) return '—';
  return String(Math.round(raw * 1000) / 1000);
}

/** The open warnings of the organisations shown (the overview lists only the first hundred of them). */
export function openTotal(orgs: readonly Pick<OverviewOrg, 'openWarnings'>[]): number {
  return orgs.reduce((s, o) => s + o.openWarnings, 0);
}
