// Excel and Word of the responsibility system (ADR 25), for the pages' buttons: where each file comes from, the
// downloads (through fetch, so that a refusal shows as a message), the two imports, and the row-by-row problems of
// a refused import. An import is all or nothing: a 400 `responsibility.import_invalid` carries every problem in
// `details.issues` and a downloadable report.
import type { FileImportIssue, FileImportResult } from '#contracts/responsibility-files';
import { downloadFile, HttpError, http } from '../../api/http.ts';

export const RESPONSIBILITY_FILE_PATHS = {
  listWorkbook: (listId: string) => `/api/responsibility/lists/${encodeURIComponent(listId)}/export`,
  listDocument: (listId: string) => `/api/responsibility/lists/${encodeURIComponent(listId)}/document`,
  listImport: (listId: string) => `/api/responsibility/lists/${encodeURIComponent(listId)}/import`,
  coverageWorkbook: '/api/responsibility/coverage/export',
  appraisalDocument: (id: string) => `/api/appraisals/${encodeURIComponent(id)}/document`,
  itemTemplate: '/api/responsibility/items/template',
  workPointTemplate: '/api/responsibility/work-points/template',
  workPointImport: '/api/responsibility/work-points/import',
  /** The problem report of a refused import (its owner only, 30 minutes). */
  report: (token: string) => `/api/import-reports/${encodeURIComponent(token)}`,
} as const;

/** Button labels, Chinese first; the pages may take them into their message files. */
export const RESPONSIBILITY_FILE_LABELS = {
  listWorkbook: { zh: '导出 Excel', en: 'Export to Excel' },
  listDocument: { zh: '打印版（Word）', en: 'Print version (Word)' },
  listImport: { zh: '从 Excel 导入职责', en: 'Import duties from Excel' },
  itemTemplate: { zh: '下载导入模板', en: 'Download the template' },
  coverageWorkbook: { zh: '导出覆盖情况', en: 'Export coverage' },
  appraisalDocument: { zh: '下载述职报告（Word）', en: 'Download the report (Word)' },
  workPointImport: { zh: '从 Excel 导入工作要点', en: 'Import work points from Excel' },
  workPointTemplate: { zh: '下载工作要点模板', en: 'Download the work points template' },
  report: { zh: '下载问题报告', en: 'Download the problem report' },
} as const;

/** What an applied import did, in a sentence for a message. */
export function importSummary(r: FileImportResult): string {
  return `共 ${r.rows} 行：新增 ${r.created} 条，更新 ${r.updated} 条，未变 ${r.unchanged} 条`;
}

export const downloadListWorkbook = (listId: string) =>
  downloadFile(RESPONSIBILITY_FILE_PATHS.listWorkbook(listId), undefined, '责任清单.xlsx');
export const downloadListDocument = (listId: string) =>
  downloadFile(RESPONSIBILITY_FILE_PATHS.listDocument(listId), undefined, '责任清单.docx');
export const downloadCoverageWorkbook = (year: number, unitId?: string | null) =>
  downloadFile(RESPONSIBILITY_FILE_PATHS.coverageWorkbook, { year, unitId }, '工作要点覆盖情况.xlsx');
export const downloadAppraisalDocument = (id: string) =>
  downloadFile(RESPONSIBILITY_FILE_PATHS.appraisalDocument(id), undefined, '述职报告.docx');
export const downloadItemTemplate = () =>
  downloadFile(RESPONSIBILITY_FILE_PATHS.itemTemplate, undefined, '责任清单导入模板.xlsx');
export const downloadWorkPointTemplate = () =>
  downloadFile(RESPONSIBILITY_FILE_PATHS.workPointTemplate, undefined, '工作要点导入模板.xlsx');

function form(file: Blob, fileName: string): FormData {
  const data = new FormData();
  data.append('file', file, fileName);
  return data;
}

export function importListItems(listId: string, file: Blob, fileName: string): Promise<FileImportResult> {
  return http.upload<FileImportResult>(RESPONSIBILITY_FILE_PATHS.listImport(listId), form(file, fileName));
}

export function importWorkPoints(year: number, file: Blob, fileName: string): Promise<FileImportResult> {
  return http.upload<FileImportResult>(
    `${RESPONSIBILITY_FILE_PATHS.workPointImport}?year=${encodeURIComponent(String(year))}`,
    form(file, fileName),
  );
}

export type RefusedImport = { issues: FileImportIssue[]; total: number; reportToken: string | null };

/** The problems of a refused import, or null when the error is something else (a 403, a broken file). */
export function refusedImport(err: unknown): RefusedImport | null {
  if (!(err instanceof HttpError) || err.code !== 'responsibility.import_invalid') return null;
  const d = err.details as { issues?: unknown; total?: unknown; reportToken?: unknown } | null | undefined;
  const issues = Array.isArray(d?.issues) ? (d.issues as FileImportIssue[]) : [];
  return {
    issues,
    total: typeof d?.total === 'number' ? d.total : issues.length,
    reportToken: typeof d?.reportToken === 'string' ? d.reportToken : null,
  };
}
