// The statistics as a workbook: one sheet with every table (统计项, 项目, 人数, 占比) in the report's order, and one
// listing the probationary members due or soon due for full membership.
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS } from '#contracts/member';
import { PARTY_ORG_KIND_LABELS } from '#contracts/org';
import type { CountRow, PartyStatistics } from '#contracts/statistics';
import { PROBATION_SOON_DAYS } from '#contracts/statistics';
import { writeWorkbook } from '../../core/spreadsheet/write.ts';

const zh = (labels: Readonly<Record<string, { zh: string }>>) => (key: string) => labels[key]?.zh ?? key;
const same = (key: string) => key;

/** The tables of the report, in order, with how each key reads in Chinese. */
export function statisticsTables(
  s: PartyStatistics,
): { title: string; rows: CountRow[]; label: (k: string) => string; base: number }[] {
  const branches = s.branchesBySize.reduce((sum, r) => sum + r.count, 0);
  const orgs = s.orgsByKind.reduce((sum, r) => sum + r.count, 0);
  return [
    { title: '党员类别', rows: s.byCategory, label: zh(MEMBER_CATEGORY_LABELS), base: s.totalMembers },
    { title: '性别', rows: s.byGender, label: zh(GENDER_LABELS), base: s.totalMembers },
    { title: '民族', rows: s.byEthnicity, label: same, base: s.totalMembers },
    { title: '学历', rows: s.byEducation, label: same, base: s.totalMembers },
    { title: '年龄', rows: s.byAgeBand, label: same, base: s.totalMembers },
    { title: '党龄', rows: s.byMembershipYears, label: same, base: s.totalMembers },
    { title: '党组织类别', rows: s.orgsByKind, label: zh(PARTY_ORG_KIND_LABELS), base: orgs },
    { title: '党支部规模', rows: s.branchesBySize, label: same, base: branches },
  ];
}

const percent = (n: number, base: number) => (base > 0 ? `${((n * 100) / base).toFixed(1)}%` : '—');

export function statisticsWorkbook(s: PartyStatistics): Promise<Buffer> {
  const rows: Record<string, unknown>[] = [
    { table: '党员总数', item: '合计', count: s.totalMembers, share: '100%' },
    {
      table: '民族',
      item: '少数民族党员',
      count: s.minorityCount,
      share: percent(s.minorityCount, s.totalMembers),
    },
  ];
  for (const t of statisticsTables(s)) {
    for (const r of t.rows)
      rows.push({ table: t.title, item: t.label(r.key), count: r.count, share: percent(r.count, t.base) });
  }
  const probation = [
    ...s.probationDue.map((p) => ({ ...p, state: '预备期已满，待讨论转正' })),
    ...s.probationEndingSoon.map((p) => ({ ...p, state: `${PROBATION_SOON_DAYS} 天内预备期满` })),
  ];
  return writeWorkbook([
    {
      name: '党内统计',
      intro: `${s.partyOrgName}（含下级）党内统计，统计日期 ${s.asOf}。人数为在册党员；党龄自转正之日起计算。`,
      columns: [
        { key: 'table', header: '统计项', width: 14 },
        { key: 'item', header: '项目', width: 20 },
        { key: 'count', header: '数量', width: 10, type: 'integer' },
        { key: 'share', header: '占比', width: 10 },
      ],
      rows,
    },
    {
      name: '预备党员转正',
      intro: `预备期已满和 ${PROBATION_SOON_DAYS} 天内预备期满的预备党员（统计日期 ${s.asOf}）。`,
      columns: [
        { key: 'name', header: '姓名', width: 12 },
        { key: 'partyOrgName', header: '所在党组织', width: 24 },
        { key: 'joinedOn', header: '入党日期', width: 12, type: 'date' },
        { key: 'dueOn', header: '预备期满日期', width: 14, type: 'date' },
        { key: 'state', header: '状态', width: 24 },
      ],
      rows: probation,
    },
  ]);
}
