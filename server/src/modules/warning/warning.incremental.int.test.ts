// Incremental evaluation (issue 13 point 6): a record written marks its branch in the writer's transaction; the
// minute's job evaluates that branch and the organ's root — and nothing else: the other branches' index values and
// warnings are exactly as they were.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';
import { evaluateMarked } from './index.ts';

let w: FusionWorld;

const marks = () =>
  w.t.database.db.selectFrom('warningDirty').select('partyOrgId').where('unitId', '=', w.unitId).execute();
const stamps = async () =>
  new Map(
    (
      await w.t.database.db
        .selectFrom('fusionIndexValue')
        .select(['partyOrgId', 'computedAt'])
        .where('unitId', '=', w.unitId)
        .execute()
    ).map((r) => [r.partyOrgId, r.computedAt.getTime()]),
  );
const open = async () =>
  (
    await w.t.database.db
      .selectFrom('warning')
      .select(['partyOrgId', 'kind', 'status', 'version'])
      .where('unitId', '=', w.unitId)
      .orderBy('partyOrgId')
      .orderBy('kind')
      .execute()
  ).map((r) => `${r.partyOrgId}:${r.kind}:${r.status}:${r.version}`);

beforeAll(async () => {
  w = await fusionWorld('2026-11-20');
});
afterAll(async () => w.t.close());

it('marks the branch a record concerns, and the minute evaluates it and the root only', async () => {
  await ok(w.officer.post('/api/warnings/evaluate', { unitId: w.unitId }));
  expect(await marks()).toEqual([]);
  const before = await stamps();
  const warningsBefore = await open();
  // Every branch silent: each has its no-activity warning.
  expect(warningsBefore.filter((x) => x.includes(':no_activity:open:')).length).toBe(3);

  w.clock.set('2026-11-21T03:00:00Z');
  await ok(
    w.bs1.post('/api/branch/records', {
      partyOrgId: w.B1.id,
      kind: 'study',
      heldOn: '2026-11-21',
      topic: '学习全会精神',
      studied: '全会公报',
      appliedTo: '行政复议案件办理提速',
      attendees: [{ memberId: w.m.sec1, attendance: 'present' }],
    }),
  );
  expect((await marks()).map((m) => m.partyOrgId)).toEqual([w.B1.id]);

  const done = await evaluateMarked(w.t.ctx());
  // The branch and the organ's root.
  expect(done).toEqual({ organs: 1, organisations: 2 });
  expect(await marks()).toEqual([]);
  const after = await stamps();
  expect(after.get(w.B1.id)).toBeGreaterThan(before.get(w.B1.id) as number);
  expect(after.get(w.JG.id)).toBeGreaterThan(before.get(w.JG.id) as number);
  expect(after.get(w.B2.id)).toBe(before.get(w.B2.id));
  expect(after.get(w.B3.id)).toBe(before.get(w.B3.id));
  // B1's silence is over; B2's and B3's warnings are untouched (same version).
  const warningsAfter = await open();
  expect(warningsAfter.some((x) => x.startsWith(`${w.B1.id}:no_activity:cleared:`))).toBe(true);
  for (const other of [w.B2.id, w.B3.id])
    expect(warningsAfter.filter((x) => x.startsWith(other))).toEqual(
      warningsBefore.filter((x) => x.startsWith(other)),
    );
  // Nothing marked, nothing done.
  expect(await evaluateMarked(w.t.ctx())).toEqual({ organs: 0, organisations: 0 });
});
