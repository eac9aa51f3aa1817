import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Correction } from '#contracts/correction';
import type { Member } from '#contracts/member';
import {
  buildTestApp,
  type Client,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  userWith,
} from '../../../../test/helpers.ts';
import { createUser } from '../identity/index.ts';
import { buildTree, newIdNumber, type Tree } from './member.fixtures.ts';

// Self-service: a member reads their own record and nobody else's, and a correction request reaches the secretary
// of the branch the member is in — not another branch's.
let t: TestApp;
let tree: Tree;
let officer: Client;
let self: Client;
let own: Member;
let other: Member;
let secretaryB1: Client;
let secretaryB2: Client;

const newMember = async (name: string, partyOrgId: string) => {
  const res = await officer.post('/api/members', {
    name,
    category: 'full',
    partyOrgId,
    idNumber: newIdNumber(),
    joinedOn: '2016-07-01',
    fullOn: '2017-07-01',
    transferInOn: '2018-01-01',
    education: '大学本科',
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json() as Member;
};

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildTree(t, 'SS');
  officer = await userWith(t, 'ss-officer', [{ role: 'organ_committee_officer', partyOrgId: tree.a.id }]);
  own = await newMember('自助甲', tree.b1.id);
  other = await newMember('自助乙', tree.b2.id);
  await createUser(
    t.ctx(),
    {
      username: 'ss-member',
      displayName: '自助甲',
      memberId: own.id,
      roles: [{ role: 'member', partyOrgId: tree.b1.id }],
    },
    { password: TEST_PASSWORD, mustChangePassword: false },
  );
  self = await signIn(t, 'ss-member');
  secretaryB1 = await userWith(t, 'ss-sec1', [{ role: 'branch_secretary', partyOrgId: tree.b1.id }]);
  secretaryB2 = await userWith(t, 'ss-sec2', [{ role: 'branch_secretary', partyOrgId: tree.b2.id }]);
});
afterAll(async () => {
  await t.close();
});

describe('a member’s own record', () => {
  it('is readable with its history and masked numbers; other members and the roster are not', async () => {
    const me = await self.get('/api/me/member');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: own.id, name: '自助甲', partyOrgName: 'SS第一支部' });
    expect(me.json().idNumber).toMatch(/\*{6,}/);
    const history = (await self.get('/api/me/member/history')).json();
    expect(history.map((h: { partyOrgName: string }) => h.partyOrgName)).toEqual(['SS第一支部']);

    expect((await self.get(`/api/members/${other.id}`)).statusCode).toBe(403);
    expect((await self.get(`/api/members/${own.id}`)).statusCode).toBe(403);
    expect((await self.get('/api/members')).statusCode).toBe(403);
    // Nor the organ's trees: the menu has nothing of them to show.
    expect((await self.get('/api/party-orgs')).statusCode).toBe(403);
    expect((await self.get('/api/departments')).statusCode).toBe(403);
    expect((await self.get('/api/auth/session')).json().permissions).toEqual([]);
  });

  it('answers 404 to an account without a member record', async () => {
    const res = await officer.get('/api/me/member');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('member.no_own_record');
  });
});

describe('correction requests', () => {
  it('reach the secretary of the member’s branch as a task, and the answer comes back', async () => {
    const asked = await self.post('/api/me/corrections', {
      field: 'education',
      message: '学历应为硕士研究生',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const request = asked.json() as Correction;
    expect(request).toMatchObject({ memberId: own.id, status: 'open' });

    const tasks = (await secretaryB1.get('/api/corrections')).json() as Correction[];
    expect(tasks.map((c) => [c.memberName, c.field, c.message])).toEqual([
      ['自助甲', 'education', '学历应为硕士研究生'],
    ]);
    expect((await secretaryB2.get('/api/corrections')).json()).toEqual([]);
    expect((await officer.get('/api/corrections')).json().map((c: Correction) => c.id)).toEqual([request.id]);
    // Nor may the member settle their own request.
    expect(
      (await self.post(`/api/corrections/${request.id}/resolve`, { status: 'resolved', version: 1 }))
        .statusCode,
    ).toBe(403);

    const wrongBranch = await secretaryB2.post(`/api/corrections/${request.id}/resolve`, {
      status: 'resolved',
      version: 1,
    });
    expect(wrongBranch.statusCode).toBe(404);
    const settled = await secretaryB1.post(`/api/corrections/${request.id}/resolve`, {
      status: 'resolved',
      resolution: '已按毕业证书更正',
      version: 1,
    });
    expect(settled.statusCode, settled.body).toBe(200);
    expect((await secretaryB1.get('/api/corrections')).json()).toEqual([]);
    const mine = (await self.get('/api/me/corrections')).json() as Correction[];
    expect(mine.map((c) => [c.status, c.resolution])).toEqual([['resolved', '已按毕业证书更正']]);
    const again = await secretaryB1.post(`/api/corrections/${request.id}/resolve`, {
      status: 'rejected',
      version: 2,
    });
    expect(again.statusCode).toBe(409);
  });

  it('follow the member to a new branch', async () => {
    const request = (
      await self.post('/api/me/corrections', { field: 'phone', message: '手机号已换' })
    ).json();
    const current = (await officer.get(`/api/members/${own.id}`)).json() as Member;
    const moved = await officer.post(`/api/members/${own.id}/transfer`, {
      toPartyOrgId: tree.b2.id,
      on: '2026-11-01',
      reason: '工作调动',
      version: current.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await secretaryB1.get('/api/corrections')).json()).toEqual([]);
    expect((await secretaryB2.get('/api/corrections')).json().map((c: Correction) => c.id)).toEqual([
      request.id,
    ]);
  });
});
