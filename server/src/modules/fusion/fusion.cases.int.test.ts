// Typical cases (issue 11 point 6): drafted from an accepted project (nothing typed twice), submitted, returned or
// published by the organ committee, readable across the organ once published, and across every organ of the work
// committee once it selects them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowcaseCase } from '#contracts/fusion-brand';
import type { Kpi, Milestone, Project } from '#contracts/fusion-project';
import { documentText, loadWorkbook, rowsOf, unzip } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { personWith } from '../../../../test/organ-fixtures.ts';
import { type FusionWorld, fusionWorld, need, ok, secondOrgan } from './fusion.test-helpers.ts';

let w: FusionWorld;
let projectId: string;
beforeAll(async () => {
  w = await fusionWorld('2026-06-15');
  const n = await need(w, w.D1, { title: '复议案件办理周期长' });
  let p = await ok<Project>(
    w.bs1.post('/api/fusion/projects', {
      leadOrgId: w.B1.id,
      needId: n.id,
      title: '复议提速攻坚',
      teamKind: 'tackle_team',
      ownerMemberId: w.m.sec1,
      goal: '平均办理天数降到 35 天',
    }),
  );
  await ok<Milestone>(
    w.bs1.post(`/api/fusion/projects/${p.id}/milestones`, {
      title: '清点积压案件',
      ownerMemberId: w.m.sec1,
      dueOn: '2026-06-14',
    }),
  );
  const k = await ok<Kpi>(
    w.bs1.post(`/api/fusion/projects/${p.id}/kpis`, {
      name: '平均办理天数',
      measureUnit: '天',
      direction: 'decrease',
      baseline: 48,
      target: 35,
    }),
  );
  p = await ok<Project>(w.officer.get(`/api/fusion/projects/${p.id}`));
  p = await ok<Project>(w.officer.post(`/api/fusion/projects/${p.id}/approve`, { version: p.version }));
  p = await ok<Project>(w.bs1.post(`/api/fusion/projects/${p.id}/start`, { version: p.version }));
  await ok(w.bs1.patch(`/api/fusion/kpis/${k.id}`, { result: 30, version: k.version }));
  p = await ok<Project>(w.officer.get(`/api/fusion/projects/${p.id}`));
  p = await ok<Project>(
    w.officer.post(`/api/fusion/projects/${p.id}/accept`, {
      version: p.version,
      outcome: '积压案件全部办结',
    }),
  );
  projectId = p.id;
});
afterAll(async () => {
  await w.t.close();
});

describe('the project’s files', () => {
  it('lists projects and their KPIs as .xlsx and writes the acceptance report as .docx', async () => {
    const res = await w.lgm.get(`/api/fusion/projects/export?unitId=${w.unitId}&stage=accepted`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = await loadWorkbook(res.rawPayload);
    const projects = rowsOf(
      book.getWorksheet('项目清单') as NonNullable<ReturnType<typeof book.getWorksheet>>,
    );
    expect(projects.slice(2).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['复议提速攻坚', '验收', '第一党支部'],
    ]);
    const kpis = rowsOf(book.getWorksheet('业务指标') as NonNullable<ReturnType<typeof book.getWorksheet>>);
    expect(kpis.slice(2).map((r) => r.slice(1, 9))).toEqual([
      ['平均办理天数', '天', '降低', '48', '35', '30', expect.any(String), '达标'],
    ]);
    const doc = await w.lgm.get(`/api/fusion/projects/${projectId}/document`);
    expect(doc.statusCode).toBe(200);
    const text = documentText(unzip(doc.rawPayload));
    for (const s of [
      '融合项目验收报告',
      '复议提速攻坚',
      '复议案件办理周期长',
      '清点积压案件',
      '平均办理天数（天）',
      '达标',
      '积压案件全部办结',
      '八、验收意见',
    ])
      expect(text).toContain(s);
  });
});

