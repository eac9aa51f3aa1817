import { ERROR_KINDS, type ErrorKind, type FieldIssue } from '#contracts/errors';

/** The one error type the code throws on purpose; core/http.ts turns it into the JSON envelope. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly extra: { issues?: FieldIssue[]; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_KINDS[this.kind];
  }
}

export const invalid = (code: string, message: string, issues?: FieldIssue[]) =>
  new AppError('invalid', code, message, issues ? { issues } : {});
export const notFound = (code: string, message = '记录不存在或无权访问') =>
  new AppError('not_found', code, message);
export const forbidden = (code: string, message = '没有权限执行此操作') =>
  new AppError('forbidden', code, message);
export const unauthenticated = (code = 'auth.required', message = '请先登录') =>
  new AppError('unauthenticated', code, message);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError('conflict', code, message, details === undefined ? {} : { details });

/** A stale edit: the client sent an old version. The current record rides along so the client can show it. */
export const staleVersion = (current: unknown) =>
  conflict('common.stale_version', '该记录已被他人修改，请刷新后再编辑', { current });
