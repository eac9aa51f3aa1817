// The matching board (issue 11 point 2): suggestions explained in points an officer can check, department links
// (支部建在科上) respected, declined pairs kept away until their facts change, accepted pairs turned into drafts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '#contracts/fusion';
import type { Project } from '#contracts/fusion-project';
import { expectError } from '../../../../test/helpers.ts';
import { type FusionWorld, fusionWorld, need, ok, resource } from './fusion.test-helpers.ts';

let w: FusionWorld;
beforeAll(async () => {
  w = await fusionWorld();
});
afterAll(async () => {
  await w.t.close();
});

const board = (by = w.officer) => ok<Board>(by.get(`/api/fusion/board?unitId=${w.unitId}`));
const pairsOf = (b: Board, needId: string) =>
  b.suggestions.filter((s) => s.needId === needId).map((s) => ({ resourceId: s.resourceId, score: s.score }));

describe('the matching board', () => {
  it('suggests pairs with the reasons and points behind them, and leaves out pairs with nothing in common', async () => {
    const n = await need(w, w.D1, { tags: ['复议', '法律'], urgency: 'urgent' });
    // 第一党支部 serves 政策法规科; 第二党支部 shares both keywords but serves another department; 第三 shares nothing.
    const r1 = await resource(w, w.bs1, w.B1, { title: '法律服务小组', tags: ['法律'], capacity: 2 });
    const r2 = await resource(w, w.bs2, w.B2, { title: '复议业务骨干', tags: ['复议', '法律'], capacity: 2 });
    const r3 = await resource(w, w.officer, w.B3, { title: '宣传骨干', tags: ['宣传'], capacity: 2 });
    const b = await board();
    // By hand: link 40 + one shared keyword 15 + two free slots 10 + 较急 5 = 70; no link + two keywords 30 + 10 + 5 = 45.
    expect(pairsOf(b, n.id)).toEqual([
      { resourceId: r1.id, score: 70 },
      { resourceId: r2.id, score: 45 },
    ]);
    const first = b.suggestions.find((s) => s.resourceId === r1.id);
    expect(first?.reasons).toEqual([
      { kind: 'department_link', points: 40, branchName: '第一党支部', departmentName: '政策法规科' },
      { kind: 'shared_tags', points: 15, tags: ['法律'] },
      { kind: 'capacity', points: 10, free: 2, capacity: 2 },
      { kind: 'urgency', points: 5, urgency: 'urgent' },
    ]);
    expect(b.suggestions.some((s) => s.resourceId === r3.id)).toBe(false);
    // Everyone who reads the organ's work sees the board; only the organ committee decides on it.
    expect((await board(w.bs2)).suggestions.length).toBe(b.suggestions.length);
    expectError(
      await w.bs1.post('/api/fusion/board/accept', { needId: n.id, resourceId: r1.id }),
      403,
      'auth.forbidden',
    );
    expectError(
      await w.lgm.post('/api/fusion/board/decline', { needId: n.id, resourceId: r2.id }),
      403,
      'auth.forbidden',
    );
  });

  it('follows the department link: a need without keywords is offered only to the branch serving its department', async () => {
    const n = await need(w, w.D2, { title: '审批窗口排队长', tags: [], urgency: 'normal' });
    const b = await board();
    const offered = b.suggestions.filter((s) => s.needId === n.id);
    const byId = new Map(b.resources.map((r) => [r.id, r.partyOrgName]));
    expect(offered.length).toBeGreaterThan(0);
    expect(new Set(offered.map((s) => byId.get(s.resourceId)))).toEqual(new Set(['第二党支部']));
    expect(offered.every((s) => s.reasons[0]?.kind === 'department_link')).toBe(true);
  });

  it('does not offer a declined pair again until its facts change, and then says it was declined before', async () => {
    const n = await need(w, w.D1, { title: '规范性文件审查慢', tags: ['审查'], urgency: 'critical' });
    const r = await resource(w, w.bs1, w.B1, { title: '合法性审查骨干', tags: ['审查'], capacity: 1 });
    expect(pairsOf(await board(), n.id).map((p) => p.resourceId)).toContain(r.id);
    await ok(
      w.officer.post('/api/fusion/board/decline', { needId: n.id, resourceId: r.id, reason: '人手不足' }),
    );
    expect(pairsOf(await board(), n.id).map((p) => p.resourceId)).not.toContain(r.id);

    // An edit that changes nothing the pair rests on is not a new fact.
    const current = (await ok<Board>(w.officer.get(`/api/fusion/board?unitId=${w.unitId}`))).needs.find(
      (x) => x.id === n.id,
    );
    await ok(
      w.officer.patch(`/api/fusion/needs/${n.id}`, {
        title: '规范性文件审查周期长',
        version: current?.version,
      }),
    );
    expect(pairsOf(await board(), n.id).map((p) => p.resourceId)).not.toContain(r.id);

    // Nor is a keyword the need does not share.
    const r2 = await ok<{ version: number }>(
      w.bs1.patch(`/api/fusion/resources/${r.id}`, { tags: ['审查', '法律'], version: r.version }),
    );
    expect(pairsOf(await board(), n.id).map((p) => p.resourceId)).not.toContain(r.id);
    // Freed capacity is: it was declined for want of hands.
    await ok(w.bs1.patch(`/api/fusion/resources/${r.id}`, { capacity: 2, version: r2.version }));
    const again = (await board()).suggestions.find((s) => s.needId === n.id && s.resourceId === r.id);
    expect(again?.reasons.map((x) => x.kind)).toEqual([
      'department_link',
      'shared_tags',
      'capacity',
      'urgency',
      'declined_before',
    ]);
    expect(again?.reasons.at(-1)?.declinedOn).toBe('2026-06-15');
  });

  it('turns an accepted pair into a draft led by the resource’s branch, and takes the need and the resource off the board', async () => {
    const n = await need(w, w.D1, { title: '执法案卷评查不合格率高', tags: ['执法'], urgency: 'urgent' });
    const r = await resource(w, w.bs1, w.B1, {
      title: '执法骨干',
      tags: ['执法'],
      capacity: 1,
      memberId: w.m.skilled,
    });
    const p = await ok<Project>(
      w.officer.post('/api/fusion/board/accept', { needId: n.id, resourceId: r.id }),
    );
    expect(p).toMatchObject({
      stage: 'proposal',
      title: '执法案卷评查不合格率高',
      leadOrgName: '第一党支部',
      needId: n.id,
      departmentName: '政策法规科',
      ownerMemberId: w.m.skilled,
      resources: [{ id: r.id, title: '执法骨干', kind: 'skill' }],
    });
    expect(p.team.map((m) => [m.name, m.role])).toEqual([['王数据', 'leader']]);
    expect(p.events).toMatchObject([{ fromStage: null, toStage: 'proposal', note: '由匹配看板认领生成' }]);
    const b = await board();
    expect(b.needs.map((x) => x.id)).not.toContain(n.id);
    expect(b.suggestions.some((s) => s.resourceId === r.id)).toBe(false);
    const needs = await ok<{ id: string; status: string }[]>(
      w.officer.get(`/api/fusion/needs?unitId=${w.unitId}`),
    );
    expect(needs.find((x) => x.id === n.id)?.status).toBe('in_project');
    // Full: the same resource cannot take on another project.
    const n2 = await need(w, w.D1, { title: '另一项执法需求', tags: ['执法'] });
    expectError(
      await w.officer.post('/api/fusion/board/accept', { needId: n2.id, resourceId: r.id }),
      409,
      'fusion.resource_full',
    );
  });

  it('keeps an organ’s board to itself', async () => {
    const other = await ok<{ id: string }[]>(w.officer.get('/api/units'));
    expect(other.map((u) => u.id)).toEqual([w.unitId]);
    expectError(
      await w.bs1.get('/api/fusion/board?unitId=00000000-0000-4000-8000-000000000000'),
      404,
      'fusion.unit_not_found',
    );
  });
});