describe('a typical case', () => {
  it('is drafted from the project, goes through review, and reaches the organ and then every organ', async () => {
    let c = await ok<ShowcaseCase>(w.bs1.post('/api/fusion/cases', { partyOrgId: w.B1.id, projectId }));
    expect(c).toMatchObject({ title: '复议提速攻坚', status: 'draft', projectTitle: '复议提速攻坚' });
    expect(c.problem).toBe('复议案件办理周期长，群众反映等待时间过久');
    expect(c.actions).toBe('平均办理天数降到 35 天\n1. 清点积压案件');
    expect(c.result).toBe('积压案件全部办结\n平均办理天数：由 48 到 30天（目标 35天，达标）');

    // Another organ under the same work committee: its branch secretary does not see the draft or the organ's cases.
    const other = await secondOrgan(w, 'OX');
    const m = (
      await w.t.database.db
        .insertInto('member')
        .values({
          unitId: other.B1.unitId,
          partyOrgId: other.B1.id,
          name: '外局书记',
          gender: 'male',
          idNumberCipher: w.t.secrets.encrypt('110101199001010011'),
          idNumberHash: w.t.secrets.blindIndex('110101199001010011'),
          idNumberMasked: '1101**************',
          category: 'full',
          partyPost: 'secretary',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const outsider = await personWith(w.t, 'fusion-outsider', m, [
      { role: 'branch_secretary', partyOrgId: other.B1.id },
    ]);
    const wco = await personWith(w.t, 'fusion-wco', null, [
      { role: 'work_committee_officer', partyOrgId: w.WC.id },
    ]);
    expectError(await outsider.get(`/api/fusion/cases/${c.id}`), 404, 'fusion.case_not_found');

    // Submitted, returned with a note, edited, submitted again, published by the organ committee only.
    c = await ok<ShowcaseCase>(w.bs1.post(`/api/fusion/cases/${c.id}/submit`, { version: c.version }));
    expectError(
      await w.bs1.patch(`/api/fusion/cases/${c.id}`, { title: '改', version: c.version }),
      409,
      'fusion.case_locked',
    );
    expectError(
      await w.bs1.post(`/api/fusion/cases/${c.id}/publish`, { version: c.version }),
      403,
      'auth.forbidden',
    );
    c = await ok<ShowcaseCase>(
      w.officer.post(`/api/fusion/cases/${c.id}/return`, { version: c.version, note: '请补充群众评价' }),
    );
    expect(c).toMatchObject({ status: 'returned', returnNote: '请补充群众评价' });
    c = await ok<ShowcaseCase>(
      w.bs1.patch(`/api/fusion/cases/${c.id}`, { result: `${c.result}\n群众满意度 98%`, version: c.version }),
    );
    c = await ok<ShowcaseCase>(w.bs1.post(`/api/fusion/cases/${c.id}/submit`, { version: c.version }));
    expect(c.returnNote).toBeNull();
    c = await ok<ShowcaseCase>(w.officer.post(`/api/fusion/cases/${c.id}/publish`, { version: c.version }));
    expect(c).toMatchObject({ status: 'published', publishedOn: '2026-06-15', committeeSelected: false });

    const showcase = async (by = w.bs2, unitId = w.unitId) =>
      (await ok<ShowcaseCase[]>(by.get(`/api/fusion/showcase?unitId=${unitId}`))).map((x) => x.id);
    expect(await showcase()).toEqual([c.id]);
    expect(await showcase(outsider, other.B1.unitId)).toEqual([]);
    // Only the work committee selects, and then every organ sees it.
    expectError(
      await w.officer.post(`/api/fusion/cases/${c.id}/select`, { version: c.version, selected: true }),
      403,
      'auth.forbidden',
    );
    c = await ok<ShowcaseCase>(
      wco.post(`/api/fusion/cases/${c.id}/select`, { version: c.version, selected: true }),
    );
    expect(c).toMatchObject({ committeeSelected: true, selectedOn: '2026-06-15' });
    expect(await showcase(outsider, other.B1.unitId)).toEqual([c.id]);
    expect((await ok<ShowcaseCase>(outsider.get(`/api/fusion/cases/${c.id}`))).unitName).toBe('融合测试局');
    expectError(await outsider.get(`/api/fusion/cases?unitId=${w.unitId}`), 404, 'fusion.unit_not_found');
  });

  it('must start from an accepted project of the branch or its brand', async () => {
    const res = await w.bs2.post('/api/fusion/cases', { partyOrgId: w.B2.id, projectId });
    expectError(res, 400, 'fusion.case_invalid');
    const none = await w.bs2.post('/api/fusion/cases', { partyOrgId: w.B2.id, title: '无来源' });
    expectError(none, 400, 'fusion.case_invalid');
  });
});
