import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { storeReport } from '../server/src/core/spreadsheet/report-store.ts';
import {
  fixtureMember,
  type Holder,
  holderReaches,
  holderTouchesUnit,
  isWorkbook,
  multipart,
  newIdNumber,
  newPhone,
  secondSession,
  type Target,
  type World,
  workbook,
  workbookCells,
} from './authorization-world.ts';
import type { Client } from './helpers.ts';

// How to call each route of test/authorization-table.ts validly, and what success looks like. Every request is one
// that must succeed for a role allowed there (real versions, right passwords, valid ID numbers): a 403 or 404 can
// then only come from the access rules. Requests aimed at a target out of the caller's scope use the same builder.

export type Req = {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Sent through this client instead of the caller's own (another session of the same account). */
  via?: Client;
};
export type CaseCtx = {
  w: World;
  h: Holder;
  /** The branch the request is about. */
  t: Target;
  /** For 'own' routes: aim at a record of another account. */
  foreign: boolean;
};
export type Case = {
  /**
   * What an out-of-scope request means: 'org' aims at a branch outside the caller's subtree; 'unit' at a branch of
   * an organ the caller's subtree does not touch (organ-level data); 'own' at another account's record; 'none':
   * the route holds no organisation's data.
   */
  scope: 'org' | 'unit' | 'own' | 'none';
  request: (c: CaseCtx) => Promise<Req> | Req;
  /** Throws unless the answer is the success it should be (status, and the effect where cheap to see). */
  ok: (res: LightMyRequestResponse, c: CaseCtx) => Promise<void> | void;
  /** Throws unless the answer hides the target. Default: 404. */
  hidden?: (res: LightMyRequestResponse, c: CaseCtx) => Promise<void> | void;
  /** The answer shows the target branch's standing member (where full numbers are shown, they must appear). */
  showsMember?: true;
};

