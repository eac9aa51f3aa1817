import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartyOrg } from '#contracts/org';
import type { ImportResult } from '#contracts/transfer';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { applyLocatedImport } from './org.import.apply.ts';
import { parseOrganisationWorkbook } from './org.import.ts';
import {
  auditActions,
  DEPARTMENT_HEADER_ROW,
  insertMember,
  ORG_HEADER_ROW,
  organRows,
  seedOrgan,
  UNIT_HEADER_ROW,
  upload,
  workbookOf,
  workCommittee,
} from './org.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const committee = (p: string) => workCommittee(t, p);

const importFile = async (client: Client, buf: Buffer) => {
  const res = await upload(client, '/api/party-orgs/import', buf);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportResult;
};

/** Everything about the organisations and departments with codes starting with `p`, in the file's terms. */
async function treeState(db: TestApp['database']['db'], p: string) {
  const orgs = await db
    .selectFrom('partyOrg')
    .selectAll()
    .where('code', 'like', `${p}%`)
    .orderBy('code')
    .execute();
  const depts = await db
    .selectFrom('department')
    .selectAll()
    .where('code', 'like', `${p}%`)
    .orderBy('code')
    .execute();
  const units = await db
    .selectFrom('unit')
    .selectAll()
    .where('code', 'like', `${p}%`)
    .orderBy('code')
    .execute();
  const links = await db.selectFrom('branchDepartment').selectAll().execute();
  const orgCode = new Map(orgs.map((o) => [o.id, o.code]));
  const deptCode = new Map(depts.map((d) => [d.id, d.code]));
  const unitCode = new Map(units.map((u) => [u.id, u.code]));
  return {
    units: units.map((u) => ({
      code: u.code,
      name: u.name,
      root: orgCode.get(u.rootPartyOrgId ?? '') ?? null,
    })),
    orgs: orgs.map((o) => ({
      code: o.code,
      name: o.name,
      kind: o.kind,
      parent: orgCode.get(o.parentId ?? '') ?? null,
      unit: unitCode.get(o.unitId ?? '') ?? null,
      depth: o.depth,
      isTemporary: o.isTemporary,
      tempStartOn: o.tempStartOn,
      tempEndOn: o.tempEndOn,
      foundedOn: o.foundedOn,
      sortOrder: o.sortOrder,
      status: o.status,
      closedOn: o.closedOn,
      departments: links
        .filter((l) => l.partyOrgId === o.id)
        .map((l) => deptCode.get(l.departmentId))
        .sort(),
    })),
    departments: depts.map((d) => ({
      code: d.code,
      name: d.name,
      kind: d.kind,
      parent: deptCode.get(d.parentId ?? '') ?? null,
      unit: unitCode.get(d.unitId) ?? null,
      sortOrder: d.sortOrder,
      status: d.status,
    })),
  };
}

const orgRow = (
  code: string,
  name: string,
  kind: string,
  parent: string | null,
  unit: string | null,
  more: unknown[] = [],
) => [code, name, kind, parent, unit, ...more];

