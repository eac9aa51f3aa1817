// Joint building (issue 11 point 4): partner organisations kept by the organ committee; a branch record held jointly
// that counts for each participating Party organisation (through the record-kind registry the obligations read);
// pairings with a start, an end, an agreement and their own history, and the joint activities held while they last;
// records and projects held with a Party organisation of another organ, counted in that organ while a pairing links
// the two.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchRecord } from '#contracts/branch';
import type { PairingDetail } from '#contracts/fusion-brand';
import type { Project, ProjectSummary } from '#contracts/fusion-project';
import type { PartnerOrg } from '#contracts/partner';
import { expectError } from '../../../../test/helpers.ts';
import { personWith } from '../../../../test/organ-fixtures.ts';
import { recordKind } from '../responsibility/index.ts';
import { type FusionWorld, fusionWorld, ok, secondOrgan } from './fusion.test-helpers.ts';

let w: FusionWorld;
let partner: PartnerOrg;
beforeAll(async () => {
  w = await fusionWorld('2026-06-15');
  partner = await ok<PartnerOrg>(
    w.officer.post('/api/partner-orgs', {
      unitId: w.unitId,
      name: '滨江街道海港社区党委',
      kind: 'community',
    }),
  );
});
afterAll(async () => {
  await w.t.close();
});

const fields = (res: { json: () => unknown }) =>
  ((res.json() as { error: { issues?: { field: string }[] } }).error.issues ?? []).map((i) => i.field);
const themeDay = (o: Record<string, unknown>) => ({
  partyOrgId: w.B1.id,
  kind: 'theme_day',
  status: 'held',
  heldOn: '2026-06-09',
  topic: '联学联建主题党日：走进海港社区',
  hostMemberId: w.m.sec1,
  attendees: [{ memberId: w.m.sec1, attendance: 'present' }],
  ...o,
});

describe('partner organisations', () => {
  it('are kept at the organ’s root and read by whoever reads its organisations', async () => {
    expectError(
      await w.bs1.post('/api/partner-orgs', { unitId: w.unitId, name: '某企业', kind: 'enterprise' }),
      403,
      'auth.forbidden',
    );
    const listed = await ok<PartnerOrg[]>(w.bs1.get(`/api/partner-orgs?unitId=${w.unitId}`));
    expect(listed.map((p) => p.name)).toEqual(['滨江街道海港社区党委']);
    const dup = await w.officer.post('/api/partner-orgs', {
      unitId: w.unitId,
      name: '滨江街道海港社区党委',
      kind: 'community',
    });
    expectError(dup, 400, 'org.partner_name_taken');
  });
});

describe('the organ’s organisations for joint holding', () => {
  it('are listed to a branch secretary, whose own roles reach only their branch', async () => {
    const orgs = await ok<{ name: string }[]>(w.bs1.get(`/api/fusion/orgs?unitId=${w.unitId}`));
    expect(orgs[0]?.name).toBe('融合测试局机关党委');
    expect(orgs.map((o) => o.name).sort()).toEqual(
      ['融合测试局机关党委', '第一党支部', '第二党支部', '第三党支部'].sort(),
    );
    expectError(
      await w.bs1.get('/api/fusion/orgs?unitId=00000000-0000-4000-8000-000000000000'),
      404,
      'fusion.unit_not_found',
    );
  });
});

