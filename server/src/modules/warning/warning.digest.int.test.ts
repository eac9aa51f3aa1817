// Yellow and orange warnings wait for the morning digest (issue 13 point 4: one digest per person per day, red at
// once): told at their step, they are lines of each holder's digest, day after day, until answered.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Warning, WarningConfig } from '#contracts/warning';
import { personWith } from '../../../../test/organ-fixtures.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';
import { sendDailyDigest } from '../notification/index.ts';
import { warningDigest } from './index.ts';

let w: FusionWorld;

const notes = (userId: string, kind: string) =>
  w.t.database.db
    .selectFrom('notification')
    .select(['kind', 'day', 'lines'])
    .where('userId', '=', userId)
    .where('kind', 'like', kind)
    .orderBy('day')
    .execute();

beforeAll(async () => {
  w = await fusionWorld('2026-11-20');
  const wc = await personWith(w.t, 'digest-wc', null, [
    { role: 'work_committee_officer', partyOrgId: w.WC.id },
  ]);
  const config = await ok<WarningConfig>(wc.get('/api/warnings/config'));
  // Silence alone, and only yellow here (45 days and more): the other rules are switched off.
  const rules = config.rules.map((r) =>
    r.kind === 'no_activity' ? { ...r, yellow: 45, orange: null, red: null } : { ...r, enabled: false },
  );
  await ok(wc.put('/api/warnings/config', { rules, ladder: config.ladder, version: config.version }));
});
afterAll(async () => w.t.close());

it('sends a yellow warning in the morning digest of the step’s holders, not at once, until it is answered', async () => {
  await ok(w.officer.post('/api/warnings/evaluate', { unitId: w.unitId }));
  const list = await ok<Warning[]>(w.officer.get(`/api/warnings?unitId=${w.unitId}`));
  const b1 = list.find((x) => x.partyOrgId === w.B1.id) as Warning;
  expect(b1).toMatchObject({ kind: 'no_activity', level: 'yellow', status: 'open', stepLabel: '支部书记' });
  expect(await notes(w.bs1.userId, 'warning:%')).toEqual([]);

  await sendDailyDigest(w.t.ctx(), [warningDigest], '2026-11-21');
  const [digest] = await notes(w.bs1.userId, 'digest');
  expect(digest?.lines).toEqual([
    {
      text: '黄色预警｜第一党支部支部活动长期空白：一年内没有支部活动记录，期限 2026-12-04，尚未答复',
      link: `/warnings/${b1.id}`,
      severity: 'due_soon',
    },
  ]);
  // B2's secretary hears of B2's only. The third branch has no secretary's account: its warning passed over that
  // step to the organ committee, whose officer hears of it — and of no other yet.
  const b2 = list.find((x) => x.partyOrgId === w.B2.id) as Warning;
  const b3 = list.find((x) => x.partyOrgId === w.B3.id) as Warning;
  expect(b3.stepLabel).toBe('机关党委');
  const links = async (userId: string) =>
    (((await notes(userId, 'digest'))[0]?.lines ?? []) as { link: string }[]).map((l) => l.link);
  expect(await links(w.bs2.userId)).toEqual([`/warnings/${b2.id}`]);
  expect(await links(w.officer.userId)).toEqual([`/warnings/${b3.id}`]);

  // Answered: the next morning's digest no longer carries it.
  await ok(
    w.bs1.post(`/api/warnings/${b1.id}/answer`, {
      kind: 'note',
      note: '已安排本周召开支部大会',
      version: b1.version,
    }),
  );
  await sendDailyDigest(w.t.ctx(), [warningDigest], '2026-11-22');
  expect((await notes(w.bs1.userId, 'digest')).map((n) => n.day)).toEqual(['2026-11-21']);
});
