import type { Permission } from '#contracts/identity';
import type {
  ColumnOverride,
  ImportKind,
  ImportPreview,
  ImportResult,
  MappedImportResult,
} from '#contracts/transfer';
import { HttpError, http } from '../../api/http.ts';

export const IMPORT_PATHS: Record<ImportKind, { template: string; upload: string; permission: Permission }> =
  {
    members: {
      template: '/api/members/template',
      upload: '/api/members/import',
      permission: 'member.import',
    },
    organisations: {
      template: '/api/party-orgs/template',
      upload: '/api/party-orgs/import',
      permission: 'org.import',
    },
  };

export const TEMPLATE_FILE_NAMES: Record<ImportKind, string> = {
  members: '党员名册模板.xlsx',
  organisations: '党组织与部门模板.xlsx',
};

export function reportPath(token: string): string {
  return `/api/import-reports/${encodeURIComponent(token)}`;
}

export function isImportResult(value: unknown): value is ImportResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.applied === 'boolean' && Array.isArray(v.issues) && typeof v.rows === 'number';
}

/**
 * Sends the workbook. A file with problems may come back as a 200 with `applied: false` or as an error whose
 * details carry the same result; both end up as an ImportResult so the wizard shows the issue table either way.
 */
export async function uploadWorkbook(kind: ImportKind, file: Blob, fileName: string): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, fileName);
  try {
    return await http.upload<ImportResult>(IMPORT_PATHS[kind].upload, form);
  } catch (err) {
    if (err instanceof HttpError && isImportResult(err.details)) return err.details;
    throw err;
  }
}

// The mapping step: upload once, preview with the columns as matched or as the user changes them, then confirm.

export function uploadForPreview(kind: ImportKind, file: Blob, fileName: string): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file, fileName);
  return http.upload<ImportPreview>(`${IMPORT_PATHS[kind].upload}/upload`, form);
}

export function previewAgain(
  kind: ImportKind,
  token: string,
  columns: ColumnOverride[],
): Promise<ImportPreview> {
  return http.post<ImportPreview>(`${IMPORT_PATHS[kind].upload}/preview`, { token, columns });
}

export function confirmImport(
  kind: ImportKind,
  token: string,
  columns: ColumnOverride[],
  acceptWarnings: boolean,
): Promise<MappedImportResult> {
  return http.post<MappedImportResult>(`${IMPORT_PATHS[kind].upload}/confirm`, {
    token,
    columns,
    acceptWarnings,
  });
}

/** Every column's current choice, sent back as explicit choices so that the next preview keeps them all. */
export function overridesOf(preview: ImportPreview): ColumnOverride[] {
  return preview.columns.map((c) => ({
    ...(c.sheet ? { sheet: c.sheet } : {}),
    column: c.column,
    field: c.field,
  }));
}

/** The preview's problems in the shape of a failed import, for the issue table and the report download. */
export function previewAsResult(preview: ImportPreview): ImportResult {
  return {
    kind: preview.kind,
    applied: false,
    rows: preview.rows,
    created: 0,
    updated: 0,
    unchanged: 0,
    issues: preview.issues,
    reportToken: preview.reportToken,
  };
}