describe('importing the organisations workbook', () => {
  it('creates the tree from a valid workbook, and re-importing the same file changes nothing', async () => {
    const { officer } = await committee('I1');
    const buf = await workbookOf({
      单位: [UNIT_HEADER_ROW, ['I1U', '明州海关', 'I1JG']],
      党组织: [
        ORG_HEADER_ROW,
        orgRow('I1JG', '明州海关机关党委', '机关党委', 'I1WC', 'I1U', ['否', null, null, '1988-03-15', 1]),
        orgRow('I1B1', '通关科党支部', '党支部', 'I1JG', null, ['否', null, null, null, 1, 'I1D1S1、I1D1S2']),
        orgRow('I1T1', '专项工作临时党支部', '党支部', 'I1JG', null, [
          '是',
          '2026-03-01',
          '2026-12-31',
          null,
          2,
        ]),
        orgRow('I1T0', '已结束临时党支部', 'branch', 'I1JG', null, [
          '是',
          '2024-03-01',
          '2024-12-31',
          null,
          3,
          null,
          '已撤销',
          '2024-12-31',
        ]),
      ],
      业务部门: [
        DEPARTMENT_HEADER_ROW,
        ['I1D1S1', '通关科', '科室', 'I1D1', 'I1U', 1, '正常'],
        ['I1D1', '通关处', '处室', null, 'I1U', 1, null],
        ['I1D1S2', '查验科', '科室', 'I1D1', 'I1U', 2, null],
      ],
    });
    const first = await importFile(officer, buf);
    expect(first.issues).toEqual([]);
    expect(first).toMatchObject({
      kind: 'organisations',
      applied: true,
      rows: 8,
      created: 8,
      updated: 0,
      unchanged: 0,
      reportToken: null,
    });

    const list = (await officer.get('/api/party-orgs?includeClosed=true')).json() as PartyOrg[];
    const byCode = new Map(list.map((o) => [o.code, o]));
    expect(byCode.get('I1B1')?.parentId).toBe(byCode.get('I1JG')?.id);
    expect(byCode.get('I1B1')?.unitId).toBe(byCode.get('I1JG')?.unitId);
    expect(byCode.get('I1B1')?.departmentIds).toHaveLength(2);
    expect(byCode.get('I1T1')).toMatchObject({
      isTemporary: true,
      tempStartOn: '2026-03-01',
      status: 'active',
    });
    expect(byCode.get('I1T0')).toMatchObject({ status: 'closed', closedOn: '2024-12-31' });
    expect((await officer.get('/api/units')).json()[0]).toMatchObject({
      code: 'I1U',
      rootPartyOrgId: byCode.get('I1JG')?.id,
    });

    const before = await treeState(t.database.db, 'I1');
    const versions = await t.database.db
      .selectFrom('partyOrg')
      .select(['code', 'version'])
      .where('code', 'like', 'I1%')
      .execute();
    const again = await importFile(officer, buf);
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 8 });
    expect(await treeState(t.database.db, 'I1')).toEqual(before);
    const after = await t.database.db
      .selectFrom('partyOrg')
      .select(['code', 'version'])
      .where('code', 'like', 'I1%')
      .execute();
    expect(after).toEqual(versions);

    const audits = await auditActions(t, 'org.import');
    const mine = audits.filter((a) => a.actorUsername === 'i1-officer');
    expect(mine.map((a) => a.details)).toEqual([
      expect.objectContaining({ applied: true, created: 8, updated: 0 }),
      expect.objectContaining({ applied: true, created: 0, unchanged: 8 }),
    ]);
  });

  it('writes nothing when any row is wrong, and names sheet, Excel row and column of every problem in Chinese', async () => {
    const { officer } = await committee('I2');
    const buf = await workbookOf({
      党组织: [
        ORG_HEADER_ROW,
        orgRow('I2JG', '机关党委', '机关党委', 'I2WC', null),
        orgRow('I2B1', '第一党支部', '党支部', 'I2NOPE', null),
        orgRow('I2B2', '第二党支部', '支部委员会甲', 'I2JG', null),
        orgRow('I2B3', '第三党支部', '党支部', 'I2JG', null, ['否', null, null, '2019-13-45']),
        orgRow('I2B4', '第四党支部', '党小组', 'I2WC', null),
        orgRow('I2B1', '重复编码', '党支部', 'I2JG', null),
      ],
    });
    const result = await importFile(officer, buf);
    expect(result.applied).toBe(false);
    expect(result.created).toBe(0);
    expect(result.reportToken).toEqual(expect.any(String));
    const issue = (row: number) => result.issues.filter((i) => i.row === row);
    expect(issue(3)).toEqual([
      expect.objectContaining({ sheet: '党组织', column: '上级组织编码', value: 'I2NOPE' }),
    ]);
    expect(issue(4)).toEqual([
      expect.objectContaining({ sheet: '党组织', column: '组织类别', value: '支部委员会甲' }),
    ]);
    expect(issue(5)).toEqual([
      expect.objectContaining({ sheet: '党组织', column: '成立日期', value: '2019-13-45' }),
    ]);
    expect(issue(6)).toEqual([expect.objectContaining({ column: '组织类别' })]);
    expect(issue(6)[0]?.reason).toMatch(/机关工委.*党小组/);
    expect(issue(7)).toEqual([expect.objectContaining({ column: '组织编码', value: 'I2B1' })]);
    for (const i of result.issues) expect(i.reason).toMatch(/[\u4e00-\u9fa5]/);
    const written = await t.database.db
      .selectFrom('partyOrg')
      .select('id')
      .where('code', 'like', 'I2%')
      .execute();
    expect(written).toHaveLength(1); // only the committee created before the import
  });

  it('reads dates as Excel serials, 2019.07.01 and 2019年7月1日, and normalises full-width codes and stray spaces', async () => {
    const { officer } = await committee('I3');
    const buf = await workbookOf({
      党组织: [
        ORG_HEADER_ROW,
        orgRow('I3JG', '机关党委', '机关党委', ' I3WC ', null, ['否', null, null, 43647]),
        orgRow('Ｉ３Ｂ１', '第一党支部', '党支部', 'I3JG', null, ['否', null, null, '2019.07.01', '１']),
        orgRow('I3B2', ' 第二党支部（机关） ', ' 党支部 ', 'Ｉ３ ＪＧ', null, [
          '否',
          null,
          null,
          '2019年7月1日',
          2,
        ]),
      ],
    });
    const result = await importFile(officer, buf);
    expect(result.issues).toEqual([]);
    const rows = await t.database.db
      .selectFrom('partyOrg')
      .select(['code', 'name', 'foundedOn', 'sortOrder'])
      .where('code', 'in', ['I3JG', 'I3B1', 'I3B2'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'I3B1', name: '第一党支部', foundedOn: '2019-07-01', sortOrder: 1 },
      { code: 'I3B2', name: '第二党支部（机关）', foundedOn: '2019-07-01', sortOrder: 2 },
      { code: 'I3JG', name: '机关党委', foundedOn: '2019-07-01', sortOrder: 0 },
    ]);
  });

  it('renames, moves and closes through a re-import, with events; closing with members is refused', async () => {
    const tree = await seedOrgan(t, 'I4');
    const officer = await userWith(t, 'i4-officer', [
      { role: 'work_committee_officer', partyOrgId: tree.WC.id },
    ]);
    await insertMember(t, tree.S1B1.id);
    const rows = organRows('I4').orgs;
    const line = (
      code: string,
      change: Partial<Record<'name' | 'parent' | 'status' | 'closedOn', string>>,
    ) => {
      const r = rows.find((x) => x.code === code);
      if (!r) throw new Error(code);
      return orgRow(r.code, change.name ?? r.name, r.kind, change.parent ?? r.parentCode, r.unitCode, [
        '否',
        null,
        null,
        r.foundedOn,
        r.sortOrder,
        r.departmentCodes.join(','),
        change.status ?? '正常',
        change.closedOn ?? null,
      ]);
    };
    const refused = await importFile(
      officer,
      await workbookOf({
        党组织: [ORG_HEADER_ROW, line('I4S1B1', { status: '已撤销', closedOn: '2026-06-30' })],
      }),
    );
    expect(refused.applied).toBe(false);
    expect(refused.issues[0]).toMatchObject({ row: 2, column: '状态' });
    expect(refused.issues[0]?.reason).toMatch(/1 名党员/);

    const result = await importFile(
      officer,
      await workbookOf({
        党组织: [
          ORG_HEADER_ROW,
          line('I4B1', { name: '机关第一党支部（新）' }),
          line('I4S1B2', { parent: 'I4G1' }),
          line('I4B1C1', { status: '已撤销', closedOn: '2026-06-30' }),
          line('I4G1', {}),
        ],
      }),
    );
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({ applied: true, created: 0, updated: 3, unchanged: 1 });
    const kinds = async (id: string) =>
      ((await officer.get(`/api/party-orgs/${id}/events`)).json() as { kind: string }[]).map((e) => e.kind);
    expect(await kinds(tree.B1.id)).toEqual(['created', 'renamed']);
    expect(await kinds(tree.S1B2.id)).toEqual(['created', 'moved']);
    expect(await kinds(tree.B1C1.id)).toEqual(['created', 'closed']);
    expect(await kinds(tree.G1.id)).toEqual(['created']);
    const moved = await t.database.db
      .selectFrom('partyOrg')
      .select(['path', 'version'])
      .where('id', '=', tree.S1B2.id)
      .executeTakeFirstOrThrow();
    expect(moved.path).toBe(`${tree.G1.path}${tree.S1B2.id}/`);
    expect(moved.version).toBe(tree.S1B2.version + 1);
  });

  it('refuses rows outside the importer’s scope instead of skipping them', async () => {
    const a = await seedOrgan(t, 'I5');
    await seedOrgan(t, 'I5X');
    const officer = await userWith(t, 'i5-officer', [
      { role: 'organ_committee_officer', partyOrgId: a.JG.id },
    ]);
    const result = await importFile(
      officer,
      await workbookOf({
        党组织: [
          ORG_HEADER_ROW,
          orgRow('I5B9', '新支部', '党支部', 'I5JG', null),
          orgRow('I5XB9', '外单位新支部', '党支部', 'I5XJG', null),
        ],
      }),
    );
    expect(result.applied).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ row: 3, column: '上级组织编码', value: 'I5XJG' }),
    ]);
    expect(result.issues[0]?.reason).toMatch(/管理范围/);
  });

  it('exports everything in scope so that importing the export changes nothing, here or in an empty database', async () => {
    const tree = await seedOrgan(t, 'E1');
    const officer = await userWith(t, 'e1-officer', [
      { role: 'work_committee_officer', partyOrgId: tree.WC.id },
    ]);
    await officer.post(`/api/party-orgs/${tree.B1C1.id}/close`, {
      closedOn: '2025-05-01',
      reason: '撤并',
      version: tree.B1C1.version,
    });
    await officer.post('/api/party-orgs', {
      parentId: tree.JG.id,
      code: 'E1TMP',
      name: '“一带一路”专项临时党支部（二）',
      kind: 'branch',
      isTemporary: true,
      tempStartOn: '2026-03-01',
      tempEndOn: '2026-12-31',
    });
    const res = await officer.get('/api/party-orgs/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const exported = res.rawPayload;
    expect((await auditActions(t, 'org.export')).some((a) => a.actorUsername === 'e1-officer')).toBe(true);

    const before = await treeState(t.database.db, 'E1');
    const again = await importFile(officer, exported);
    expect(again.issues).toEqual([]);
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0 });
    expect(await treeState(t.database.db, 'E1')).toEqual(before);

    const fresh = await buildTestApp();
    try {
      const parsed = await parseOrganisationWorkbook(exported);
      const loaded = await applyLocatedImport(fresh.ctx(), parsed);
      expect(loaded.issues).toEqual([]);
      expect(await treeState(fresh.database.db, 'E1')).toEqual(before);
    } finally {
      await fresh.close();
    }
  });
});
