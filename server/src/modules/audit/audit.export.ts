import type { AuditEntry } from '#contracts/audit';
import { writeWorkbook } from '../../core/spreadsheet/write.ts';

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** The audit trail as a workbook for the audit administrator; before/after kept as JSON text. */
export function writeAuditWorkbook(entries: AuditEntry[]): Promise<Buffer> {
  return writeWorkbook([
    {
      name: '审计日志',
      columns: [
        { key: 'seq', header: '序号', width: 10, type: 'integer' },
        { key: 'at', header: '时间', width: 26 },
        { key: 'actorUsername', header: '操作人', width: 16 },
        { key: 'ip', header: '来源地址', width: 16 },
        { key: 'action', header: '操作', width: 22 },
        { key: 'entityType', header: '对象类型', width: 14 },
        { key: 'entityId', header: '对象', width: 38 },
        { key: 'before', header: '修改前', width: 50 },
        { key: 'after', header: '修改后', width: 50 },
        { key: 'details', header: '说明', width: 40 },
      ],
      rows: entries.map((e) => ({
        ...e,
        before: json(e.before),
        after: json(e.after),
        details: json(e.details),
      })),
    },
  ]);
}