describe('a record held jointly', () => {
  it('counts for the host and each joint holder, and names the partners', async () => {
    const r = await ok<BranchRecord>(
      w.bs1.post('/api/branch/records', themeDay({ jointOrgIds: [w.B2.id], partnerOrgIds: [partner.id] })),
    );
    expect(r.jointOrgs).toEqual([{ id: w.B2.id, name: '第二党支部' }]);
    expect(r.partners).toEqual([{ id: partner.id, name: '滨江街道海港社区党委' }]);
    const find = recordKind('branch.theme_day')?.find;
    if (!find) throw new Error('theme day kind not registered');
    const heldFor = async (orgId: string) =>
      (
        await find(w.t.ctx(), { unitId: w.unitId, orgIds: [orgId], from: '2026-06-01', to: '2026-06-30' })
      ).map((h) => `${h.id === r.id ? 'joint' : h.id} ${h.orgId === orgId}`);
    expect(await heldFor(w.B1.id)).toEqual(['joint true']);
    expect(await heldFor(w.B2.id)).toEqual(['joint true']);
    expect(await heldFor(w.B3.id)).toEqual([]);
    // Asked for both at once: once for each.
    const both = await find(w.t.ctx(), {
      unitId: w.unitId,
      orgIds: [w.B1.id, w.B2.id],
      from: '2026-06-01',
      to: '2026-06-30',
    });
    expect(both.map((h) => h.orgId).sort()).toEqual([w.B1.id, w.B2.id].sort());
    // Who was there (a liaison leader's contacts are counted from it), the same for each holder.
    expect(both.map((h) => h.attendeeMemberIds)).toEqual([[w.m.sec1], [w.m.sec1]]);

    // Taking B2 off: it no longer counts there; an edit without the lists leaves them as they are.
    const edited = await ok<BranchRecord>(
      w.bs1.patch(`/api/branch/records/${r.id}`, {
        ...themeDay({}),
        partyOrgId: undefined,
        kind: undefined,
        version: r.version,
      }),
    );
    expect(edited.jointOrgs.map((o) => o.id)).toEqual([w.B2.id]);
    const off = await ok<BranchRecord>(
      w.bs1.patch(`/api/branch/records/${r.id}`, {
        ...themeDay({ jointOrgIds: [] }),
        partyOrgId: undefined,
        kind: undefined,
        version: edited.version,
      }),
    );
    expect(off.jointOrgs).toEqual([]);
    expect(await heldFor(w.B2.id)).toEqual([]);
  });

  it('is refused for kinds a branch holds alone, for the host itself and for another organ’s partner', async () => {
    const lone = await w.bs1.post(
      '/api/branch/records',
      themeDay({ kind: 'committee_meeting', topic: '支委会', jointOrgIds: [w.B2.id] }),
    );
    expectError(lone, 400, 'branch.invalid_record');
    expect(fields(lone)).toContain('body.jointOrgIds');
    const self = await w.bs1.post(
      '/api/branch/records',
      themeDay({ jointOrgIds: [w.B1.id], partnerOrgIds: ['00000000-0000-4000-8000-000000000009'] }),
    );
    expect(fields(self)).toEqual(expect.arrayContaining(['body.jointOrgIds.0', 'body.partnerOrgIds.0']));
  });

  it('is linkable to a project of any organisation that held it', async () => {
    const r = await ok<BranchRecord>(
      w.bs2.post(
        '/api/branch/records',
        themeDay({
          partyOrgId: w.B2.id,
          hostMemberId: w.m.sec2,
          attendees: [{ memberId: w.m.sec2, attendance: 'present' }],
          jointOrgIds: [w.B1.id],
          topic: '两支部联学',
        }),
      ),
    );
    const p = await ok<Project>(
      w.bs1.post('/api/fusion/projects', {
        leadOrgId: w.B1.id,
        title: '联学项目',
        teamKind: 'tackle_team',
        ownerMemberId: w.m.sec1,
      }),
    );
    // Offered to B1's project although B2 hosted it: B1 held it jointly (searched by its topic, as the picker does).
    const offered = await ok<{ id: string; topic: string }[]>(
      w.bs1.get(`/api/fusion/projects/${p.id}/record-candidates?q=${encodeURIComponent('两支部联学')}`),
    );
    expect(offered.map((x) => [x.id, x.topic])).toEqual([[r.id, '两支部联学']]);
    const linked = await ok<Project>(
      w.bs1.post(`/api/fusion/projects/${p.id}/records`, { recordIds: [r.id] }),
    );
    expect(linked.records.map((x) => x.topic)).toEqual(['两支部联学']);
  });
});

