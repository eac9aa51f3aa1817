import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchRecord, RecordSummary } from '#contracts/branch';
import type { Page } from '#contracts/common';
import { multipartUpload, PDF } from '../../../../test/attachment-fixtures.ts';
import { type Client, expectError, type TestApp } from '../../../../test/helpers.ts';
import {
  addMember,
  buildClockedApp,
  type Organ,
  ok,
  personWith,
  seedOrgan,
} from '../../../../test/organ-fixtures.ts';

// What branch records guard beyond their rules: a talk's topic and place kept from those who may not read it (in the
// detail, the list and a search), a planned talk taken over only by its readers, the burden meter not inflated by
// saving a record again, a draft sent twice at once kept once.

let t: TestApp;
let o: Organ;
let officer: Client;
let secretary: Client;
let committee: Client;
let reader: Client;
const m = {} as Record<'sec' | 'org' | 'a' | 'b', string>;

beforeAll(async () => {
  ({ t } = await buildClockedApp('2026-07-20'));
  o = await seedOrgan(t, 'BG');
  m.sec = await addMember(t, o.B1, '周支书', 'secretary');
  m.org = await addMember(t, o.B1, '吴委员', 'committee_member');
  m.a = await addMember(t, o.B1, '郑党员');
  m.b = await addMember(t, o.B1, '王党员');
  officer = await personWith(t, 'bg-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  secretary = await personWith(t, 'bg-sec', m.sec, [{ role: 'branch_secretary', partyOrgId: o.B1.id }]);
  committee = await personWith(t, 'bg-com', m.org, [
    { role: 'branch_committee_member', partyOrgId: o.B1.id },
  ]);
  reader = await personWith(t, 'bg-lgm', null, [{ role: 'leading_group_member', partyOrgId: o.JG.id }]);
});
afterAll(async () => {
  await t.close();
});

const present = (ids: string[]) => ids.map((memberId) => ({ memberId, attendance: 'present' }));

describe('talks, read by others', () => {
  it('shows others neither its topic nor its place, and its words answer no search but its readers’', async () => {
    const talk = await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'talk',
        heldOn: '2026-07-11',
        hostMemberId: m.sec,
        place: '县医院住院部',
        topic: '关于家庭变故的谈心',
        content: '谈到家庭变故后的思想状况',
        attendees: present([m.org]),
      }),
    );
    expect(talk).toMatchObject({ topic: '关于家庭变故的谈心', place: '县医院住院部' });
    for (const c of [officer, reader]) {
      const r = await ok<BranchRecord>(c.get(`/api/branch/records/${talk.id}`));
      expect(r).toMatchObject({ topic: '谈心谈话', place: null, confidential: true, heldOn: '2026-07-11' });
      const listed = await c.get('/api/branch/records?kind=talk&pageSize=200');
      expect(listed.body).toContain(talk.id);
      expect(listed.body).not.toContain('家庭变故');
      expect(listed.body).not.toContain('住院部');
      const found = await ok<Page<RecordSummary>>(
        c.get(`/api/branch/records?q=${encodeURIComponent('家庭变故')}`),
      );
      expect(found.total).toBe(0);
    }
    // The one talked to (a committee member here) and the secretary find it and read it whole.
    for (const c of [committee, secretary]) {
      const found = await ok<Page<RecordSummary>>(
        c.get(`/api/branch/records?q=${encodeURIComponent('家庭变故')}`),
      );
      expect(found.items.map((r) => [r.id, r.topic, r.place])).toEqual([
        [talk.id, '关于家庭变故的谈心', '县医院住院部'],
      ]);
      expect((await ok<BranchRecord>(c.get(`/api/branch/records/${talk.id}`))).confidential).toBe(false);
    }
    await ok(secretary.del(`/api/branch/records/${talk.id}?version=${talk.version}`));
  });

  it('lets nobody take over (and so remove) a planned talk they may not read', async () => {
    const plan = await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'talk',
        status: 'planned',
        plannedOn: '2026-07-28',
        hostMemberId: m.sec,
        topic: '谈心谈话',
        attendees: present([m.a]),
      }),
    );
    expectError(
      await committee.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'talk',
        heldOn: '2026-07-20',
        hostMemberId: m.org,
        topic: '谈心谈话',
        attendees: present([m.b]),
        planId: plan.id,
      }),
      403,
      'branch.talk_confidential',
    );
    expect((await ok<BranchRecord>(secretary.get(`/api/branch/records/${plan.id}`))).status).toBe('planned');
    await ok(secretary.del(`/api/branch/records/${plan.id}?version=${plan.version}`));
  });
});

describe('the burden meter on an edit', () => {
  it('keeps the counts of a record saved again unchanged: the record is not its own prefill', async () => {
    const body = {
      status: 'held',
      heldOn: '2026-07-20',
      place: '二楼小会议室',
      hostMemberId: m.sec,
      recorderMemberId: m.b,
      topic: '研究七月份支部工作',
      attendees: present([m.sec, m.org]),
    };
    const rec = await ok<BranchRecord>(
      secretary.post('/api/branch/records', { ...body, partyOrgId: o.B1.id, kind: 'committee_meeting' }),
    );
    const again = await ok<BranchRecord>(
      secretary.patch(`/api/branch/records/${rec.id}`, { ...body, version: rec.version }),
    );
    expect(again.counts).toEqual(rec.counts);
    await ok(secretary.del(`/api/branch/records/${rec.id}?version=${again.version}`));
  });
});

describe('a draft sent again while the first send is still being saved', () => {
  it('is kept once, each send answered with the same record', async () => {
    const body = {
      partyOrgId: o.B1.id,
      kind: 'committee_meeting',
      heldOn: '2026-07-06',
      topic: '研究党员发展工作',
      attendees: present([m.sec, m.org]),
      clientKey: '0d9c3a51-7b2e-4f6a-8c1d-5e4f3a2b1c0d',
    };
    const sent = await Promise.all([0, 1, 2].map(() => secretary.post('/api/branch/records', body)));
    expect(sent.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const ids = new Set(sent.map((r) => (r.json() as BranchRecord).id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    const rec = await ok<BranchRecord>(secretary.get(`/api/branch/records/${id}`));
    await ok(secretary.del(`/api/branch/records/${rec.id}?version=${rec.version}`));
  });
});

describe('a plan taken over', () => {
  it('hands its files to the record of the meeting held', async () => {
    const plan = await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'party_lecture',
        status: 'planned',
        plannedOn: '2026-07-18',
        topic: '专题党课：以案为鉴',
      }),
    );
    const notice = await secretary.request({
      method: 'POST',
      url: '/api/attachments',
      ...multipartUpload(
        { ownerKind: 'branch.record', ownerId: plan.id },
        { name: '党课通知.pdf', bytes: PDF },
      ),
    });
    expect(notice.statusCode, notice.body).toBe(200);
    const held = await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'party_lecture',
        heldOn: '2026-07-18',
        hostMemberId: m.sec,
        topic: '专题党课：以案为鉴',
        attendees: present([m.sec, m.org, m.a, m.b]),
        planId: plan.id,
      }),
    );
    const files = await ok<{ id: string; fileName: string }[]>(
      secretary.get(`/api/attachments?ownerKind=branch.record&ownerId=${held.id}`),
    );
    expect(files.map((f) => f.fileName)).toEqual(['党课通知.pdf']);
    expect(files[0]?.id).toBe(notice.json().id);
    expect((await secretary.get(`/api/attachments/${notice.json().id}`)).statusCode).toBe(200);
  });
});
