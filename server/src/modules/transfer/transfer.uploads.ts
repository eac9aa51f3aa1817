// The uploaded file between the mapping step's requests (kept in memory for its uploader, 30 minutes), and the rule
// that one person runs one import at a time: a second one answers 409 instead of doubling the load.
import type { ColumnOverride } from '#contracts/transfer';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { createReportStore } from '../../core/spreadsheet/report-store.ts';

const uploads = createReportStore({ maxEntries: 100, maxBytes: 300 * 1024 * 1024 });

/** Keeps an uploaded workbook for the next steps; the token works for `ownerId` only. */
export function keepUpload(ownerId: string, buf: Buffer, filename: string): string {
  return uploads.store(ownerId, buf, filename);
}

/** The kept workbook, or null when the token is unknown, expired or someone else's (indistinguishably). */
export function takeUpload(ownerId: string, token: string): { buf: Buffer; filename: string } | null {
  return uploads.take(ownerId, token);
}

const running = new Set<string>();

export const importRunning = () =>
  conflict(
    'transfer.import_running',
    '您有一项导入正在进行，请等它完成后再试（同一账号同时只能进行一项导入）',
  );

/** Runs `work` as this person's only import; a second concurrent one is refused with 409. */
export async function oneImportAtATime<T>(ownerId: string, work: () => Promise<T>): Promise<T> {
  if (running.has(ownerId)) throw importRunning();
  running.add(ownerId);
  try {
    return await work();
  } finally {
    running.delete(ownerId);
  }
}

/** The kept workbook of the mapping step, or a 404 saying to upload it again. */
export function requireUpload(ownerId: string, token: string): { buf: Buffer; filename: string } {
  const upload = takeUpload(ownerId, token);
  if (!upload)
    throw notFound('transfer.upload_not_found', '上传的文件已过期（保留 30 分钟）或不存在，请重新上传');
  return upload;
}

/** Unknown field names in the mapping step are a 400 naming the column, never silently ignored. */
export function checkOverrides(
  columns: readonly ColumnOverride[],
  isField: (field: string, sheet: string | undefined) => boolean,
): readonly ColumnOverride[] {
  const issues = columns.flatMap((c, i) =>
    c.field === null || isField(c.field, c.sheet)
      ? []
      : [{ field: `body.columns.${i}.field`, message: `没有名为“${c.field}”的字段，请从列表中选择` }],
  );
  if (issues.length > 0) throw invalid('transfer.unknown_field', '映射中有无法识别的字段', issues);
  return columns;
}