describe('a pairing', () => {
  it('has a start, an end, an agreement, its history and the joint activities held while it lasts', async () => {
    let p = await ok<PairingDetail>(
      w.bs1.post('/api/fusion/pairings', {
        partyOrgId: w.B1.id,
        partnerOrgId: partner.id,
        title: '第一党支部与海港社区结对共建',
        agreement: '每季度联合开展一次主题党日',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      }),
    );
    expect(p).toMatchObject({
      state: 'active',
      counterpartName: '滨江街道海港社区党委',
      counterpartUnitName: null,
    });
    // The theme day of 9 June with the community is its activity.
    expect(p.activities.map((a) => a.topic)).toEqual(['联学联建主题党日：走进海港社区']);
    expect(p.activityCount).toBe(1);
    p = await ok<PairingDetail>(
      w.bs1.patch(`/api/fusion/pairings/${p.id}`, { endsOn: '2027-12-31', version: p.version }),
    );
    expectError(
      await w.bs1.patch(`/api/fusion/pairings/${p.id}`, { title: '旧版本', version: 1 }),
      409,
      'common.stale_version',
    );
    expectError(
      await w.bs2.post(`/api/fusion/pairings/${p.id}/end`, { reason: '越权', version: p.version }),
      404,
      'fusion.pairing_not_found',
    );
    p = await ok<PairingDetail>(
      w.bs1.post(`/api/fusion/pairings/${p.id}/end`, { reason: '社区合并调整', version: p.version }),
    );
    expect(p).toMatchObject({
      state: 'ended',
      endedOn: '2026-06-15',
      endReason: '社区合并调整',
      can: { edit: false },
    });
    expect(p.events.map((e) => `${e.kind} ${e.note ?? ''}`)).toEqual([
      'created 2026-01-01 至 2026-12-31',
      'renewed 续签至 2027-12-31',
      'ended 社区合并调整',
    ]);
    expectError(
      await w.bs1.patch(`/api/fusion/pairings/${p.id}`, { title: '改', version: p.version }),
      409,
      'fusion.pairing_ended',
    );
  });

  it('with another organ’s Party organisation is made by the work committee, which reaches both', async () => {
    const other = await secondOrgan(w, 'PX');
    const tried = await w.bs1.post('/api/fusion/pairings', {
      partyOrgId: w.B1.id,
      counterpartOrgId: other.B1.id,
      title: '跨单位结对',
      startsOn: '2026-06-01',
      endsOn: '2027-05-31',
    });
    expectError(tried, 400, 'fusion.pairing_invalid');
    expect(fields(tried)).toEqual(['body.counterpartOrgId']);
    const wco = await personWith(w.t, 'pairing-wco', null, [
      { role: 'work_committee_officer', partyOrgId: w.WC.id },
    ]);
    const p = await ok<PairingDetail>(
      wco.post('/api/fusion/pairings', {
        partyOrgId: w.B1.id,
        counterpartOrgId: other.B1.id,
        title: '跨单位结对',
        startsOn: '2026-07-01',
        endsOn: '2027-06-30',
      }),
    );
    expect(p).toMatchObject({
      state: 'upcoming',
      counterpartName: 'PX第一党支部',
      counterpartUnitName: 'PX局',
    });
    const both = await w.bs1.post('/api/fusion/pairings', {
      partyOrgId: w.B1.id,
      partnerOrgId: partner.id,
      counterpartOrgId: other.B1.id,
      title: '两个都填',
      startsOn: '2026-06-01',
      endsOn: '2026-06-30',
    });
    expect(fields(both)).toContain('body.partnerOrgId');
  });
});

