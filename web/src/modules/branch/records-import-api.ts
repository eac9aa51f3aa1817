import type { RecordImportResult } from '#contracts/branch-files';
import { downloadFile, HttpError, http } from '../../api/http.ts';
import type { RecordFilters } from './records-api.ts';

// The records in Excel (issue 10, point 10): a list exported with its filters, the 三会一课 template, the import of
// historical records and the report of a refused one.

export function importRecords(file: Blob, fileName: string): Promise<RecordImportResult> {
  const data = new FormData();
  data.append('file', file, fileName);
  return http.upload<RecordImportResult>('/api/branch/records/import', data);
}

/** The list's filters without its paging: the export takes every record they find. */
export function downloadRecords(filters: RecordFilters) {
  const { page: _page, pageSize: _size, ...rest } = filters;
  return downloadFile('/api/branch/records/export', rest, '支部工作记录.xlsx');
}
export const downloadRecordsTemplate = () =>
  downloadFile('/api/branch/records/template', undefined, '三会一课导入模板.xlsx');
export const downloadImportReport = (token: string) =>
  downloadFile(`/api/import-reports/${encodeURIComponent(token)}`, undefined, '三会一课导入问题报告.xlsx');

export type RefusedImport = {
  issues: { row: number; column: string; reason: string }[];
  total: number;
  reportToken: string | null;
};

/** The problems of a refused import, or null when the error is something else. */
export function refusedImport(err: unknown): RefusedImport | null {
  if (!(err instanceof HttpError) || err.code !== 'branch.import_invalid') return null;
  const d = err.details as { issues?: unknown; total?: unknown; reportToken?: unknown } | null | undefined;
  const issues = Array.isArray(d?.issues) ? (d.issues as RefusedImport['issues']) : [];
  return {
    issues,
    total: typeof d?.total === 'number' ? d.total : issues.length,
    reportToken: typeof d?.reportToken === 'string' ? d.reportToken : null,
  };
}
