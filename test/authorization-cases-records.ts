import { expect } from 'vitest';
import {
  type Case,
  type CaseCtx,
  cellsOf,
  fixtureCell,
  fixtureClosedCell,
  fresh,
  ids,
  newName,
  OLD_DATE,
  okJson,
  otherOrgan,
  peerOf,
  pending,
  status,
  upload,
  version,
} from './authorization-requests.ts';
import { holderReaches, newIdNumber, newPhone } from './authorization-world.ts';

// Requests of the organisation, department and member routes of test/authorization-table.ts, and their successes.
// 'org' cases are sent for the caller's own branch and for every branch outside its subtree; 'unit' cases also for
// a branch of an organ its subtree does not touch.

const ORG_IMPORT_HEADER = ['组织编码', '组织名称', '组织类别', '上级组织编码'];
const ROSTER_HEADER = ['姓名', '身份证号', '手机号', '人员类别', '所在党组织编码', '入党日期'];

export const RECORD_CASES: Record<string, Case> = {
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
  'POST /api/members/:id/reveal': {
    scope: 'org',
    showsMember: true,
    request: (c) => ({ method: 'POST', url: `/api/members/${c.t.member.id}/reveal` }),
    // Which numbers come back is the FULL_NUMBERS grid's business; here: at least the phone is revealed.
    ok: (res) => expect(okJson<{ revealed: string[] }>(res).revealed).toContain('phone'),
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
      expect(okJson(res), res.body.slice(0, 600)).toMatchObject({ applied: true, created: 1, issues: [] });
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
