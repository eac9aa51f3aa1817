/**
 * The error report a user downloads after a failed import: one line per problem, sorted so that it reads
 * alongside the original file.
 */
import { writeWorkbook } from './write.ts';

/** Same shape as ImportIssue in #contracts/transfer. */
export type Issue = {
  sheet: string;
  /** Row number as Excel shows it; 0 or less for a problem with the sheet as a whole (e.g. a missing column). */
  row: number;
  column: string;
  value: string | null;
  reason: string;
};

export const REPORT_SHEET = '错误报告';

/**
 * Sheets keep the order in which they first appear in the list (the order they were read in), rows ascend within
 * a sheet, and issues of one row keep their original order (the order of the columns, as checked).
 */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const sheetOrder = new Map<string, number>();
  for (const issue of issues) if (!sheetOrder.has(issue.sheet)) sheetOrder.set(issue.sheet, sheetOrder.size);
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        (sheetOrder.get(a.issue.sheet) ?? 0) - (sheetOrder.get(b.issue.sheet) ?? 0) ||
        a.issue.row - b.issue.row ||
        a.index - b.index,
    )
    .map(({ issue }) => issue);
}

function summary(issues: readonly Issue[]): string {
  if (issues.length === 0) return '没有发现问题。';
  const rows = new Set(issues.filter((i) => i.row > 0).map((i) => `${i.sheet}\u0000${i.row}`)).size;
  return `共发现 ${issues.length} 个问题，涉及 ${rows} 行数据。请按“问题说明”修改原文件后重新导入。`;
}

export function writeIssueReport(issues: readonly Issue[]): Promise<Buffer> {
  return writeWorkbook([
    {
      name: REPORT_SHEET,
      intro: summary(issues),
      columns: [
        { key: 'sheet', header: '工作表', width: 14 },
        { key: 'row', header: '行号', width: 8, type: 'integer' },
        { key: 'column', header: '列', width: 16 },
        { key: 'value', header: '内容', width: 28 },
        { key: 'reason', header: '问题说明', width: 60 },
      ],
      rows: sortIssues(issues).map((i) => ({ ...i, row: i.row > 0 ? i.row : null })),
    },
  ]);
}
