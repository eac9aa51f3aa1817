import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAdminRole, type Permission, ROLE_PERMISSIONS, type Role } from '#contracts/identity';
import { registeredRoutes } from '../server/src/modules/identity/index.ts';
import { buildTestApp, type Client, TEST_PASSWORD, type TestApp, userWith } from './helpers.ts';
import {
  buildWorld,
  multipart,
  ROLE_LIST,
  rosterWorkbook,
  validIdNumber,
  type World,
  workbookText,
} from './matrix-world.ts';

// Every API route × every role × in-scope / out-of-scope. Business roles are held on branch A; the "out" request
// aims at branch B. Expectations follow from the one permission table (ROLE_PERMISSIONS) and the route's declared
// access rule: no permission → 403; in scope → allowed; out of scope → 404 for a record, absent from a list or
// export, refused as an import issue. A route without an entry here fails the test.

type Req = { method: string; url: string; payload?: unknown; headers?: Record<string, string> };
type Case = {
  in: (w: World) => Promise<Req> | Req;
  /** Absent for routes that are not about one organisation's data (templates, accounts, audit). */
  out?: (w: World) => Promise<Req> | Req;
  /** How an out-of-scope answer must look when it is not a 404. */
  outCheck?: (res: LightMyRequestResponse, w: World) => Promise<void> | void;
  /**
   * Business departments belong to the whole organ: writing them needs the permission on the organ's top
   * organisation, so a role held on a branch is refused even with the permission.
   */
  unitLevel?: true;
};

