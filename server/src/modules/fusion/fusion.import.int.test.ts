// The 需求清单 and 资源清单 in from .xlsx (issue 11 point 1): all or nothing with every problem at its row and column;
// the same list imported again updates what it names instead of doubling it; the lists out as .xlsx read back.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Need, Resource } from '#contracts/fusion';
import { loadWorkbook, rowsOf, upload, workbookOf } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { type FusionWorld, fusionWorld, ok } from './fusion.test-helpers.ts';

let w: FusionWorld;
beforeAll(async () => {
  w = await fusionWorld('2026-06-15');
  await ok(
    w.officer.post('/api/partner-orgs', { unitId: w.unitId, name: '海港社区党委', kind: 'community' }),
  );
});
afterAll(async () => {
  await w.t.close();
});

const NEED_HEAD = [
  '提出部门',
  '需求（业务难题）',
  '问题描述',
  '影响的业务指标',
  '紧急程度',
  '提出人',
  '提出日期',
  '关键词',
];
const needs = () => ok<Need[]>(w.officer.get(`/api/fusion/needs?unitId=${w.unitId}`));

describe('importing needs', () => {
  it('refuses a file with any problem, naming each row and column, and writes nothing', async () => {
    const file = await workbookOf({
      需求清单: [
        NEED_HEAD,
        ['政策法规科', '复议积压', '案件多', '办理天数', '较急', '陈科长', '2026-05-01', '复议、法律'],
        ['不存在的科', '审批慢', '排队', null, '很急', '李科长', '2026-07-01', null],
      ],
    });
    const res = await upload(w.officer, `/api/fusion/needs/import?unitId=${w.unitId}`, file);
    expectError(res, 400, 'fusion.import_invalid');
    const issues = (res.json() as { error: { issues: { field: string }[] } }).error.issues.map(
      (i) => i.field,
    );
    expect(issues).toEqual(['第3行 提出部门', '第3行 紧急程度', '第3行 提出日期']);
    expect(await needs()).toEqual([]);
    // A branch secretary does not keep the needs.
    expectError(
      await upload(w.bs1, `/api/fusion/needs/import?unitId=${w.unitId}`, file),
      403,
      'auth.forbidden',
    );
  });

  it('imports a good file, and the same file again updates instead of doubling; the export reads back', async () => {
    const rows = [
      NEED_HEAD,
      ['政策法规科', '复议积压', '案件多', '办理天数', '较急', '陈科长', '2026-05-01', '复议、法律'],
      ['FD2', '审批排队长', '窗口排队', '等待时间', '紧急', '李科长', '2026-05-02', '窗口'],
    ];
    expect(
      await ok(
        upload(
          w.officer,
          `/api/fusion/needs/import?unitId=${w.unitId}`,
          await workbookOf({ 需求清单: rows }),
        ),
      ),
    ).toEqual({
      created: 2,
      updated: 0,
    });
    const changed = rows.map((r, i) => (i === 1 ? [...r.slice(0, 4), '紧急', ...r.slice(5)] : r));
    expect(
      await ok(
        upload(
          w.officer,
          `/api/fusion/needs/import?unitId=${w.unitId}`,
          await workbookOf({ 需求清单: changed }),
        ),
      ),
    ).toEqual({
      created: 0,
      updated: 2,
    });
    const list = await needs();
    expect(list.map((n) => [n.departmentName, n.title, n.urgency, n.tags.join('、')]).sort()).toEqual(
      [
        ['政策法规科', '复议积压', 'critical', '复议、法律'],
        ['行政审批科', '审批排队长', 'critical', '窗口'],
      ].sort(),
    );
    const res = await w.lgm.get(`/api/fusion/needs/export?unitId=${w.unitId}`);
    expect(res.statusCode).toBe(200);
    const sheet = (await loadWorkbook(res.rawPayload)).getWorksheet('需求清单');
    if (!sheet) throw new Error('no sheet');
    const cells = rowsOf(sheet);
    expect(cells[1]?.slice(0, 5)).toEqual([
      '提出部门',
      '需求（业务难题）',
      '问题描述',
      '影响的业务指标',
      '紧急程度',
    ]);
    expect(
      cells
        .slice(2)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['复议积压', '审批排队长'].sort());
  });
});

describe('importing resources', () => {
  it('resolves branches, members and partners, and refuses rows outside the importer’s branches', async () => {
    const head = ['党组织', '类别', '资源', '党员', '共建单位', '说明', '关键词', '可同时承担项目数'];
    const mine = [
      head,
      ['第一党支部', '党员专长', '数据分析', '王数据', null, '熟悉数据建模', '数据、风险', 2],
      ['FB1', '共建单位资源', '社区志愿者', null, '海港社区党委', null, '群众满意', null],
    ];
    expect(
      await ok(
        upload(
          w.bs1,
          `/api/fusion/resources/import?unitId=${w.unitId}`,
          await workbookOf({ 资源清单: mine }),
        ),
      ),
    ).toEqual({
      created: 2,
      updated: 0,
    });
    const list = await ok<Resource[]>(w.bs1.get(`/api/fusion/resources?unitId=${w.unitId}`));
    expect(list.map((r) => [r.title, r.memberName, r.partnerOrgName, r.capacity]).sort()).toEqual(
      [
        ['数据分析', '王数据', null, 2],
        ['社区志愿者', null, '海港社区党委', 1],
      ].sort(),
    );
    const theirs = [
      head,
      ['第二党支部', '党员先锋岗', '审批先锋岗', null, null, null, null, 1],
      ['第一党支部', '党员专长', '无人', null, null, null, null, 30],
    ];
    const res = await upload(
      w.bs1,
      `/api/fusion/resources/import?unitId=${w.unitId}`,
      await workbookOf({ 资源清单: theirs }),
    );
    expectError(res, 400, 'fusion.import_invalid');
    const issues = (res.json() as { error: { issues: { field: string }[] } }).error.issues.map(
      (i) => i.field,
    );
    expect(issues).toEqual(['第2行 党组织', '第3行 党员', '第3行 可同时承担项目数']);
  });
});
