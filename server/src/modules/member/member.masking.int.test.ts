// ADR 14, issue 6.1 and 7.4: a role without the right to see a number learns nothing more about it than its mask
// shows — through lists, details, history, search, exports, reveal, error answers and the audit view — and the
// roles that may see numbers get them one member at a time, audited, or in an export they ask for explicitly.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import type { Role } from '#contracts/identity';
import type { Member } from '#contracts/member';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { workbookText } from '../../../../test/matrix-world.ts';
import { buildTree, type Tree } from './member.fixtures.ts';

let t: TestApp;
let tree: Tree;
let officer: Client;
let auditor: Client;
const others = new Map<Role, Client>();
/** Roles that read the branch's members without member.sensitive, each held on branch B1 (or its committee). */
const NON_SENSITIVE: Role[] = [
  'branch_secretary',
  'branch_committee_member',
  'leading_group_member',
  'supervisor',
];

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
// Distinctive numbers, so that any piece of them in an answer is found: born 1987-09-23, phone 13912345678.
const TARGET_ID = withCheck('33020619870923417'); // male
const TARGET_PHONE = '13912345678';
/** Another number the mask and the visible fields allow (same prefix, birth month, gender): a candidate. */
const CANDIDATE_ID = withCheck('33020319870911235');
const CANDIDATE_PHONE = '13912340000';
let target: Member;

/** Every piece of the target's numbers that its mask hides, as it could appear in a text. */
function leaks(text: string): string[] {
  const pieces = [
    TARGET_ID,
    TARGET_ID.slice(4), // everything after the visible prefix
    TARGET_ID.slice(6, 14), // 19870923
    '1987-09-23',
    `*${TARGET_ID.slice(-4)}`, // the old mask's tail
    TARGET_PHONE,
    `139${TARGET_PHONE.slice(3, 7)}`, // the phone's hidden middle
  ];
  return pieces.filter((p) => text.includes(p));
}

