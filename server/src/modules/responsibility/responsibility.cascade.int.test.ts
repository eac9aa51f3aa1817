import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item, ListDetail } from '#contracts/responsibility';
import type { Coverage, CoverageNode } from '#contracts/responsibility-coverage';
import type { MyDuties } from '#contracts/responsibility-me';
import type { Client, TestApp } from '../../../../test/helpers.ts';
import { expectError } from '../../../../test/helpers.ts';
import {
  addMember,
  buildClockedApp,
  type Clock,
  type Organ,
  ok,
  personWith,
  seedOrgan,
} from '../../../../test/organ-fixtures.ts';

// Three-level lists, the cascade of work points and the coverage view that shows who took them up.
let t: TestApp;
let clock: Clock;
let o: Organ;
let officer: Client;
let wcOfficer: Client;
let b1Secretary: Client;
let b1SecretaryId: string;
let b2SecretaryId: string;
let jgSecretaryId: string;

beforeAll(async () => {
  ({ t, clock } = await buildClockedApp('2026-03-10'));
  o = await seedOrgan(t, 'RC');
  jgSecretaryId = await addMember(t, o.JG, '王书记', 'secretary');
  b1SecretaryId = await addMember(t, o.B1, '李支书', 'secretary');
  b2SecretaryId = await addMember(t, o.B2, '赵支书', 'secretary');
  officer = await personWith(t, 'rc-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  wcOfficer = await personWith(t, 'rc-wc', null, [{ role: 'work_committee_officer', partyOrgId: o.WC.id }]);
  b1Secretary = await personWith(t, 'rc-b1', b1SecretaryId, [
    { role: 'branch_secretary', partyOrgId: o.B1.id },
  ]);
});
afterAll(async () => {
  await t.close();
});

const flagsOf = (nodes: CoverageNode[]): CoverageNode['flags'] =>
  nodes.flatMap((n) => [...n.flags, ...flagsOf(n.children)]);

describe('three-level lists and the cascade', () => {
  let principal: ListDetail;
  let direct: ListDetail;
  let b1List: ListDetail;
  let b2List: ListDetail;
  let issued: Item;

  it('builds the three levels from the standard template, business and Party duties on one list', async () => {
    const templates = await ok<{ id: string; version: number }[]>(
      officer.get('/api/responsibility/templates'),
    );
    expect(templates.map((x) => x.version)).toEqual([1]);
    const templateId = templates[0]?.id as string;
    principal = await ok(
      officer.post('/api/responsibility/lists', {
        year: 2026,
        level: 'principal',
        partyOrgId: o.JG.id,
        templateId,
      }),
    );
    direct = await ok(
      officer.post('/api/responsibility/lists', {
        year: 2026,
        level: 'direct',
        partyOrgId: o.JG.id,
        templateId,
      }),
    );
    b1List = await ok(
      officer.post('/api/responsibility/lists', {
        year: 2026,
        level: 'implementing',
        partyOrgId: o.B1.id,
        templateId,
      }),
    );
    b2List = await ok(
      officer.post('/api/responsibility/lists', { year: 2026, level: 'implementing', partyOrgId: o.B2.id }),
    );
    // The template's 8 主体责任 duties include both domains (一岗双责 on one list).
    expect(principal.items).toHaveLength(8);
    expect(new Set(principal.items.map((i) => i.domain))).toEqual(new Set(['party', 'business', 'fusion']));
    expect(direct.items).toHaveLength(8);
    expect(b1List.items).toHaveLength(10);
    expect(b2List.items).toHaveLength(0);
    // A branch list cannot be kept on the organ committee.
    expectError(
      await officer.post('/api/responsibility/lists', {
        year: 2026,
        level: 'implementing',
        partyOrgId: o.JG.id,
      }),
      400,
      'responsibility.level_mismatch',
    );
    expectError(
      await officer.post('/api/responsibility/lists', {
        year: 2026,
        level: 'principal',
        partyOrgId: o.JG.id,
      }),
      409,
      'responsibility.list_exists',
    );
  });

  it('cascades a work point from the work committee down to the branches and shows who took it up', async () => {
    const point = await ok<{ id: string }>(
      wcOfficer.post('/api/responsibility/work-points', {
        year: 2026,
        domain: 'fusion',
        category: '融合发展',
        title: '开展“党建+营商环境”攻坚',
        weight: 2,
      }),
    );
    // Nobody took it up yet: red, naming the organ's 党组 side.
    let cov = await ok<Coverage>(officer.get(`/api/responsibility/coverage?year=2026&unitId=${o.JG.unitId}`));
    const root = cov.roots.find((r) => r.id === point.id);
    expect(root?.flags).toEqual([
      expect.objectContaining({ kind: 'not_taken_up', whoShouldAct: expect.stringContaining('王书记') }),
    ]);

    // The 党组 takes it up, issues it to the 机关党委, which issues it to the branches.
    const p1 = await ok<Item>(
      officer.post(`/api/responsibility/lists/${principal.id}/items`, {
        workPointId: point.id,
        domain: 'fusion',
        category: '融合发展',
        title: '营商环境攻坚（党组）',
        ownerOrgId: o.JG.id,
        ownerMemberId: jgSecretaryId,
        deadline: '2026-12-31',
        issued: true,
      }),
    );
    issued = await ok<Item>(
      officer.post(`/api/responsibility/lists/${direct.id}/items`, {
        parentItemId: p1.id,
        domain: 'fusion',
        category: '融合发展',
        title: '营商环境攻坚（机关党委分解）',
        ownerOrgId: o.JG.id,
        deadline: '2026-11-30',
        issued: true,
        weight: 3,
      }),
    );
    const b1Item = await ok<Item>(
      b1Secretary.post(`/api/responsibility/lists/${b1List.id}/items`, {
        parentItemId: issued.id,
        domain: 'business',
        category: '业务工作',
        title: '压缩通关时间',
        ownerOrgId: o.B1.id,
        ownerMemberId: b1SecretaryId,
        deadline: '2026-06-30',
      }),
    );
    // The same item is taken up once per list.
    expectError(
      await b1Secretary.post(`/api/responsibility/lists/${b1List.id}/items`, {
        parentItemId: issued.id,
        domain: 'business',
        category: '业务工作',
        title: '再次承接',
        ownerOrgId: o.B1.id,
        deadline: '2026-06-30',
      }),
      409,
      'responsibility.already_taken_up',
    );
    // The branch secretary cannot open the 机关党委's list, but is offered its issued items to take up.
    expectError(
      await b1Secretary.get(`/api/responsibility/lists/${direct.id}`),
      404,
      'responsibility.list_not_found',
    );
    const offered = await ok<{ items: { id: string; taken: boolean }[]; workPoints: { id: string }[] }>(
      b1Secretary.get(`/api/responsibility/lists/${b1List.id}/candidates`),
    );
    expect(offered.items.map((i) => [i.id, i.taken])).toEqual(
      expect.arrayContaining([
        [issued.id, true],
        [p1.id, false],
      ]),
    );
    expect(offered.workPoints.map((w) => w.id)).toContain(point.id);
    const b2Offered = await ok<{ items: { id: string; taken: boolean }[] }>(
      officer.get(`/api/responsibility/lists/${b2List.id}/candidates`),
    );
    expect(b2Offered.items.find((i) => i.id === issued.id)?.taken).toBe(false);
    expect(b2Offered.items.map((i) => i.id)).not.toContain(b1Item.id);
    // The branch secretary cannot add to another branch's list.
    expectError(
      await b1Secretary.post(`/api/responsibility/lists/${b2List.id}/items`, {
        domain: 'party',
        category: 'x',
        title: 'y',
        ownerOrgId: o.B2.id,
        deadline: '2026-06-30',
      }),
      404,
      'responsibility.list_not_found',
    );
    // A level may not take up from below.
    expectError(
      await officer.post(`/api/responsibility/lists/${principal.id}/items`, {
        parentItemId: b1Item.id,
        domain: 'party',
        category: 'x',
        title: 'y',
        ownerOrgId: o.JG.id,
        deadline: '2026-06-30',
      }),
      400,
      'responsibility.invalid_item',
    );

    // B1 reports half done; B2 has not taken it up: flagged with B2's secretary's name.
    const duties = await ok<MyDuties>(b1Secretary.get('/api/me/duties'));
    const mine = duties.duties.find((d) => d.itemId === b1Item.id);
    expect(mine?.period.state).toBe('open');
    await ok(
      b1Secretary.post(`/api/me/duties/${mine?.period.id}/reports`, {
        progress: 50,
        note: '已梳理通关流程，压缩 2 个环节',
      }),
    );

    cov = await ok<Coverage>(officer.get(`/api/responsibility/coverage?year=2026&unitId=${o.JG.unitId}`));
    const node = cov.roots.find((r) => r.id === point.id) as CoverageNode;
    expect(node.flags).toEqual([]);
    const directNode = node.children[0]?.children[0] as CoverageNode;
    expect(directNode.title).toBe('营商环境攻坚（机关党委分解）');
    expect(directNode.children.map((c) => [c.title, c.progress])).toEqual([['压缩通关时间', 50]]);
    const missing = directNode.flags.filter((f) => f.kind === 'not_taken_up');
    expect(missing.map((f) => f.whoShouldAct)).toEqual(
      expect.arrayContaining([expect.stringContaining('赵支书')]),
    );
    expect(missing.some((f) => f.message.includes('第一党支部'))).toBe(false);
    // Roll-up: the work point's progress is the weighted mean of what took it up (one child at 50).
    expect(node.progress).toBe(50);
    expect(directNode.progress).toBe(50);
  });

  it('flags a duty whose owner has left, naming who should act', async () => {
    const leaver = await addMember(t, o.B2, '钱党员');
    await ok(
      officer.post(`/api/responsibility/lists/${b2List.id}/items`, {
        parentItemId: issued.id,
        domain: 'party',
        category: '组织建设',
        title: '营商环境党员先锋岗',
        ownerOrgId: o.B2.id,
        ownerMemberId: leaver,
        deadline: '2026-09-30',
      }),
    );
    await t.database.db
      .updateTable('member')
      .set({ status: 'left', leftOn: '2026-03-01' })
      .where('id', '=', leaver)
      .execute();
    const cov = await ok<Coverage>(
      officer.get(`/api/responsibility/coverage?year=2026&unitId=${o.JG.unitId}`),
    );
    const left = flagsOf(cov.roots).filter((f) => f.kind === 'owner_left');
    expect(left).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('钱党员'),
        whoShouldAct: expect.stringContaining('赵支书'),
      }),
    ]);
    // B2 has now taken it up: no longer flagged as missing.
    expect(
      flagsOf(cov.roots).filter((f) => f.kind === 'not_taken_up' && f.whoShouldAct.includes('赵支书')),
    ).toEqual([]);
    expect(b2SecretaryId).toBeTruthy();
  });

  it('shows a branch secretary only their part; a member sees no lists', async () => {
    const lists = await ok<{ id: string }[]>(b1Secretary.get('/api/responsibility/lists?year=2026'));
    expect(lists.map((l) => l.id)).toEqual([b1List.id]);
    // The coverage view shows the branch's own take-ups, never the organ's work points or other branches' duties.
    const cov = await ok<Coverage>(
      b1Secretary.get(`/api/responsibility/coverage?year=2026&unitId=${o.JG.unitId}`),
    );
    const titles = (nodes: CoverageNode[]): string[] =>
      nodes.flatMap((n) => [n.title, ...titles(n.children)]);
    expect(titles(cov.roots)).toEqual(['压缩通关时间']);
    const member = await personWith(t, 'rc-mem', await addMember(t, o.B1, '孙党员'), [
      { role: 'member', partyOrgId: o.B1.id },
    ]);
    expectError(await member.get('/api/responsibility/lists?year=2026'), 403, 'auth.forbidden');
  });

  it('shows an organ what a new template version changed, and adopts the chosen changes', async () => {
    const v1 = await ok<{ items: { key: string; level: string; title: string }[] }>(
      officer.get(
        `/api/responsibility/templates/${(await ok<{ id: string }[]>(officer.get('/api/responsibility/templates')))[0]?.id}`,
      ),
    );
    const items = v1.items.map((i) =>
      i.key === 'b-09' ? { ...i, title: '完成所服务科室的年度业务目标并按季晾晒' } : i,
    );
    items.push({
      key: 'b-11',
      level: 'implementing',
      domain: 'fusion',
      category: '先锋岗',
      title: '设立党员先锋岗',
      detail: null,
      recurrence: 'yearly',
      recordKind: null,
    } as never);
    const v2 = await ok<{ id: string; version: number; changes: { key: string; change: string }[] }>(
      wcOfficer.post('/api/responsibility/templates', {
        title: '责任清单模板（2026 修订）',
        changeNote: '增加先锋岗',
        items,
      }),
    );
    expect(v2.version).toBe(2);
    expect(v2.changes).toEqual([
      { key: 'b-09', change: 'changed', title: '完成所服务科室的年度业务目标并按季晾晒', fields: ['title'] },
      { key: 'b-11', change: 'added', title: '设立党员先锋岗', fields: [] },
    ]);
    // A work committee officer's role held on a branch publishes nothing deployment-wide.
    const misplaced = await personWith(t, 'rc-wc-low', null, [
      { role: 'work_committee_officer', partyOrgId: o.B2.id },
    ]);
    expectError(
      await misplaced.post('/api/responsibility/templates', { title: 'x', items }),
      403,
      'responsibility.not_work_committee',
    );
    expectError(
      await misplaced.post('/api/responsibility/work-points', {
        year: 2026,
        domain: 'party',
        category: '党建',
        title: '越权要点',
      }),
      403,
      'responsibility.not_work_committee',
    );
    // An organ officer cannot publish templates.
    expectError(
      await officer.post('/api/responsibility/templates', { title: 'x', items }),
      403,
      'auth.forbidden',
    );
    const list = await ok<ListDetail>(officer.get(`/api/responsibility/lists/${b1List.id}`));
    expect(list.templateUpdate).toEqual({ id: v2.id, version: 2 });
    const changes = await ok<{ changes: { key: string }[] }>(
      officer.get(`/api/responsibility/lists/${b1List.id}/template-changes`),
    );
    expect(changes.changes.map((c) => c.key)).toEqual(['b-09', 'b-11']);
    const adopted = await ok<ListDetail>(
      officer.post(`/api/responsibility/lists/${b1List.id}/adopt-template`, {
        templateId: v2.id,
        keys: ['b-11'],
        version: list.version,
      }),
    );
    expect(adopted.templateUpdate).toBeNull();
    expect(adopted.items.map((i) => i.title)).toContain('设立党员先锋岗');
    expect(adopted.items.map((i) => i.title)).not.toContain('完成所服务科室的年度业务目标并按季晾晒');
    expectError(
      await officer.post(`/api/responsibility/lists/${b1List.id}/adopt-template`, {
        templateId: v2.id,
        keys: [],
        version: list.version,
      }),
      409,
      'common.stale_version',
    );
    clock.set('2026-03-10');
  });
});
