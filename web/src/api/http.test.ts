import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CSRF_HEADER,
  downloadFile,
  errorFromBody,
  fileNameFromDisposition,
  HttpError,
  http,
  isStaleVersion,
  issueFieldPath,
  issuesToFields,
  readCookie,
  setCsrfToken,
  staleCurrent,
  toQueryString,
} from './http.ts';

type Call = { url: string; init: RequestInit };

function mockFetch(status: number, body: unknown, headers: Record<string, string> = {}): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('toQueryString', () => {
  it('drops empty values and encodes the rest', () => {
    expect(toQueryString({ q: '张 三', page: 2, a: undefined, b: null, c: '', d: false })).toBe(
      '?q=%E5%BC%A0+%E4%B8%89&page=2&d=false',
    );
  });
  it('is empty without values', () => {
    expect(toQueryString({ a: undefined })).toBe('');
    expect(toQueryString(undefined)).toBe('');
  });
});

describe('errorFromBody', () => {
  it('keeps code, message, issues, details and request id from the server', () => {
    const err = errorFromBody(409, {
      error: {
        code: 'common.stale_version',
        message: '记录已被修改',
        requestId: 'r1',
        issues: [{ field: 'body.name', message: '不能为空' }, { nonsense: true }],
        details: { current: { id: 'x', version: 3 } },
      },
    });
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(409);
    expect(err.code).toBe('common.stale_version');
    expect(err.message).toBe('记录已被修改');
    expect(err.requestId).toBe('r1');
    expect(err.issues).toEqual([{ field: 'body.name', message: '不能为空' }]);
    expect(isStaleVersion(err)).toBe(true);
    expect(staleCurrent<{ version: number }>(err)?.version).toBe(3);
  });
  it('makes a Chinese fallback for bodies that are not API errors', () => {
    const err = errorFromBody(502, '<html>bad gateway</html>');
    expect(err.code).toBe('http.502');
    expect(err.message).toContain('502');
    expect(isStaleVersion(err)).toBe(false);
    expect(staleCurrent(err)).toBeUndefined();
  });
});

describe('field issues', () => {
  it('maps dotted server paths onto form name paths', () => {
    expect(issueFieldPath('body.name')).toEqual(['name']);
    expect(issueFieldPath('body.roles.0.partyOrgId')).toEqual(['roles', 0, 'partyOrgId']);
    expect(issueFieldPath('querystring.page')).toEqual(['page']);
    expect(issueFieldPath('idNumber')).toEqual(['idNumber']);
    expect(issueFieldPath('body')).toEqual([]);
  });
  it('groups several messages on one field and skips whole-body issues', () => {
    expect(
      issuesToFields([
        { field: 'body.name', message: 'a' },
        { field: 'body.name', message: 'b' },
        { field: 'body.code', message: 'c' },
        { field: 'body', message: 'whole' },
      ]),
    ).toEqual([
      { name: ['name'], errors: ['a', 'b'] },
      { name: ['code'], errors: ['c'] },
    ]);
  });
});

describe('request', () => {
  it('sends cookies and no CSRF header on GET', async () => {
    setCsrfToken('tok');
    const calls = mockFetch(200, { ok: true });
    await expect(http.get('/api/x', { page: 1 })).resolves.toEqual({ ok: true });
    expect(calls[0]?.url).toBe('/api/x?page=1');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(calls[0]?.init.headers).not.toHaveProperty(CSRF_HEADER);
  });
  it('sends JSON and the CSRF token on writes', async () => {
    setCsrfToken('tok');
    const calls = mockFetch(200, { id: 1 });
    await http.patch('/api/y', { name: '一支部' });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(calls[0]?.init.method).toBe('PATCH');
    expect(headers[CSRF_HEADER]).toBe('tok');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"name":"一支部"}');
  });
  it('turns an error answer into an HttpError with the server message', async () => {
    mockFetch(423, { error: { code: 'auth.locked', message: '账号已锁定，请 15 分钟后再试' } });
    const err = await http.post('/api/auth/login', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(423);
    expect((err as HttpError).message).toBe('账号已锁定，请 15 分钟后再试');
  });
  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await http.get('/api/z').catch((e: unknown) => e);
    expect((err as HttpError).code).toBe('network');
  });
  it('accepts 204 without a body', async () => {
    mockFetch(204, '');
    await expect(http.post('/api/auth/logout')).resolves.toBeUndefined();
  });
  it('refuses a download with the server message instead of saving an error file', async () => {
    mockFetch(403, { error: { code: 'auth.forbidden', message: '无权导出' } });
    await expect(downloadFile('/api/members/export', { partyOrgId: 'a' }, 'x.xlsx')).rejects.toMatchObject({
      status: 403,
      message: '无权导出',
    });
  });
});

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename="members.xlsx"; filename*=UTF-8''${encodeURIComponent('党员名册.xlsx')}`,
        'f',
      ),
    ).toBe('党员名册.xlsx');
  });
  it('falls back to the plain name, then to the default', () => {
    expect(fileNameFromDisposition('attachment; filename="a.xlsx"', 'f')).toBe('a.xlsx');
    expect(fileNameFromDisposition(null, 'f.xlsx')).toBe('f.xlsx');
  });
});

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    expect(readCookie('a=1; ronghe_csrf=abc%3D; b=2', 'ronghe_csrf')).toBe('abc=');
    expect(readCookie('a=1', 'ronghe_csrf')).toBeNull();
  });
});