async function textOf(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  return type.includes('spreadsheet') ? workbookText(res.rawPayload) : res.body;
}

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildTree(t, 'K');
  officer = await userWith(t, 'k-officer', [{ role: 'organ_committee_officer', partyOrgId: tree.a.id }]);
  auditor = await userWith(t, 'k-auditor', [{ role: 'audit_admin', partyOrgId: null }]);
  for (const role of NON_SENSITIVE) {
    const on = role === 'leading_group_member' ? tree.a.id : tree.b1.id;
    others.set(role, await userWith(t, `k-${role.replaceAll('_', '-')}`, [{ role, partyOrgId: on }]));
  }
  const created = await officer.post('/api/members', {
    name: '靶子',
    idNumber: TARGET_ID,
    phone: TARGET_PHONE,
    category: 'full',
    partyOrgId: tree.b1.id,
    joinedOn: '2012-07-01',
    fullOn: '2013-07-01',
  });
  expect(created.statusCode).toBe(200);
  target = created.json();
  // Writes that put before/after records in the audit trail, by an officer and by the branch secretary.
  const edited = await officer.patch(`/api/members/${target.id}`, { businessPost: '科员', version: 1 });
  expect(edited.statusCode).toBe(200);
  const secretary = others.get('branch_secretary') as Client;
  const again = await secretary.patch(`/api/members/${target.id}`, { businessPost: '副科长', version: 2 });
  expect(again.statusCode).toBe(200);
  target = again.json();
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('what a role without member.sensitive learns about a number', () => {
  for (const role of NON_SENSITIVE) {
    it(`${role}: lists, details, history, search, exports, reveal and errors show the mask and nothing more`, async () => {
      const c = others.get(role) as Client;
      const answers: [string, LightMyRequestResponse][] = [
        ['list', await c.get('/api/members?pageSize=200')],
        ['detail', await c.get(`/api/members/${target.id}`)],
        ['history', await c.get(`/api/members/${target.id}/history`)],
        ['search by name', await c.get('/api/members?q=靶')],
        ['search by ID', await c.get(`/api/members?q=${TARGET_ID}`)],
        ['search by phone', await c.get(`/api/members?q=${TARGET_PHONE}`)],
        ['export', await c.get('/api/members/export')],
        ['full export', await c.get('/api/members/export?full=1')],
        ['reveal', await c.post(`/api/members/${target.id}/reveal`)],
        ['stale edit', await c.patch(`/api/members/${target.id}`, { businessPost: 'x', version: 1 })],
      ];
      for (const [path, res] of answers) {
        expect(res.statusCode, path).toBeLessThan(500);
        const text = await textOf(res);
        // The secretary may call members: the reveal answer carries the phone, and only the phone.
        const allowed =
          role === 'branch_secretary' && path === 'reveal' ? [TARGET_PHONE, TARGET_PHONE.slice(0, 7)] : [];
        expect(
          leaks(text).filter((p) => !allowed.includes(p)),
          `${role} ${path}`,
        ).toEqual([]);
      }

      const detail = (await c.get(`/api/members/${target.id}`)).json() as Member;
      expect(detail).toMatchObject({
        idNumber: '3302**************',
        phone: '139****5678',
        birthDate: null,
        birthMonth: '1987-09',
        gender: 'male',
      });
      expect(CANDIDATE_ID).not.toBe(TARGET_ID);
      expect(CANDIDATE_ID.slice(0, 4) + CANDIDATE_ID.slice(6, 12)).toBe(
        TARGET_ID.slice(0, 4) + TARGET_ID.slice(6, 12),
      );

      // The search answers alike for the right number and for any other candidate: it confirms nothing.
      const right = await c.get(`/api/members?q=${TARGET_ID}`);
      const wrong = await c.get(`/api/members?q=${CANDIDATE_ID}`);
      expect(right.statusCode).toBe(200);
      expect(right.json()).toEqual(wrong.json());
      expect(right.json().total).toBe(0);
      expect((await c.get(`/api/members?q=${TARGET_PHONE}`)).json()).toEqual(
        (await c.get(`/api/members?q=${CANDIDATE_PHONE}`)).json(),
      );
    });
  }

  it('refuses a full export to every role without member.sensitive, and reveals only the phone to a secretary', async () => {
    for (const role of ['branch_secretary', 'leading_group_member'] as const) {
      const full = await (others.get(role) as Client).get('/api/members/export?full=1');
      expect(full.statusCode, role).toBe(403);
      expect(full.json().error.code).toBe('member.full_export_forbidden');
    }
    const secretary = others.get('branch_secretary') as Client;
    expect((await secretary.post(`/api/members/${target.id}/reveal`)).json()).toEqual({
      idNumber: '3302**************',
      phone: TARGET_PHONE,
      birthDate: null,
      revealed: ['phone'],
    });
    for (const role of ['branch_committee_member', 'leading_group_member', 'supervisor'] as const) {
      expect((await (others.get(role) as Client).post(`/api/members/${target.id}/reveal`)).statusCode).toBe(
        403,
      );
    }
  });

  it('limits what a writer can learn from "already registered" to a few numbers a minute', async () => {
    // A probe: give a member of one's own a candidate number; "already registered" (409) confirms a candidate.
    const secretary = others.get('branch_secretary') as Client;
    const probe = (
      await secretary.post('/api/members', {
        name: '探针',
        idNumber: withCheck('33020319870901015'),
        category: 'full',
        partyOrgId: tree.b1.id,
      })
    ).json() as Member;
    let version = probe.version;
    const statuses: number[] = [];
    for (let i = 0; i < 19; i++) {
      const res = await secretary.patch(`/api/members/${probe.id}`, {
        idNumber: withCheck(`330203198709${String(10 + i).padStart(2, '0')}015`),
        version,
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 200) version = res.json().version;
    }
    expect(statuses).toEqual(Array(19).fill(200));
    // The 21st look-up in the minute is refused, even the one that would have hit.
    const limited = await secretary.patch(`/api/members/${probe.id}`, { idNumber: TARGET_ID, version });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('member.number_lookup_limited');
    expect(limited.headers['retry-after']).toBe('60');
    expect(leaks(limited.body)).toEqual([]);
  });
});

describe('numbers for the roles that may see them', () => {
  it('searches by a full number only for member.sensitive, audited with the mask, and limited per minute', async () => {
    const byId = await officer.get(`/api/members?q=${TARGET_ID}`);
    expect(byId.json().items.map((m: Member) => m.id)).toEqual([target.id]);
    expect(byId.json().items[0].idNumber).toBe('3302**************');
    const byPhone = await officer.get(`/api/members?q=${TARGET_PHONE}`);
    expect(byPhone.json().total).toBe(1);

    const searches = await t.database.db
      .selectFrom('auditLog')
      .select(['actorUsername', 'details'])
      .where('action', '=', 'member.search_number')
      .orderBy('seq')
      .execute();
    expect(searches).toEqual([
      { actorUsername: 'k-officer', details: { by: 'id_number', q: '3302**************', results: 1 } },
      { actorUsername: 'k-officer', details: { by: 'phone', q: '139****5678', results: 1 } },
    ]);

    const statuses: number[] = [];
    for (let i = 0; i < 19; i++)
      statuses.push((await officer.get(`/api/members?q=${CANDIDATE_ID}`)).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(18);
    expect(statuses.at(-1)).toBe(429);
    // Name searches stay free.
    expect((await officer.get('/api/members?q=靶')).statusCode).toBe(200);
    const counted = await t.database.db
      .selectFrom('numberLookup')
      .select(['kind'])
      .where('userId', '=', officer.userId)
      .execute();
    expect(counted).toHaveLength(20);
  });

  it('reveals one member on request, audited with who, whose and which numbers', async () => {
    const res = await officer.post(`/api/members/${target.id}/reveal`);
    expect(res.json()).toEqual({
      idNumber: TARGET_ID,
      phone: TARGET_PHONE,
      birthDate: '1987-09-23',
      revealed: ['idNumber', 'phone'],
    });
    const entry = await t.database.db
      .selectFrom('auditLog')
      .select(['actorUsername', 'entityId', 'details', 'at'])
      .where('action', '=', 'member.reveal')
      .where('actorUsername', '=', 'k-officer')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      entityId: target.id,
      details: { name: '靶子', fields: ['idNumber', 'phone'] },
    });
    expect(entry.at).toBeInstanceOf(Date);
    const outside = await officer.post(`/api/members/${crypto.randomUUID()}/reveal`);
    expect(outside.statusCode).toBe(404);
  });

  it('exports masked numbers unless full numbers are asked for; both audited with the row count', async () => {
    const masked = await workbookText(
      (await officer.get(`/api/members/export?partyOrgId=${tree.b1.id}`)).rawPayload,
    );
    expect(masked).toContain('3302**************');
    expect(leaks(masked)).toEqual([]);
    const full = await workbookText(
      (await officer.get(`/api/members/export?partyOrgId=${tree.b1.id}&full=1`)).rawPayload,
    );
    expect(full).toContain(TARGET_ID);
    expect(full).toContain(TARGET_PHONE);
    const exports = await t.database.db
      .selectFrom('auditLog')
      .select(['details'])
      .where('action', '=', 'member.export')
      .where('actorUsername', '=', 'k-officer')
      .orderBy('seq')
      .execute();
    expect(exports.map((e) => e.details)).toEqual([
      expect.objectContaining({ full: false, rows: 2 }), // the target and the secretary's probe
      expect.objectContaining({ full: true, rows: 2 }),
    ]);
  });
});

