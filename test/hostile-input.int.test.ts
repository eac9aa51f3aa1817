import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import { applyOrganisationImport } from '../server/src/modules/org/index.ts';
import { buildTestApp, type Client, type TestApp, userWith } from './helpers.ts';

// The hostile inputs of issue 6.8, each of which answered 500: a NUL in any text field or query, year-0000 and
// other impossible dates, an unpaired surrogate in a name, a truncated or malformed multipart upload. Each must
// be a 400 that names the field (or the upload) in Chinese. The fuzz test generates these across every route;
// this file pins the cases that were found.

let t: TestApp;
let officer: Client;
let auditor: Client;
let sysadmin: Client;
let branchId: string;
let rootId: string;
let member: { id: string; version: number };

const org = (code: string, kind: string, parentCode: string | null) => ({
  code,
  name: `${code} 组织`,
  kind,
  parentCode,
  unitCode: 'HU',
  isTemporary: false,
  tempStartOn: null,
  tempEndOn: null,
  foundedOn: null,
  sortOrder: 0,
  departmentCodes: [],
  status: 'active',
  closedOn: null,
});

beforeAll(async () => {
  t = await buildTestApp();
  await applyOrganisationImport(t.ctx(), {
    units: [{ code: 'HU', name: '测试机关', rootOrgCode: 'H-ROOT' }],
    orgs: [org('H-ROOT', 'organ_committee', null), org('H-A', 'branch', 'H-ROOT')] as never,
    departments: [],
  });
  const orgs = await t.database.db.selectFrom('partyOrg').select(['id', 'code']).execute();
  rootId = orgs.find((o) => o.code === 'H-ROOT')?.id ?? '';
  branchId = orgs.find((o) => o.code === 'H-A')?.id ?? '';
  officer = await userWith(t, 'h-officer', [{ role: 'organ_committee_officer', partyOrgId: rootId }]);
  auditor = await userWith(t, 'h-auditor', [{ role: 'audit_admin', partyOrgId: null }]);
  sysadmin = await userWith(t, 'h-sysadmin', [{ role: 'system_admin', partyOrgId: null }]);
  const first17 = '33020319850101123';
  const res = await officer.post('/api/members', {
    name: '张三',
    category: 'full',
    partyOrgId: branchId,
    idNumber: `${first17}${idNumberCheckChar(first17)}`,
  });
  expect(res.statusCode).toBe(200);
  member = res.json();
}, 120_000);
afterAll(async () => {
  await t.close();
});

const CONTROL = '不能包含控制字符，请删除后重新填写';
const SURROGATE = '含有无法识别的字符（不成对的代理项），请重新输入';
const RANGE = '日期应在 1900-01-01 至 2099-12-31 之间';

function expectFieldIssue(res: { statusCode: number; json: () => unknown }, field: string, message: string) {
  expect(res.statusCode).toBe(400);
  const body = res.json() as { error: { code: string; issues: { field: string; message: string }[] } };
  expect(body.error.code).toBe('common.invalid_input');
  expect(body.error.issues).toContainEqual({ field, message });
}

