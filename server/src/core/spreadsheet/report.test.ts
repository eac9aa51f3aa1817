import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Issue, REPORT_SHEET, sortIssues, writeIssueReport } from './report.ts';

const ISSUES: Issue[] = [
  { sheet: '党组织', row: 12, column: '组织代码', value: '００１', reason: '代码重复' },
  { sheet: '单位', row: 5, column: '单位名称', value: null, reason: '必填' },
  { sheet: '党组织', row: 3, column: '成立日期', value: '2019-02-30', reason: '日期无效：2019-02-30' },
  { sheet: '党组织', row: 3, column: '组织类别', value: '支部委员会', reason: '无法识别的组织类别' },
  { sheet: '单位', row: 0, column: '单位代码', value: null, reason: '缺少必填列“单位代码”' },
  { sheet: '党组织', row: 12, column: '上级组织代码', value: '0012', reason: '上级组织不存在' },
];

async function reportRows(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(REPORT_SHEET);
  if (!ws) throw new Error('no report sheet');
  const rows: unknown[][] = [];
  ws.eachRow((row) => {
    rows.push(Array.from({ length: 5 }, (_, i) => row.getCell(i + 1).value ?? null));
  });
  return rows;
}

describe('sortIssues', () => {
  it('keeps sheets in order of first appearance, rows ascending, ties in original order', () => {
    expect(sortIssues(ISSUES).map((i) => `${i.sheet}:${i.row}:${i.column}`)).toEqual([
      '党组织:3:成立日期',
      '党组织:3:组织类别',
      '党组织:12:组织代码',
      '党组织:12:上级组织代码',
      '单位:0:单位代码',
      '单位:5:单位名称',
    ]);
  });
});

describe('writeIssueReport', () => {
  it('writes a count line, the header and the issues sorted', async () => {
    const rows = await reportRows(await writeIssueReport(ISSUES));
    expect(rows[0]?.[0]).toBe('共发现 6 个问题，涉及 3 行数据。请按“问题说明”修改原文件后重新导入。');
    expect(rows[1]).toEqual(['工作表', '行号', '列', '内容', '问题说明']);
    expect(rows.slice(2)).toEqual([
      ['党组织', 3, '成立日期', '2019-02-30', '日期无效：2019-02-30'],
      ['党组织', 3, '组织类别', '支部委员会', '无法识别的组织类别'],
      ['党组织', 12, '组织代码', '００１', '代码重复'],
      ['党组织', 12, '上级组织代码', '0012', '上级组织不存在'],
      ['单位', null, '单位代码', null, '缺少必填列“单位代码”'],
      ['单位', 5, '单位名称', null, '必填'],
    ]);
  });

  it('says so when there is nothing to report', async () => {
    const rows = await reportRows(await writeIssueReport([]));
    expect(rows[0]?.[0]).toBe('没有发现问题。');
    expect(rows).toHaveLength(2);
  });
});