const tomorrowish = '2026-11-20';
/** A fresh Party cell under a branch, made by the officer, for routes that use up what they act on. */
const newCell = async (w: World, parentId: string) => {
  const r = await w.officer.post('/api/party-orgs', {
    parentId,
    code: `MX-${w.seq()}`,
    name: `测试党小组${w.seq()}`,
    kind: 'cell',
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  return r.json() as { id: string; version: number };
};
const closedCell = async (w: World, parentId: string) => {
  const cell = await newCell(w, parentId);
  const r = await w.officer.post(`/api/party-orgs/${cell.id}/close`, {
    closedOn: tomorrowish,
    reason: '测试',
    version: cell.version,
  });
  return r.json() as { id: string; version: number };
};
const closeRequest = (cell: { id: string; version: number }): Req => ({
  method: 'POST',
  url: `/api/party-orgs/${cell.id}/close`,
  payload: { closedOn: tomorrowish, reason: '测试撤销', version: cell.version },
});
const reopenRequest = (cell: { id: string; version: number }): Req => ({
  method: 'POST',
  url: `/api/party-orgs/${cell.id}/reopen`,
  payload: { version: cell.version },
});
const newMember = async (w: World, partyOrgId: string) => {
  const r = await w.officer.post('/api/members', {
    name: `测试${w.seq()}`,
    category: 'full',
    partyOrgId,
    idNumber: validIdNumber(),
  });
  if (r.statusCode !== 200) throw new Error(r.body);
  return r.json() as { id: string; version: number };
};
const excludes = (key: 'a' | 'b' | 'memberB') => (res: LightMyRequestResponse, w: World) => {
  expect(res.statusCode).toBe(200);
  expect(res.body).not.toContain(w[key].id);
};

const CASES: Record<string, Case> = {
  'GET /api/health': { in: () => ({ method: 'GET', url: '/api/health' }) },
  'POST /api/auth/login': {
    in: () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'mx-login', password: TEST_PASSWORD },
    }),
  },
  'POST /api/auth/logout': { in: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'GET /api/auth/session': { in: () => ({ method: 'GET', url: '/api/auth/session' }) },
  'POST /api/auth/change-password': {
    in: () => ({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { currentPassword: 'wrong', newPassword: 'Another-Passw0rd' },
    }),
  },
  'GET /api/import-reports/:token': {
    in: () => ({ method: 'GET', url: '/api/import-reports/AAAAAAAAAAAAAAAAAAAAAA' }),
  },

  'GET /api/users': { in: () => ({ method: 'GET', url: '/api/users' }) },
  'GET /api/users/:id': { in: (w) => ({ method: 'GET', url: `/api/users/${w.userId}` }) },
  'POST /api/users': {
    in: (w) => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: `mx-user-${w.seq()}`, displayName: '新账号' },
    }),
  },
  'PATCH /api/users/:id': {
    in: (w) => ({
      method: 'PATCH',
      url: `/api/users/${w.userId}`,
      payload: { displayName: '改名', version: 999 },
    }),
  },
  'POST /api/users/:id/reset-password': {
    in: (w) => ({ method: 'POST', url: `/api/users/${w.userId}/reset-password` }),
  },
  'PUT /api/users/:id/roles': {
    in: (w) => ({ method: 'PUT', url: `/api/users/${w.userId}/roles`, payload: { roles: [], version: 999 } }),
  },
  'GET /api/security/policy': { in: () => ({ method: 'GET', url: '/api/security/policy' }) },
  'GET /api/security/lockouts': { in: () => ({ method: 'GET', url: '/api/security/lockouts' }) },
  'POST /api/security/unlock': {
    in: () => ({
      method: 'POST',
      url: '/api/security/unlock',
      payload: { kind: 'address', key: '10.0.0.9' },
    }),
  },
  'GET /api/audit': { in: () => ({ method: 'GET', url: '/api/audit' }) },
  'GET /api/audit/verify': { in: () => ({ method: 'GET', url: '/api/audit/verify' }) },
  'GET /api/audit/export': { in: () => ({ method: 'GET', url: '/api/audit/export' }) },

  'GET /api/units': { in: () => ({ method: 'GET', url: '/api/units' }) },
  'GET /api/party-orgs': {
    in: () => ({ method: 'GET', url: '/api/party-orgs' }),
    out: () => ({ method: 'GET', url: '/api/party-orgs' }),
    outCheck: excludes('b'),
  },
  'GET /api/party-orgs/:id': {
    in: (w) => ({ method: 'GET', url: `/api/party-orgs/${w.a.id}` }),
    out: (w) => ({ method: 'GET', url: `/api/party-orgs/${w.b.id}` }),
  },
  'GET /api/party-orgs/:id/events': {
    in: (w) => ({ method: 'GET', url: `/api/party-orgs/${w.a.id}/events` }),
    out: (w) => ({ method: 'GET', url: `/api/party-orgs/${w.b.id}/events` }),
  },
  'POST /api/party-orgs': {
    in: (w) => ({
      method: 'POST',
      url: '/api/party-orgs',
      payload: { parentId: w.a.id, code: `MC-${w.seq()}`, name: '新党小组', kind: 'cell' },
    }),
    out: (w) => ({
      method: 'POST',
      url: '/api/party-orgs',
      payload: { parentId: w.b.id, code: `MC-${w.seq()}`, name: '新党小组', kind: 'cell' },
    }),
  },
  'PATCH /api/party-orgs/:id': {
    in: async (w) => {
      const cur = (await w.officer.get(`/api/party-orgs/${w.a.id}`)).json();
      return {
        method: 'PATCH',
        url: `/api/party-orgs/${w.a.id}`,
        payload: { sortOrder: w.seq(), version: cur.version },
      };
    },
    out: async (w) => {
      const cur = (await w.officer.get(`/api/party-orgs/${w.b.id}`)).json();
      return {
        method: 'PATCH',
        url: `/api/party-orgs/${w.b.id}`,
        payload: { sortOrder: w.seq(), version: cur.version },
      };
    },
  },
  // Routes that use up what they act on get a fresh cell each time: under A (in scope) or under B (out).
  'POST /api/party-orgs/:id/move': {
    in: async (w) => {
      const cell = await newCell(w, w.a.id);
      return {
        method: 'POST',
        url: `/api/party-orgs/${cell.id}/move`,
        payload: { newParentId: w.a.id, version: cell.version },
      };
    },
    out: async (w) => {
      const cell = await newCell(w, w.b.id);
      return {
        method: 'POST',
        url: `/api/party-orgs/${cell.id}/move`,
        payload: { newParentId: w.a.id, version: cell.version },
      };
    },
  },
  'POST /api/party-orgs/:id/close': {
    in: async (w) => closeRequest(await newCell(w, w.a.id)),
    out: async (w) => closeRequest(await newCell(w, w.b.id)),
  },
  'POST /api/party-orgs/:id/reopen': {
    in: async (w) => reopenRequest(await closedCell(w, w.a.id)),
    out: async (w) => reopenRequest(await closedCell(w, w.b.id)),
  },
  'GET /api/party-orgs/template': { in: () => ({ method: 'GET', url: '/api/party-orgs/template' }) },
  'GET /api/party-orgs/export': {
    in: () => ({ method: 'GET', url: '/api/party-orgs/export' }),
    out: () => ({ method: 'GET', url: '/api/party-orgs/export' }),
    outCheck: async (res) => {
      expect(res.statusCode).toBe(200);
      expect(await workbookText(res.rawPayload)).not.toContain('M-B');
    },
  },
  'POST /api/party-orgs/import': {
    in: async (w) => ({
      method: 'POST',
      url: '/api/party-orgs/import',
      ...multipart((await w.officer.get('/api/party-orgs/template')).rawPayload),
    }),
  },
  'GET /api/departments': { in: () => ({ method: 'GET', url: '/api/departments' }) },
  'POST /api/departments': {
    unitLevel: true,
    in: (w) => ({
      method: 'POST',
      url: '/api/departments',
      payload: { unitId: w.unitId, code: `MD-${w.seq()}`, name: '新科室', kind: 'section' },
    }),
  },
  'PATCH /api/departments/:id': {
    unitLevel: true,
    in: async (w) => {
      const cur = (await w.officer.get('/api/departments'))
        .json()
        .find((d: { id: string }) => d.id === w.deptA.id);
      return {
        method: 'PATCH',
        url: `/api/departments/${w.deptA.id}`,
        payload: { sortOrder: w.seq(), version: cur.version },
      };
    },
  },

  'GET /api/members': {
    in: () => ({ method: 'GET', url: '/api/members' }),
    out: () => ({ method: 'GET', url: '/api/members' }),
    outCheck: excludes('memberB'),
  },
  'GET /api/members/:id': {
    in: (w) => ({ method: 'GET', url: `/api/members/${w.memberA.id}` }),
    out: (w) => ({ method: 'GET', url: `/api/members/${w.memberB.id}` }),
  },
  'GET /api/members/:id/history': {
    in: (w) => ({ method: 'GET', url: `/api/members/${w.memberA.id}/history` }),
    out: (w) => ({ method: 'GET', url: `/api/members/${w.memberB.id}/history` }),
  },
  'POST /api/members': {
    in: (w) => ({
      method: 'POST',
      url: '/api/members',
      payload: { name: '新党员', category: 'full', partyOrgId: w.a.id, idNumber: validIdNumber() },
    }),
    out: (w) => ({
      method: 'POST',
      url: '/api/members',
      payload: { name: '新党员', category: 'full', partyOrgId: w.b.id, idNumber: validIdNumber() },
    }),
    // A referenced organisation outside the scope reads exactly like one that does not exist.
    outCheck: async (res, w) => {
      expect(res.statusCode).toBe(400);
      const missing = await w.officer.post('/api/members', {
        name: '新党员',
        category: 'full',
        partyOrgId: '00000000-0000-4000-8000-000000000000',
        idNumber: validIdNumber(),
      });
      expect(res.json().error.issues).toEqual(missing.json().error.issues);
    },
  },
  'PATCH /api/members/:id': {
    in: async (w) => {
      const m = await newMember(w, w.a.id);
      return {
        method: 'PATCH',
        url: `/api/members/${m.id}`,
        payload: { businessPost: '科员', version: m.version },
      };
    },
    out: async (w) => {
      const m = await newMember(w, w.b.id);
      return {
        method: 'PATCH',
        url: `/api/members/${m.id}`,
        payload: { businessPost: '科员', version: m.version },
      };
    },
  },
  'POST /api/members/:id/transfer': {
    in: async (w) => {
      const m = await newMember(w, w.a.id);
      const cell = await newCell(w, w.a.id);
      return {
        method: 'POST',
        url: `/api/members/${m.id}/transfer`,
        payload: { toPartyOrgId: cell.id, on: tomorrowish, reason: '其他', version: m.version },
      };
    },
    out: async (w) => {
      const m = await newMember(w, w.b.id);
      return {
        method: 'POST',
        url: `/api/members/${m.id}/transfer`,
        payload: { toPartyOrgId: w.a.id, on: tomorrowish, reason: '其他', version: m.version },
      };
    },
  },
  'POST /api/members/:id/leave': {
    in: async (w) => {
      const m = await newMember(w, w.a.id);
      return {
        method: 'POST',
        url: `/api/members/${m.id}/leave`,
        payload: { on: tomorrowish, reason: '其他', version: m.version },
      };
    },
    out: async (w) => {
      const m = await newMember(w, w.b.id);
      return {
        method: 'POST',
        url: `/api/members/${m.id}/leave`,
        payload: { on: tomorrowish, reason: '其他', version: m.version },
      };
    },
  },
  'GET /api/members/template': { in: () => ({ method: 'GET', url: '/api/members/template' }) },
  'GET /api/members/export': {
    in: (w) => ({ method: 'GET', url: `/api/members/export?partyOrgId=${w.a.id}` }),
    out: (w) => ({ method: 'GET', url: `/api/members/export?partyOrgId=${w.b.id}` }),
  },
  'POST /api/members/import': {
    in: async (w) => ({
      method: 'POST',
      url: '/api/members/import',
      ...multipart(await rosterWorkbook('M-A', `导入${w.seq()}`)),
    }),
    out: async (w) => ({
      method: 'POST',
      url: '/api/members/import',
      ...multipart(await rosterWorkbook('M-B', `导入${w.seq()}`)),
    }),
    outCheck: (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.json().applied).toBe(false);
    },
  },

  // Self-service: every signed-in account reaches its own record; these accounts have none, hence 404.
  'GET /api/me/member': { in: () => ({ method: 'GET', url: '/api/me/member' }) },
  'GET /api/me/member/history': { in: () => ({ method: 'GET', url: '/api/me/member/history' }) },
  'GET /api/me/corrections': { in: () => ({ method: 'GET', url: '/api/me/corrections' }) },
  'POST /api/me/corrections': {
    in: () => ({
      method: 'POST',
      url: '/api/me/corrections',
      payload: { field: 'education', message: '应为大学本科' },
    }),
  },
  'GET /api/corrections': {
    in: () => ({ method: 'GET', url: '/api/corrections' }),
    out: async (w) => {
      await newCorrection(w.memberB.id);
      return { method: 'GET', url: '/api/corrections' };
    },
    outCheck: excludes('memberB'),
  },
  'POST /api/corrections/:id/resolve': {
    in: async (w) => ({
      method: 'POST',
      url: `/api/corrections/${await newCorrection(w.memberA.id)}/resolve`,
      payload: { status: 'resolved', version: 1 },
    }),
    out: async (w) => ({
      method: 'POST',
      url: `/api/corrections/${await newCorrection(w.memberB.id)}/resolve`,
      payload: { status: 'resolved', version: 1 },
    }),
  },

  'GET /api/statistics': {
    in: (w) => ({ method: 'GET', url: `/api/statistics?partyOrgId=${w.a.id}` }),
    out: (w) => ({ method: 'GET', url: `/api/statistics?partyOrgId=${w.b.id}` }),
  },
  'GET /api/statistics/export': {
    in: (w) => ({ method: 'GET', url: `/api/statistics/export?partyOrgId=${w.a.id}` }),
    out: (w) => ({ method: 'GET', url: `/api/statistics/export?partyOrgId=${w.b.id}` }),
  },
};

