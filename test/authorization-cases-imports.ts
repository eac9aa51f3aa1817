import { expect } from 'vitest';
import {
  type Case,
  type CaseCtx,
  newName,
  okJson,
  pending,
  type Req,
  upload,
} from './authorization-requests.ts';
import { newIdNumber, newPhone } from './authorization-world.ts';

// Request cases of the mapping-step imports (ADR 15): upload → preview → confirm. An upload token belongs to the
// account that uploaded the file, so the preview and confirm cases first upload as the caller themselves; a caller
// the route refuses is refused before the body is read (the dummy token is never looked at).

const DUMMY_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA';
// An organ's own headers, not the template's: the mapping step matches them by synonym.
const ROSTER = ['姓名', '公民身份号码', '手机号码', '党员类别', '所在党组织编码', '入党时间'];
const ORGS = ['组织编码', '组织名称', '组织类别', '上级组织编码'];

function rosterFile(c: CaseCtx): Promise<Req> {
  const name = newName(c);
  pending.set(c, name);
  const idNumber = newIdNumber();
  const phone = newPhone();
  c.w.members.push({ name, branch: c.t.code, idNumber, phone });
  return upload('POST', '/api/members/import/upload', {
    花名册: [ROSTER, [name, idNumber, phone, '正式党员', c.t.code, '2015-07-01']],
  });
}

function orgFile(c: CaseCtx): Promise<Req> {
  const code = `MXM-${c.w.seq()}`;
  pending.set(c, code);
  return upload('POST', '/api/party-orgs/import/upload', {
    党组织: [ORGS, [code, '映射导入党小组', '党小组', c.t.code]],
  });
}

/** Uploads the file as the caller and returns its token; a caller who may not upload gets a dummy one. */
async function tokenOf(c: CaseCtx, file: Req): Promise<string> {
  const res = await c.h.client?.request(file as never);
  return res?.statusCode === 200 ? (res.json() as { token: string }).token : DUMMY_TOKEN;
}

const previewOk = (res: Parameters<Case['ok']>[0]) => {
  const body = okJson<{ issues: unknown[]; rows: number; created: number }>(res);
  expect(body).toMatchObject({ issues: [], rows: 1, created: 1 });
};
const previewHidden = (column: string) => (res: Parameters<Case['ok']>[0]) => {
  const body = okJson<{ issues: { column: string }[]; created: number }>(res);
  expect(body.issues.map((i) => i.column)).toContain(column);
};

async function memberExists(c: CaseCtx): Promise<boolean> {
  const name = pending.get(c) ?? '';
  return (
    (await c.w.t.database.db.selectFrom('member').select('id').where('name', '=', name).execute()).length > 0
  );
}
async function orgExists(c: CaseCtx): Promise<boolean> {
  const code = pending.get(c) ?? '';
  return (
    (await c.w.t.database.db.selectFrom('partyOrg').select('id').where('code', '=', code).execute()).length >
    0
  );
}

export const IMPORT_CASES: Record<string, Case> = {
  'POST /api/members/import/upload': {
    scope: 'org',
    request: rosterFile,
    ok: async (res, c) => {
      previewOk(res);
      expect(await memberExists(c), 'an upload writes nothing').toBe(false);
    },
    hidden: previewHidden('所在党组织编码'),
  },
  'POST /api/members/import/preview': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: '/api/members/import/preview',
      payload: { token: await tokenOf(c, await rosterFile(c)), columns: [] },
    }),
    ok: previewOk,
    hidden: previewHidden('所在党组织编码'),
  },
  'POST /api/members/import/confirm': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: '/api/members/import/confirm',
      payload: { token: await tokenOf(c, await rosterFile(c)), columns: [], acceptWarnings: true },
    }),
    ok: async (res, c) => {
      expect(okJson(res)).toMatchObject({ applied: true, created: 1, issues: [] });
      expect(await memberExists(c)).toBe(true);
    },
    hidden: async (res, c) => {
      expect(okJson(res)).toMatchObject({ applied: false });
      expect(await memberExists(c)).toBe(false);
    },
  },
  'POST /api/party-orgs/import/upload': {
    scope: 'org',
    request: orgFile,
    ok: async (res, c) => {
      previewOk(res);
      expect(await orgExists(c), 'an upload writes nothing').toBe(false);
    },
    hidden: previewHidden('上级组织编码'),
  },
  'POST /api/party-orgs/import/preview': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: '/api/party-orgs/import/preview',
      payload: { token: await tokenOf(c, await orgFile(c)), columns: [] },
    }),
    ok: previewOk,
    hidden: previewHidden('上级组织编码'),
  },
  'POST /api/party-orgs/import/confirm': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: '/api/party-orgs/import/confirm',
      payload: { token: await tokenOf(c, await orgFile(c)), columns: [], acceptWarnings: true },
    }),
    ok: async (res, c) => {
      expect(okJson(res)).toMatchObject({ applied: true, created: 1, issues: [] });
      expect(await orgExists(c)).toBe(true);
    },
    hidden: async (res, c) => {
      expect(okJson(res)).toMatchObject({ applied: false });
      expect(await orgExists(c)).toBe(false);
    },
  },
};