describe('the audit view', () => {
  it('holds no full number, no hidden digit and no birth day, in the list and in the export', async () => {
    // A second officer exports what one number search finds: the filter is written down with the mask.
    const colleague = await userWith(t, 'k-officer2', [
      { role: 'organ_committee_officer', partyOrgId: tree.a.id },
    ]);
    const found = await colleague.get(`/api/members/export?full=1&q=${TARGET_ID}`);
    expect(await workbookText(found.rawPayload)).toContain(TARGET_ID);
    const actions = new Set<string>();
    let page = 1;
    let text = '';
    for (;;) {
      const res = await auditor.get(`/api/audit?pageSize=200&page=${page}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { action: string }[]; total: number };
      for (const e of body.items) actions.add(e.action);
      text += res.body;
      if (page * 200 >= body.total) break;
      page++;
    }
    // The trail does hold the member's writes, views, reveals, searches and exports.
    for (const a of [
      'member.create',
      'member.update',
      'member.view',
      'member.reveal',
      'member.search_number',
      'member.export',
    ]) {
      expect(actions.has(a), a).toBe(true);
    }
    expect(leaks(text)).toEqual([]);
    const exported = await auditor.get('/api/audit/export');
    expect(exported.statusCode).toBe(200);
    expect(leaks(await workbookText(exported.rawPayload))).toEqual([]);
  });
});