describe('text with NUL, control characters or unpaired surrogates', () => {
  it('refuses them in the sign-in username and password', async () => {
    const login = (payload: object) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expectFieldIssue(await login({ username: 'h-officer\u0000', password: 'x' }), 'body.username', CONTROL);
    expectFieldIssue(await login({ username: 'h-\ud800', password: 'x' }), 'body.username', SURROGATE);
    expectFieldIssue(
      await login({ username: 'h-officer', password: 'Test\u0000' }),
      'body.password',
      CONTROL,
    );
  });

  it('refuses them in names and reasons, and stores nothing', async () => {
    const url = `/api/members/${member.id}`;
    expectFieldIssue(
      await officer.patch(url, { name: '张\u0000三', version: member.version }),
      'body.name',
      CONTROL,
    );
    expectFieldIssue(
      await officer.patch(url, { name: '张\ud800三', version: member.version }),
      'body.name',
      SURROGATE,
    );
    expectFieldIssue(
      await officer.post(`${url}/leave`, { on: '2024-01-01', reason: '调离\u0000', version: member.version }),
      'body.reason',
      CONTROL,
    );
    expectFieldIssue(
      await officer.post('/api/party-orgs', {
        parentId: rootId,
        code: 'H-N',
        name: '支部\udc00',
        kind: 'branch',
      }),
      'body.name',
      SURROGATE,
    );
    expectFieldIssue(
      await sysadmin.post('/api/users', { username: 'h-new', displayName: '新\u0000用户' }),
      'body.displayName',
      CONTROL,
    );
    const after = (await officer.get(url)).json() as { name: string; status: string; version: number };
    expect(after).toMatchObject({ name: '张三', status: 'active', version: member.version });
  });

  it('keeps line breaks in a reason typed into a text area', async () => {
    const res = await officer.post(`/api/party-orgs`, {
      parentId: rootId,
      code: 'H-C',
      name: '待撤销支部',
      kind: 'branch',
    });
    expect(res.statusCode).toBe(200);
    const created = res.json() as { id: string; version: number };
    const closed = await officer.post(`/api/party-orgs/${created.id}/close`, {
      closedOn: '2024-01-01',
      reason: '机构调整\n并入甲支部',
      version: created.version,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ closeReason: '机构调整\n并入甲支部' });
  });

  it('refuses them in search and audit filters', async () => {
    expectFieldIssue(await officer.get('/api/members?q=%E5%BC%A0%00'), 'querystring.q', CONTROL);
    expectFieldIssue(await sysadmin.get('/api/users?q=a%00'), 'querystring.q', CONTROL);
    for (const key of ['actor', 'action', 'entityType', 'entityId']) {
      expectFieldIssue(await auditor.get(`/api/audit?${key}=x%00`), `querystring.${key}`, CONTROL);
      expectFieldIssue(await auditor.get(`/api/audit/export?${key}=x%01`), `querystring.${key}`, CONTROL);
    }
  });

  it('refuses a control character sent beside bytes that are not UTF-8 (found by the fuzz test)', async () => {
    // A surrogate pair split by U+0085, as a careless client percent-encodes it: the broken bytes must not hide the
    // control character (the default parser kept the whole value as raw percent-text and let it through).
    expectFieldIssue(await officer.get('/api/members?q=%ed%a1%82%C2%85%ed%be%b7'), 'querystring.q', CONTROL);
    // Broken bytes alone are read as U+FFFD, which is text: the search runs and finds nobody.
    const res = await officer.get('/api/members?q=%ed%a1%82');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  });
});

describe('impossible dates', () => {
  it('refuses year 0000 and days that do not exist, in bodies and queries', async () => {
    const url = `/api/members/${member.id}`;
    expectFieldIssue(
      await officer.patch(url, { joinedOn: '0000-01-01', version: member.version }),
      'body.joinedOn',
      RANGE,
    );
    expectFieldIssue(
      await officer.patch(url, { joinedOn: '2019-02-29', version: member.version }),
      'body.joinedOn',
      '日期无效，请按 YYYY-MM-DD 填写',
    );
    expectFieldIssue(
      await officer.post(`${url}/transfer`, {
        toPartyOrgId: rootId,
        on: '0000-01-01',
        reason: '调动',
        version: member.version,
      }),
      'body.on',
      RANGE,
    );
    expectFieldIssue(await auditor.get('/api/audit?from=0000-01-01'), 'querystring.from', RANGE);
    expectFieldIssue(await auditor.get('/api/audit?to=9999-12-31'), 'querystring.to', RANGE);
  });
});

describe('uploads that are cut off or malformed', () => {
  const boundary = '----hostile';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const cases: [string, string, string][] = [
    ['cut off inside the file', `multipart/form-data; boundary=${boundary}`, `${head}PK\u0003\u0004abc`],
    ['cut off inside the part headers', `multipart/form-data; boundary=${boundary}`, head.slice(0, 50)],
    [
      'without the closing boundary',
      `multipart/form-data; boundary=${boundary}`,
      `${head}PK\u0003\u0004abc\r\n--${boundary}`,
    ],
    [
      'with another boundary than declared',
      'multipart/form-data; boundary=other',
      `${head}PK\r\n--${boundary}--\r\n`,
    ],
    ['without a boundary', 'multipart/form-data', `${head}PK\r\n--${boundary}--\r\n`],
    ['not multipart at all inside', `multipart/form-data; boundary=${boundary}`, 'garbage'],
  ];
  for (const url of ['/api/members/import', '/api/party-orgs/import', '/api/attachments']) {
    it.each(cases)(
      `${url}: answers 400 common.multipart_malformed when %s`,
      async (_label, type, payload) => {
        const res = await officer.request({
          method: 'POST',
          url,
          headers: { 'content-type': type },
          payload,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({
          error: {
            code: 'common.multipart_malformed',
            message: '上传的内容不完整或格式有误，请重新选择文件上传',
            issues: [{ field: 'file', message: '文件未能完整上传，请重新上传' }],
          },
        });
      },
    );
  }
});
