import ExcelJS from 'exceljs';
import type { AuditEntry } from '#contracts/audit';

/** The audit trail as a workbook for the audit administrator; before/after kept as JSON text. */
export async function writeAuditWorkbook(entries: AuditEntry[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '序号', key: 'seq', width: 10 },
    { header: '时间', key: 'at', width: 26 },
    { header: '操作人', key: 'actorUsername', width: 16 },
    { header: '来源地址', key: 'ip', width: 16 },
    { header: '操作', key: 'action', width: 22 },
    { header: '对象类型', key: 'entityType', width: 14 },
    { header: '对象', key: 'entityId', width: 38 },
    { header: '修改前', key: 'before', width: 50 },
    { header: '修改后', key: 'after', width: 50 },
    { header: '说明', key: 'details', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  for (const e of entries) {
    ws.addRow({ ...e, before: json(e.before), after: json(e.after), details: json(e.details) });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