describe('held with another organ’s Party organisation', () => {
  let other: Awaited<ReturnType<typeof secondOrgan>>;
  beforeAll(async () => {
    other = await secondOrgan(w, 'PY');
  });
  const heldIn = async (unitId: string, orgId: string, recordId: string) => {
    const find = recordKind('branch.theme_day')?.find;
    if (!find) throw new Error('theme day kind not registered');
    const found = await find(w.t.ctx(), { unitId, orgIds: [orgId], from: '2026-06-01', to: '2026-06-30' });
    return found.filter((h) => h.id === recordId).map((h) => h.orgId);
  };

  it('a record counts in the other organ while a pairing links the two lines, and is refused without one', async () => {
    const refused = await w.bs1.post(
      '/api/branch/records',
      themeDay({ jointOrgIds: [other.B1.id], topic: '两局支部联学' }),
    );
    expectError(refused, 400, 'branch.invalid_record');
    expect(fields(refused)).toEqual(['body.jointOrgIds.0']);

    // The two organs' committees pair (made by the work committee): their branches may hold records together.
    const wco = await personWith(w.t, 'guest-wco', null, [
      { role: 'work_committee_officer', partyOrgId: w.WC.id },
    ]);
    await ok(
      wco.post('/api/fusion/pairings', {
        partyOrgId: w.JG.id,
        counterpartOrgId: other.JG.id,
        title: '两局机关党委结对共建',
        startsOn: '2026-05-01',
        endsOn: '2027-04-30',
      }),
    );
    const offered = await ok<{ id: string; name: string; organName?: string }[]>(
      w.bs1.get(`/api/fusion/orgs?unitId=${w.unitId}`),
    );
    expect(offered.filter((o) => o.organName).map((o) => `${o.organName} ${o.name}`)).toEqual([
      'PY局 PY局机关党委',
      'PY局 PY第一党支部',
    ]);
    // Held before the pairing began: still refused.
    const early = await w.bs1.post(
      '/api/branch/records',
      themeDay({ heldOn: '2026-04-20', jointOrgIds: [other.B1.id], topic: '结对前的联学' }),
    );
    expect(fields(early)).toEqual(['body.jointOrgIds.0']);

    const r = await ok<BranchRecord>(
      w.bs1.post('/api/branch/records', themeDay({ jointOrgIds: [other.B1.id], topic: '两局支部联学' })),
    );
    expect(r.jointOrgs).toEqual([{ id: other.B1.id, name: 'PY第一党支部', organName: 'PY局' }]);
    expect(await heldIn(other.B1.unitId, other.B1.id, r.id)).toEqual([other.B1.id]);
    expect(await heldIn(w.unitId, w.B1.id, r.id)).toEqual([w.B1.id]);
    // Only the organisation named counts, not the committee above it.
    expect(await heldIn(other.B1.unitId, other.JG.id, r.id)).toEqual([]);

    // Taken off, it no longer counts there; put back and the record deleted, it goes from the other organ too.
    const off = await ok<BranchRecord>(
      w.bs1.patch(`/api/branch/records/${r.id}`, {
        ...themeDay({ jointOrgIds: [], topic: '两局支部联学' }),
        partyOrgId: undefined,
        kind: undefined,
        version: r.version,
      }),
    );
    expect(await heldIn(other.B1.unitId, other.B1.id, r.id)).toEqual([]);
    const back = await ok<BranchRecord>(
      w.bs1.patch(`/api/branch/records/${r.id}`, {
        ...themeDay({ jointOrgIds: [other.B1.id], topic: '两局支部联学' }),
        partyOrgId: undefined,
        kind: undefined,
        version: off.version,
      }),
    );
    expect(await heldIn(other.B1.unitId, other.B1.id, r.id)).toEqual([other.B1.id]);
    await ok(w.bs1.del(`/api/branch/records/${r.id}?version=${back.version}`));
    expect(await heldIn(other.B1.unitId, other.B1.id, r.id)).toEqual([]);
    const left = await w.t.database.db
      .selectFrom('branchRecordGuest')
      .select('recordId')
      .where('recordId', '=', r.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('a project counts for the other organ’s branch, which lists and reads it', async () => {
    const stranger = await secondOrgan(w, 'PZ');
    const body = {
      leadOrgId: w.B1.id,
      title: '两局联建：窗口服务提速',
      teamKind: 'tackle_team',
      ownerMemberId: w.m.sec1,
    };
    const refused = await w.bs1.post('/api/fusion/projects', { ...body, jointOrgIds: [stranger.B1.id] });
    expectError(refused, 400, 'fusion.project_invalid');
    expect(fields(refused)).toEqual(['body.jointOrgIds.0']);

    const p = await ok<Project>(w.bs1.post('/api/fusion/projects', { ...body, jointOrgIds: [other.B1.id] }));
    expect(p.jointOrgIds).toEqual([other.B1.id]);
    expect(p.partyOrgs).toContainEqual({ id: other.B1.id, name: 'PY第一党支部', organName: 'PY局' });

    const guest = await personWith(w.t, 'py-bs1', null, [
      { role: 'branch_secretary', partyOrgId: other.B1.id },
    ]);
    const listFor = async (c: typeof guest, org: { id: string; unitId: string }) =>
      (
        await ok<ProjectSummary[]>(c.get(`/api/fusion/projects?unitId=${org.unitId}&partyOrgId=${org.id}`))
      ).map((x) => x.title);
    expect(await listFor(guest, other.B1)).toEqual(['两局联建：窗口服务提速']);
    expect((await ok<Project>(guest.get(`/api/fusion/projects/${p.id}`))).title).toBe(
      '两局联建：窗口服务提速',
    );
    const outsider = await personWith(w.t, 'pz-bs1', null, [
      { role: 'branch_secretary', partyOrgId: stranger.B1.id },
    ]);
    expectError(await outsider.get(`/api/fusion/projects/${p.id}`), 404, 'fusion.project_not_found');
    expect(await listFor(outsider, stranger.B1)).toEqual([]);

    // Taken off the project: no longer listed there, nor readable.
    await ok(w.bs1.patch(`/api/fusion/projects/${p.id}`, { jointOrgIds: [], version: p.version }));
    expect(await listFor(guest, other.B1)).toEqual([]);
    expectError(await guest.get(`/api/fusion/projects/${p.id}`), 404, 'fusion.project_not_found');
  });
});
