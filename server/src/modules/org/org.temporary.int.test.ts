import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartyOrg } from '#contracts/org';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import type { Actor } from '../../core/context.ts';
import { startScheduler } from '../../core/jobs.ts';
import { closeEndedTemporaryOrgs, orgJobs } from './index.ts';
import { auditActions, insertMember, seedOrgan, type Tree } from './org.test-helpers.ts';

// Organisation history reads by name, and a temporary organisation is closed on its end date.
let t: TestApp;
let tree: Tree;
let officer: Client;

const temporary = async (code: string, tempEndOn: string) => {
  const res = await officer.post('/api/party-orgs', {
    parentId: tree.JG.id,
    code,
    name: `${code}临时党支部`,
    kind: 'branch',
    isTemporary: true,
    tempStartOn: '2026-01-01',
    tempEndOn,
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json() as PartyOrg;
};

beforeAll(async () => {
  t = await buildTestApp();
  tree = await seedOrgan(t, 'TP');
  officer = await userWith(t, 'tp-officer', [{ role: 'organ_committee_officer', partyOrgId: tree.JG.id }]);
});
afterAll(async () => {
  await t.close();
});

describe('temporary organisations and history', () => {
  it('closes an ended temporary organisation on its end date; one still holding members stays open', async () => {
    const ended = await temporary('TPT1', '2026-06-30');
    const busy = await temporary('TPT2', '2026-06-30');
    const running = await temporary('TPT3', '2027-06-30');
    await insertMember(t, busy.id);

    expect(await closeEndedTemporaryOrgs(t.ctx(), '2026-12-01')).toEqual({
      closed: ['TPT1'],
      kept: ['TPT2'],
    });
    const after = (await officer.get('/api/party-orgs?includeClosed=true')).json() as PartyOrg[];
    const byCode = (code: string) => after.find((o) => o.code === code);
    expect(byCode('TPT1')).toMatchObject({
      status: 'closed',
      closedOn: '2026-06-30',
      closeReason: '临时党组织期满',
    });
    expect(byCode('TPT2')?.status).toBe('active');
    expect(byCode(running.code)?.status).toBe('active');

    const events = (await officer.get(`/api/party-orgs/${ended.id}/events`)).json();
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'closed']);
    expect(events[1].details).toEqual({
      closedOn: '2026-06-30',
      reason: '临时党组织期满',
      source: 'temporary_end',
    });
    // The creation names its parent, not just its id.
    expect(events[0].details.parentName).toBe('TP海关机关党委');
    expect((await auditActions(t, 'org.close')).map((a) => a.entityId)).toContain(ended.id);
    // Running it again changes nothing.
    expect(await closeEndedTemporaryOrgs(t.ctx(), '2026-12-01')).toEqual({ closed: [], kept: ['TPT2'] });
  });

  it('closes it by the daily job too, as of the job’s own date in Beijing, audited as the scheduler', async () => {
    // Ends on 6 December; the job due at 00:10 on 7 December (Beijing) closes it, the one due on the 6th does not.
    const ending = await temporary('TPT4', '2026-12-06');
    const scheduler = (clock: string) =>
      startScheduler({
        ctx: { ...t.ctx(), actor: { ...t.ctx().actor, username: 'system:scheduler' } as Actor },
        jobs: orgJobs,
        now: () => new Date(clock),
        tickMs: 0,
      });
    const onThe6th = await scheduler('2026-12-06T08:00:00Z').tick();
    expect(onThe6th.map((r) => r.outcome)).toEqual(['closed 0; kept 1 (TPT2)']);
    const onThe7th = await scheduler('2026-12-06T16:30:00Z').tick();
    expect(onThe7th.map((r) => r.outcome)).toEqual(['closed 1 (TPT4); kept 1 (TPT2)']);
    const closing = await t.database.db
      .selectFrom('auditLog')
      .select(['actorUsername'])
      .where('action', '=', 'org.close')
      .where('entityId', '=', ending.id)
      .execute();
    expect(closing).toEqual([{ actorUsername: 'system:scheduler' }]);
  });
});
