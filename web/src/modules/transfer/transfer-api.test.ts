import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '#contracts/transfer';
import { CSRF_HEADER, HttpError, setCsrfToken } from '../../api/http.ts';
import { isImportResult, reportPath, uploadWorkbook } from './transfer-api.ts';

const failed: ImportResult = {
  kind: 'members',
  applied: false,
  rows: 3,
  created: 0,
  updated: 0,
  unchanged: 0,
  issues: [{ sheet: '党员名册', row: 2, column: '身份证号', value: '123', reason: '身份证号应为 18 位' }],
  reportToken: 'tok-1',
};

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('uploadWorkbook', () => {
  it('posts multipart with the file field and the CSRF header to the chosen import', async () => {
    setCsrfToken('csrf-1');
    const seen: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return Response.json({ ...failed, applied: true, issues: [], created: 3, reportToken: null });
    });
    const result = await uploadWorkbook('organisations', new Blob(['x']), '组织.xlsx');
    expect(result.created).toBe(3);
    expect(seen[0]?.url).toBe('/api/party-orgs/import');
    const headers = seen[0]?.init.headers as Record<string, string>;
    expect(headers[CSRF_HEADER]).toBe('csrf-1');
    // The browser sets the multipart boundary itself; a JSON content type here would break the upload.
    expect(headers['content-type']).toBeUndefined();
    const body = seen[0]?.init.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('组织.xlsx');
  });

  it('returns the result of a refused file whether it came as 200 or inside an error', async () => {
    vi.stubGlobal('fetch', async () => Response.json(failed));
    await expect(uploadWorkbook('members', new Blob(['x']), 'a.xlsx')).resolves.toEqual(failed);
    vi.stubGlobal('fetch', async () =>
      Response.json(
        { error: { code: 'import.invalid', message: '文件有误', details: failed } },
        { status: 422 },
      ),
    );
    await expect(uploadWorkbook('members', new Blob(['x']), 'a.xlsx')).resolves.toEqual(failed);
  });

  it('passes other failures on', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ error: { code: 'common.too_large', message: '文件过大' } }, { status: 413 }),
    );
    const err = await uploadWorkbook('members', new Blob(['x']), 'a.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toBe('文件过大');
  });
});

describe('helpers', () => {
  it('recognises import results', () => {
    expect(isImportResult(failed)).toBe(true);
    expect(isImportResult({ applied: true })).toBe(false);
    expect(isImportResult(null)).toBe(false);
  });
  it('encodes report tokens into the path', () => {
    expect(reportPath('a/b')).toBe('/api/import-reports/a%2Fb');
  });
});