let t: TestApp;
let w: World;

/** An open correction request about `memberId`, written straight into its table (no account is linked here). */
async function newCorrection(memberId: string): Promise<string> {
  const row = await t.database.db
    .insertInto('correctionRequest')
    .values({ memberId, field: 'other', message: '矩阵测试' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
const clients = new Map<Role, Client>();

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildWorld(t);
  await userWith(t, 'mx-login', []);
  for (const role of ROLE_LIST) {
    clients.set(
      role,
      await userWith(t, `mx-${role.replaceAll('_', '-')}`, [
        { role, partyOrgId: isAdminRole(role) ? null : w.a.id },
      ]),
    );
  }
}, 300_000);
afterAll(async () => {
  await t.close();
});

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
/** Every route, with sign-out last: it ends the session the other requests ride on. */
const routesInOrder = () =>
  registeredRoutes(t.app)
    .filter((r) => !r.url.startsWith('/api/docs'))
    .sort(
      (a, b) => Number(keyOf(a) === 'POST /api/auth/logout') - Number(keyOf(b) === 'POST /api/auth/logout'),
    );

describe('authorisation matrix', () => {
  it('has an entry for every registered API route, and no entry for a route that does not exist', () => {
    const routes = registeredRoutes(t.app)
      .filter((r) => !r.url.startsWith('/api/docs'))
      .map(keyOf);
    expect(routes.filter((r) => !CASES[r]).sort()).toEqual([]);
    expect(Object.keys(CASES).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('refuses every route except the public ones to a request without a session', async () => {
    for (const route of registeredRoutes(t.app).filter((r) => !r.url.startsWith('/api/docs'))) {
      const c = CASES[keyOf(route)];
      if (!c) continue;
      const req = await c.in(w);
      const res = await t.app.inject({
        method: req.method as 'GET',
        url: req.url,
        payload: req.payload as string,
        headers: req.headers,
      });
      if (route.access.kind === 'public') expect(res.statusCode, keyOf(route)).not.toBe(401);
      else expect(res.statusCode, keyOf(route)).toBe(401);
    }
  });

  for (const role of ROLE_LIST) {
    it(`applies the permission table and the tree scope for ${role}`, async () => {
      const client = clients.get(role) as Client;
      const failures: string[] = [];
      for (const route of routesInOrder()) {
        const key = keyOf(route);
        const c = CASES[key] as Case;
        const permission: Permission | null =
          route.access.kind === 'permission' ? route.access.permission : null;
        const allowed = permission === null || ROLE_PERMISSIONS[role].includes(permission);
        const send = async (req: Req) =>
          client.request({
            method: req.method as 'GET',
            url: req.url,
            payload: req.payload as string,
            headers: req.headers,
          });

        const inRes = await send(await c.in(w));
        if (allowed && c.unitLevel && !isAdminRole(role)) {
          if (inRes.statusCode !== 403)
            failures.push(
              `${key}: a role held on a branch must not write organ-level data, got ${inRes.statusCode}`,
            );
          continue;
        }
        if (!allowed) {
          if (inRes.statusCode !== 403)
            failures.push(`${key}: expected 403 without ${permission}, got ${inRes.statusCode}`);
          continue;
        }
        if (inRes.statusCode === 401 || inRes.statusCode === 403 || inRes.statusCode >= 500) {
          failures.push(
            `${key}: in scope expected to be allowed, got ${inRes.statusCode} ${inRes.body.slice(0, 200)}`,
          );
        }
        if (c.out && !isAdminRole(role)) {
          const outRes = await send(await c.out(w));
          try {
            if (c.outCheck) await c.outCheck(outRes, w);
            else expect(outRes.statusCode).toBe(404);
          } catch (error) {
            failures.push(
              `${key}: out of scope: ${(error as Error).message.split('\n')[0]} (${outRes.statusCode} ${outRes.body.slice(0, 120)})`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);
  }
});