const OLD_DATE = '2024-06-30';
const status = (res: LightMyRequestResponse, code: number) =>
  expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 300)}`).toBe(code);
const okJson = <T = Record<string, unknown>>(res: LightMyRequestResponse): T => {
  status(res, 200);
  return res.json() as T;
};
const ids = (items: { id: string }[]) => items.map((i) => i.id);

async function version(w: World, table: 'partyOrg' | 'department' | 'appUser', id: string): Promise<number> {
  const row = await w.t.database.db
    .selectFrom(table)
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.version;
}
async function fixtureCell(w: World, under: Target) {
  const r = await w.fixture.post('/api/party-orgs', {
    parentId: under.org.id,
    code: `MXC-${w.seq()}`,
    name: `矩阵党小组${w.seq()}`,
    kind: 'cell',
  });
  return okJson<{ id: string; code: string; version: number }>(r);
}
async function fixtureClosedCell(w: World, under: Target) {
  const cell = await fixtureCell(w, under);
  const r = await w.fixture.post(`/api/party-orgs/${cell.id}/close`, {
    closedOn: OLD_DATE,
    reason: '测试',
    version: cell.version,
  });
  return okJson<{ id: string; version: number }>(r);
}
const fresh = (c: CaseCtx) => fixtureMember(c.w, c.t.code, c.t.org.id);
/** Another branch in the caller's subtree, for moves; the target itself when there is none. */
const peerOf = (c: CaseCtx): Target =>
  c.t.code !== 'MXA-2' && holderReaches(c.h, 'MXA-2') ? c.w.targets['MXA-2'] : c.t;
/** The target lies in an organ the caller's subtree does not touch. */
const otherOrgan = (c: CaseCtx) => !holderTouchesUnit(c.h, c.t.code);
const upload = async (method: string, url: string, sheets: Record<string, unknown[][]>): Promise<Req> => ({
  method,
  url,
  ...multipart(await workbook(sheets)),
});
const cellsOf = async (res: LightMyRequestResponse) => {
  status(res, 200);
  expect(isWorkbook(res), 'an .xlsx answer').toBe(true);
  return workbookCells(res.rawPayload);
};

const ORG_IMPORT_HEADER = ['组织编码', '组织名称', '组织类别', '上级组织编码'];
const ROSTER_HEADER = ['姓名', '身份证号', '手机号', '人员类别', '所在党组织编码', '入党日期'];
const newName = (c: CaseCtx) => `新党员${c.w.seq()}`;
/** What a request created or sent (a code, a name, a password), for its check to look for. */
const pending = new WeakMap<CaseCtx, string>();
const sessions = new WeakMap<CaseCtx, Client>();

export const CASES: Record<string, Case> = {
  // Sessions ---------------------------------------------------------------------------------------------------
  'GET /api/health': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/health' }),
    ok: (res) => expect(okJson(res).ok).toBe(true),
  },
  'POST /api/auth/login': {
    scope: 'none',
    request: (c) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: c.w.login, password: c.w.anonymous.password },
    }),
    ok: (res, c) => expect(okJson<{ user: { username: string } }>(res).user.username).toBe(c.w.login),
  },
  'POST /api/auth/logout': {
    scope: 'none',
    // Through a second session of the caller's account: signing out ends the session it rides on.
    request: async (c) => {
      const req: Req = { method: 'POST', url: '/api/auth/logout' };
      if (c.h.client) {
        req.via = await secondSession(c.w, c.h);
        sessions.set(c, req.via);
      }
      return req;
    },
    ok: async (res, c) => {
      expect(okJson(res).ok).toBe(true);
      const ended = sessions.get(c);
      if (ended) expect((await ended.get('/api/auth/session')).statusCode, 'the session ended').toBe(401);
    },
  },
  'GET /api/auth/session': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/auth/session' }),
    ok: (res, c) => {
      const s = okJson<{ user: { username: string }; roles: { role: string }[] }>(res);
      expect(s.user.username).toBe(c.h.username);
      expect(s.roles.map((r) => r.role)).toEqual([c.h.role]);
    },
  },
  'POST /api/auth/change-password': {
    scope: 'none',
    request: (c) => {
      const newPassword = `Changed-Passw0rd-${c.w.seq()}`;
      pending.set(c, newPassword);
      return {
        method: 'POST',
        url: '/api/auth/change-password',
        payload: { currentPassword: c.h.password, newPassword },
      };
    },
    ok: async (res, c) => {
      status(res, 200);
      // Later sign-ins of this account (sign-out's second session) need the new password.
      c.h.password = pending.get(c) as string;
      const user = await c.w.t.database.db
        .selectFrom('appUser')
        .select('passwordChangedAt')
        .where('id', '=', c.h.userId)
        .executeTakeFirstOrThrow();
      expect(user.passwordChangedAt).not.toBeNull();
    },
  },
  'GET /api/import-reports/:token': {
    scope: 'own',
    request: (c) => {
      const owner = c.foreign ? c.w.fixture.userId : c.h.userId || 'nobody';
      return { method: 'GET', url: `/api/import-reports/${storeReport(owner, reportBook, '报告.xlsx')}` };
    },
    ok: async (res) => expect(await cellsOf(res)).toContain('矩阵报告'),
  },

  // Accounts, security, audit ----------------------------------------------------------------------------------
  'GET /api/users': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/users?pageSize=200' }),
    ok: (res, c) => expect(ids(okJson<{ items: { id: string }[] }>(res).items)).toContain(c.w.account.id),
  },
  'GET /api/users/:id': {
    scope: 'none',
    request: (c) => ({ method: 'GET', url: `/api/users/${c.w.account.id}` }),
    ok: (res, c) => expect(okJson(res).username).toBe(c.w.account.username),
  },
  'POST /api/users': {
    scope: 'none',
    request: (c) => {
      const username = `mx-new-${c.w.seq()}`;
      pending.set(c, username);
      return { method: 'POST', url: '/api/users', payload: { username, displayName: '新账号' } };
    },
    ok: (res, c) => {
      const body = okJson<{ user: { username: string }; initialPassword: string }>(res);
      expect(body.user.username).toBe(pending.get(c));
      expect(body.initialPassword.length).toBeGreaterThanOrEqual(10);
    },
  },
  'PATCH /api/users/:id': {
    scope: 'none',
    request: async (c) => ({
      method: 'PATCH',
      url: `/api/users/${c.w.account.id}`,
      payload: { displayName: `改名${c.w.seq()}`, version: await version(c.w, 'appUser', c.w.account.id) },
    }),
    ok: (res) => expect(okJson<{ displayName: string }>(res).displayName).toMatch(/^改名\d+$/),
  },
  'POST /api/users/:id/reset-password': {
    scope: 'none',
    request: (c) => ({ method: 'POST', url: `/api/users/${c.w.account.id}/reset-password` }),
    ok: (res) => {
      const body = okJson<{ user: { mustChangePassword: boolean }; initialPassword: string }>(res);
      expect(body.user.mustChangePassword).toBe(true);
      expect(body.initialPassword.length).toBeGreaterThanOrEqual(10);
    },
  },
  'PUT /api/users/:id/roles': {
    scope: 'none',
    request: async (c) => ({
      method: 'PUT',
      url: `/api/users/${c.w.account.id}/roles`,
      payload: {
        roles: [{ role: 'member', partyOrgId: c.w.home.org.id }],
        version: await version(c.w, 'appUser', c.w.account.id),
      },
    }),
    ok: (res, c) =>
      expect(okJson<{ roles: unknown[] }>(res).roles).toEqual([
        expect.objectContaining({ role: 'member', partyOrgId: c.w.home.org.id }),
      ]),
  },
  'GET /api/security/policy': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/security/policy' }),
    ok: (res) => expect(okJson<{ lockoutThreshold: number }>(res).lockoutThreshold).toBeGreaterThan(0),
  },
  'GET /api/security/lockouts': {
    scope: 'none',
    request: async (c) => {
      await lockOut(c.w);
      return { method: 'GET', url: '/api/security/lockouts' };
    },
    ok: (res, c) =>
      expect(okJson<unknown[]>(res)).toContainEqual(
        expect.objectContaining({ kind: 'account', key: c.w.lockable }),
      ),
  },
  'POST /api/security/unlock': {
    scope: 'none',
    request: async (c) => {
      await lockOut(c.w);
      return { method: 'POST', url: '/api/security/unlock', payload: { kind: 'account', key: c.w.lockable } };
    },
    ok: async (res, c) => {
      status(res, 200);
      const u = await c.w.t.database.db
        .selectFrom('appUser')
        .select('lockoutClearedAt')
        .where('username', '=', c.w.lockable)
        .executeTakeFirstOrThrow();
      expect(u.lockoutClearedAt, 'the lock was cleared').not.toBeNull();
    },
  },
  'GET /api/audit': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/audit?pageSize=200' }),
    ok: (res) =>
      expect(okJson<{ items: { action: string }[] }>(res).items.map((e) => e.action)).toContain(
        'member.create',
      ),
  },
  'GET /api/audit/verify': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/audit/verify' }),
    ok: (res) => expect(okJson(res)).toMatchObject({ ok: true, firstBrokenSeq: null }),
  },
  'GET /api/audit/export': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/audit/export' }),
    ok: async (res) => expect(await cellsOf(res)).toContain('member.create'),
  },

  // Organisations and departments ------------------------------------------------------------------------------
  'GET /api/units': {
    scope: 'unit',
    request: () => ({ method: 'GET', url: '/api/units' }),
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(c.t.unit.id),
    hidden: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).not.toContain(c.t.unit.id),
  },
  'GET /api/party-orgs': {
    scope: 'org',
    request: () => ({ method: 'GET', url: '/api/party-orgs' }),
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(c.t.org.id),
    hidden: (res, c) => {
      const orgs = okJson<{ id: string; unitId: string | null }[]>(res);
      expect(ids(orgs)).not.toContain(c.t.org.id);
      const foreignUnits = otherOrgan(c) ? [c.t.unit.id] : [];
      expect(
        orgs.filter((o) => foreignUnits.includes(o.unitId ?? '')),
        'nothing of the other organ',
      ).toEqual([]);
    },
  },
  'GET /api/party-orgs/:id': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/party-orgs/${c.t.org.id}` }),
    ok: (res, c) => expect(okJson(res)).toMatchObject({ id: c.t.org.id, code: c.t.code }),
  },
  'GET /api/party-orgs/:id/events': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/party-orgs/${c.t.org.id}/events` }),
    ok: (res) => expect(okJson<{ kind: string }[]>(res).map((e) => e.kind)).toContain('created'),
  },
  'POST /api/party-orgs': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/party-orgs',
      payload: { parentId: c.t.org.id, code: `MXC-${c.w.seq()}`, name: '新党小组', kind: 'cell' },
    }),
    ok: (res, c) =>
      expect(okJson(res)).toMatchObject({ parentId: c.t.org.id, kind: 'cell', status: 'active' }),
  },
  'PATCH /api/party-orgs/:id': {
    scope: 'org',
    request: async (c) => ({
      method: 'PATCH',
      url: `/api/party-orgs/${c.t.org.id}`,
      payload: { sortOrder: 500 + c.w.seq(), version: await version(c.w, 'partyOrg', c.t.org.id) },
    }),
    ok: (res, c) => {
      const body = okJson<{ id: string; sortOrder: number }>(res);
      expect(body.id).toBe(c.t.org.id);
      expect(body.sortOrder).toBeGreaterThan(500);
    },
  },
  'POST /api/party-orgs/:id/move': {
    scope: 'org',
    // Out of scope: the cell lies in the target branch and would move into the caller's own branch.
    request: async (c) => {
      const cell = await fixtureCell(c.w, c.t);
      const to = holderReaches(c.h, c.t.code) ? peerOf(c) : c.w.home;
      return {
        method: 'POST',
        url: `/api/party-orgs/${cell.id}/move`,
        payload: { newParentId: to.org.id, version: cell.version },
      };
    },
    ok: (res, c) => expect(okJson(res).parentId).toBe(peerOf(c).org.id),
  },
  'POST /api/party-orgs/:id/close': {
    scope: 'org',
    request: async (c) => {
      const cell = await fixtureCell(c.w, c.t);
      return {
        method: 'POST',
        url: `/api/party-orgs/${cell.id}/close`,
        payload: { closedOn: OLD_DATE, reason: '测试撤销', version: cell.version },
      };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ status: 'closed', closedOn: OLD_DATE }),
  },
  'POST /api/party-orgs/:id/reopen': {
    scope: 'org',
    request: async (c) => {
      const cell = await fixtureClosedCell(c.w, c.t);
      return {
        method: 'POST',
        url: `/api/party-orgs/${cell.id}/reopen`,
        payload: { version: cell.version },
      };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ status: 'active', closedOn: null }),
  },
  'GET /api/party-orgs/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/party-orgs/template' }),
    ok: async (res) => expect(await cellsOf(res)).toContain('组织编码'),
  },
  'GET /api/party-orgs/export': {
    scope: 'org',
    request: () => ({ method: 'GET', url: '/api/party-orgs/export' }),
    ok: async (res, c) => expect(await cellsOf(res)).toContain(c.t.code),
    hidden: async (res, c) => {
      const cells = await cellsOf(res);
      // Another organ's unit and departments stay out too; a sibling branch's organ is the caller's own.
      const absent = [c.t.code, ...(otherOrgan(c) ? [c.t.unit.code, c.t.dept.code] : [])];
      expect(cells.filter((cell) => absent.includes(cell))).toEqual([]);
    },
  },
  'POST /api/party-orgs/import': {
    scope: 'org',
    request: (c) => {
      const code = `MXI-${c.w.seq()}`;
      pending.set(c, code);
      return upload('POST', '/api/party-orgs/import', {
        党组织: [ORG_IMPORT_HEADER, [code, '导入党小组', '党小组', c.t.code]],
      });
    },
    ok: async (res, c) => {
      expect(okJson(res)).toMatchObject({ applied: true, created: 1, issues: [] });
      expect(await orgExists(c)).toBe(true);
    },
    hidden: async (res, c) => {
      const body = okJson<{ applied: boolean; issues: { column: string }[] }>(res);
      expect(body.applied).toBe(false);
      expect(body.issues.map((i) => i.column)).toContain('上级组织编码');
      expect(await orgExists(c)).toBe(false);
    },
  },
  'GET /api/departments': {
    scope: 'unit',
    request: () => ({ method: 'GET', url: '/api/departments' }),
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(c.t.dept.id),
    hidden: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).not.toContain(c.t.dept.id),
  },
  'POST /api/departments': {
    scope: 'unit',
    request: (c) => ({
      method: 'POST',
      url: '/api/departments',
      payload: { unitId: c.t.unit.id, code: `MXD-${c.w.seq()}`, name: '新科室', kind: 'section' },
    }),
    ok: (res, c) => expect(okJson(res)).toMatchObject({ unitId: c.t.unit.id, kind: 'section' }),
  },
  'PATCH /api/departments/:id': {
    scope: 'unit',
    request: async (c) => ({
      method: 'PATCH',
      url: `/api/departments/${c.t.dept.id}`,
      payload: { sortOrder: 500 + c.w.seq(), version: await version(c.w, 'department', c.t.dept.id) },
    }),
    ok: (res, c) => {
      const body = okJson<{ id: string; sortOrder: number }>(res);
      expect(body.id).toBe(c.t.dept.id);
      expect(body.sortOrder).toBeGreaterThan(500);
    },
  },

  // Members ----------------------------------------------------------------------------------------------------
  'GET /api/members': {
    scope: 'org',
    showsMember: true,
    request: () => ({ method: 'GET', url: '/api/members?pageSize=200' }),
    ok: (res, c) => {
      const page = okJson<{ items: { id: string }[]; total: number }>(res);
      expect(page.total, 'the whole list fits one page').toBeLessThanOrEqual(200);
      expect(ids(page.items)).toContain(c.t.member.id);
    },
    hidden: (res, c) => {
      const items = okJson<{ items: { id: string; unitId: string | null }[] }>(res).items;
      expect(ids(items)).not.toContain(c.t.member.id);
      const foreignUnits = otherOrgan(c) ? [c.t.unit.id] : [];
      expect(
        items.filter((m) => foreignUnits.includes(m.unitId ?? '')),
        'nobody of the other organ',
      ).toEqual([]);
    },
  },
  'GET /api/members/:id': {
    scope: 'org',
    showsMember: true,
    request: (c) => ({ method: 'GET', url: `/api/members/${c.t.member.id}` }),
    ok: (res, c) => expect(okJson(res)).toMatchObject({ id: c.t.member.id, name: c.t.member.name }),
  },
  'GET /api/members/:id/history': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/members/${c.t.member.id}/history` }),
    ok: (res, c) =>
      expect(okJson<{ partyOrgId: string }[]>(res).map((e) => e.partyOrgId)).toContain(c.t.org.id),
  },
  'POST /api/members': {
    scope: 'org',
    request: (c) => {
      const name = newName(c);
      pending.set(c, name);
      const idNumber = newIdNumber();
      const phone = newPhone();
      c.w.members.push({ name, branch: c.t.code, idNumber, phone });
      return {
        method: 'POST',
        url: '/api/members',
        payload: { name, category: 'full', partyOrgId: c.t.org.id, idNumber, phone, joinedOn: '2012-07-01' },
      };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ partyOrgId: c.t.org.id, name: pending.get(c) }),
    // An organisation out of scope reads exactly like one that does not exist.
    hidden: async (res, c) => {
      status(res, 400);
      const missing = await c.w.fixture.post('/api/members', {
        name: '不存在',
        category: 'full',
        partyOrgId: '00000000-0000-4000-8000-000000000000',
        idNumber: newIdNumber(),
      });
      expect(res.json().error.issues).toEqual(missing.json().error.issues);
      expect(await memberExists(c)).toBe(false);
    },
  },
  'PATCH /api/members/:id': {
    scope: 'org',
    request: async (c) => {
      const m = await fresh(c);
      return {
        method: 'PATCH',
        url: `/api/members/${m.id}`,
        payload: { businessPost: '一级主任科员', version: m.version },
      };
    },
    ok: (res) => expect(okJson(res).businessPost).toBe('一级主任科员'),
  },
  'POST /api/members/:id/transfer': {
    scope: 'org',
    // Out of scope: a member of the target branch, asked to move into a cell of the caller's own branch.
    request: async (c) => {
      const m = await fresh(c);
      const cell = await fixtureCell(c.w, holderReaches(c.h, c.t.code) ? c.t : c.w.home);
      pending.set(c, cell.id);
      return {
        method: 'POST',
        url: `/api/members/${m.id}/transfer`,
        payload: { toPartyOrgId: cell.id, on: OLD_DATE, reason: '工作调动', version: m.version },
      };
    },
    ok: (res, c) => expect(okJson(res).partyOrgId).toBe(pending.get(c)),
  },
  'POST /api/members/:id/leave': {
    scope: 'org',
    request: async (c) => {
      const m = await fresh(c);
      return {
        method: 'POST',
        url: `/api/members/${m.id}/leave`,
        payload: { on: OLD_DATE, reason: '去世', version: m.version },
      };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ status: 'left' }),
  },
  'GET /api/members/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/members/template' }),
    ok: async (res) => expect((await cellsOf(res)).some((cell) => cell.includes('身份证号'))).toBe(true),
  },
  'GET /api/members/export': {
    scope: 'org',
    showsMember: true,
    request: () => ({ method: 'GET', url: '/api/members/export' }),
    ok: async (res, c) => expect(await cellsOf(res)).toContain(c.t.member.name),
    hidden: async (res, c) => expect(await cellsOf(res)).not.toContain(c.t.member.name),
  },
  'POST /api/members/import': {
    scope: 'org',
    request: (c) => {
      const name = newName(c);
      pending.set(c, name);
      const idNumber = newIdNumber();
      const phone = newPhone();
      c.w.members.push({ name, branch: c.t.code, idNumber, phone });
      return upload('POST', '/api/members/import', {
        党员名册: [ROSTER_HEADER, [name, idNumber, phone, '正式党员', c.t.code, '2015-07-01']],
      });
    },
    ok: async (res, c) => {
      expect(okJson(res)).toMatchObject({ applied: true, created: 1, issues: [] });
      expect(await memberExists(c)).toBe(true);
    },
    hidden: async (res, c) => {
      const body = okJson<{ applied: boolean; issues: { column: string }[] }>(res);
      expect(body.applied).toBe(false);
      expect(body.issues.map((i) => i.column)).toContain('所在党组织编码');
      expect(await memberExists(c)).toBe(false);
    },
  },
};

let reportBook: Buffer = Buffer.alloc(0);
/** Prepares what the cases need once per world. */
export async function prepareCases(): Promise<void> {
  reportBook = await workbook({ 报告: [['矩阵报告']] });
}

/** Five failed sign-ins of the lockable account, written as the sign-in route writes them. */
async function lockOut(w: World): Promise<void> {
  const rows = Array.from({ length: 5 }, () => ({ username: w.lockable, ip: '10.77.0.1', success: false }));
  await w.t.database.db.insertInto('loginAttempt').values(rows).execute();
}
async function orgExists(c: CaseCtx): Promise<boolean> {
  const code = pending.get(c) ?? '';
  const r = await c.w.t.database.db.selectFrom('partyOrg').select('id').where('code', '=', code).execute();
  return r.length > 0;
}
async function memberExists(c: CaseCtx): Promise<boolean> {
  const name = pending.get(c) ?? '';
  const r = await c.w.t.database.db.selectFrom('member').select('id').where('name', '=', name).execute();
  return r.length > 0;
}
