import type { AuditEntry } from '#contracts/audit';
import { writeWorkbook } from '../../core/spreadsheet/write.ts';
import { exportRow } from './audit.render.ts';

/** The audit trail as a workbook for the audit administrator, reading as the audit page does. */
export function writeAuditWorkbook(entries: AuditEntry[]): Promise<Buffer> {
  return writeWorkbook([
    {
      name: '审计日志',
      columns: [
        { key: 'seq', header: '序号', width: 10, type: 'integer' },
        { key: 'at', header: '时间', width: 26 },
        { key: 'actor', header: '操作人', width: 20 },
        { key: 'ip', header: '来源地址', width: 16 },
        { key: 'action', header: '操作', width: 18 },
        { key: 'entityType', header: '对象类型', width: 12 },
        { key: 'entity', header: '对象', width: 24 },
        { key: 'changes', header: '变更内容', width: 60 },
        { key: 'details', header: '说明', width: 50 },
      ],
      rows: entries.map(exportRow),
    },
  ]);
}
