// 学习时长: the members' study time as the server counted it from the records they attended, filtered and summed on
// the page (nothing here is reported by the members themselves).
import type { StudyHours } from '#contracts/branch-rollup';

export type StudyRow = StudyHours['members'][number];

/** Minutes as whole hours and the minutes left over. */
export function splitMinutes(minutes: number): { hours: number; minutes: number } {
  const m = Math.max(0, Math.round(minutes));
  return { hours: Math.floor(m / 60), minutes: m % 60 };
}

export type StudyFilter = {
  /** Part of a name (or of its organisation's name). */
  q: string;
  partyOrgName: string | null;
  /** Only members with no study record in the year. */
  noneOnly: boolean;
};

export function filterStudy(rows: readonly StudyRow[], f: StudyFilter): StudyRow[] {
  const q = f.q.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!q || r.name.toLowerCase().includes(q) || r.partyOrgName.toLowerCase().includes(q)) &&
      (!f.partyOrgName || r.partyOrgName === f.partyOrgName) &&
      (!f.noneOnly || r.records === 0),
  );
}

/** The organisations in the list, in the order the server gave (tree order). */
export function studyOrgs(rows: readonly StudyRow[]): string[] {
  return [...new Set(rows.map((r) => r.partyOrgName))];
}

export function studySummary(rows: readonly StudyRow[]) {
  const minutes = rows.reduce((s, r) => s + r.minutes, 0);
  return {
    members: rows.length,
    minutes,
    /** Average minutes per member shown (0 without members). */
    average: rows.length ? Math.round(minutes / rows.length) : 0,
    without: rows.filter((r) => r.records === 0).length,
  };
}

/** Table sorters: names by the Chinese collation, numbers as numbers. */
export const byName = (a: StudyRow, b: StudyRow) => a.name.localeCompare(b.name, 'zh-Hans-CN');
export const byOrg = (a: StudyRow, b: StudyRow) => a.partyOrgName.localeCompare(b.partyOrgName, 'zh-Hans-CN');
export const byMinutes = (a: StudyRow, b: StudyRow) => a.minutes - b.minutes;
export const byRecords = (a: StudyRow, b: StudyRow) => a.records - b.records;
