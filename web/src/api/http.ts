import type { FieldIssue } from '#contracts/errors';

/** A failed API call, carrying the server's `{ error: { … } }` body when there was one. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly issues: FieldIssue[];
  readonly details: unknown;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string | undefined;
    issues?: FieldIssue[] | undefined;
    details?: unknown;
  }) {
    super(init.message);
    this.name = 'HttpError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.issues = init.issues ?? [];
    this.details = init.details;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'ronghe_csrf';
/** Over TLS the server names its cookies with the __Host- prefix. */
export const CSRF_COOKIE_TLS = `__Host-${CSRF_COOKIE}`;

let csrfToken: string | null = null;

/** The session answer carries the token; remembering it here lets every request send it without a hook. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function readCookie(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function currentCsrfToken(): string | null {
  if (csrfToken) return csrfToken;
  if (typeof document === 'undefined') return null;
  return readCookie(document.cookie, CSRF_COOKIE_TLS) ?? readCookie(document.cookie, CSRF_COOKIE);
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Builds "?a=1&b=x", leaving out empty values so that optional filters are simply absent. */
export function toQueryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseIssues(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) =>
    isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string'
      ? [{ field: item.field, message: item.message }]
      : [],
  );
}

/** Turns any error answer into an HttpError, using the server's Chinese message when it sent one. */
export function errorFromBody(status: number, body: unknown): HttpError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new HttpError({
      status,
      code: error.code,
      message: error.message,
      requestId: typeof error.requestId === 'string' ? error.requestId : undefined,
      issues: parseIssues(error.issues),
      details: error.details,
    });
  }
  return new HttpError({ status, code: `http.${status}`, message: `请求失败（HTTP ${status}）` });
}

function networkError(): HttpError {
  return new HttpError({ status: 0, code: 'network', message: '无法连接服务器，请检查网络后重试' });
}

type RequestOptions = { query?: QueryParams; body?: unknown; formData?: FormData; signal?: AbortSignal };

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.formData) body = options.formData;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const token = currentCsrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      headers,
      body: body ?? null,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkError();
  }
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    throw errorFromBody(response.status, parsed);
  }
  return response;
}

export async function request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  upload: <T>(path: string, formData: FormData) => request<T>('POST', path, { formData }),
};

/** File name from a Content-Disposition header, preferring the RFC 5987 UTF-8 form that carries Chinese names. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** Downloads through fetch so that a refusal shows as a message instead of a JSON file saved to disk. */
export async function downloadFile(path: string, query: QueryParams | undefined, fallbackName: string) {
  const response = await send('GET', path, query ? { query } : {});
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileNameFromDisposition(response.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** "body.name" → ["name"], "body.roles.0.partyOrgId" → ["roles", 0, "partyOrgId"]: the form's own name path. */
export function issueFieldPath(field: string): (string | number)[] {
  const parts = field.split('.').filter((p) => p !== '');
  const [first] = parts;
  const rest = first === 'body' || first === 'querystring' || first === 'params' ? parts.slice(1) : parts;
  return rest.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Groups server issues into antd `form.setFields` entries, one per field with all its messages. */
export function issuesToFields(
  issues: readonly FieldIssue[],
): { name: (string | number)[]; errors: string[] }[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    const name = issueFieldPath(issue.field);
    if (name.length === 0) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}

export const STALE_VERSION = 'common.stale_version';
export const PASSWORD_CHANGE_REQUIRED = 'auth.password_change_required';

export function isStaleVersion(err: unknown): boolean {
  return err instanceof HttpError && err.status === 409 && err.code === STALE_VERSION;
}

/** The fresh record a 409 stale-version answer carries in `details.current`, if any. */
export function staleCurrent<T>(err: unknown): T | undefined {
  if (!(err instanceof HttpError) || !isStaleVersion(err) || !isRecord(err.details)) return undefined;
  const current = err.details.current;
  return isRecord(current) ? (current as T) : undefined;
}
