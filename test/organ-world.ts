// Test-only, shared by the modules' integration tests (fusion, assessment): an organ with two business departments
// (政策法规科, 行政审批科) and the branches that serve them (支部建在科上: 第一党支部 → 政策法规科, 第二党支部 → 行政审批科),
// a third branch serving none, members, and accounts in the officers' and secretaries' roles, on a controllable clock.
import type { Role } from '#contracts/identity';
import type { OrgImportRow } from '#contracts/org';
import { applyOrganisationImport } from '../server/src/modules/org/index.ts';
import type { Client, TestApp } from './helpers.ts';
import { addMember, buildClockedApp, type Clock, ok, personWith } from './organ-fixtures.ts';

export type Org = { id: string; path: string; unitId: string };

/** Another organ under the same work committee: its committee and one branch, codes starting with `p`. */
export async function secondOrgan(w: FusionWorld, p: string): Promise<{ JG: Org; B1: Org }> {
  const result = await applyOrganisationImport(w.t.ctx(), {
    units: [{ code: `${p}U`, name: `${p}局`, rootOrgCode: `${p}JG` }],
    departments: [],
    orgs: [
      row(`${p}JG`, `${p}局机关党委`, 'organ_committee', 'FWC', [], `${p}U`),
      row(`${p}B1`, `${p}第一党支部`, 'branch', `${p}JG`),
    ],
  });
  if (result.issues.length) throw new Error(`seed failed: ${JSON.stringify(result.issues)}`);
  const orgs = await w.t.database.db
    .selectFrom('partyOrg')
    .select(['id', 'code', 'path', 'unitId'])
    .where('code', 'like', `${p}%`)
    .execute();
  const org = (code: string) => orgs.find((o) => o.code === code) as Org;
  return { JG: org(`${p}JG`), B1: org(`${p}B1`) };
}
export type FusionWorld = {
  t: TestApp;
  clock: Clock;
  unitId: string;
  JG: Org;
  B1: Org;
  B2: Org;
  B3: Org;
  D1: string;
  D2: string;
  /** Members: the secretaries of B1 and B2, a skilled member of B1, a member of B3. */
  m: { sec1: string; sec2: string; skilled: string; other: string };
  officer: Client;
  bs1: Client;
  bs2: Client;
  lgm: Client;
  WC: Org;
};

const row = (
  code: string,
  name: string,
  kind: OrgImportRow['kind'],
  parentCode: string | null,
  departmentCodes: string[] = [],
  unitCode: string | null = null,
): OrgImportRow => ({
  code,
  name,
  kind,
  parentCode,
  unitCode,
  isTemporary: false,
  tempStartOn: null,
  tempEndOn: null,
  foundedOn: null,
  sortOrder: 0,
  departmentCodes,
  status: 'active',
  closedOn: null,
});

export async function fusionWorld(day = '2026-06-15'): Promise<FusionWorld> {
  const { t, clock } = await buildClockedApp(day);
  const result = await applyOrganisationImport(t.ctx(), {
    units: [{ code: 'FU', name: '融合测试局', rootOrgCode: 'FJG' }],
    departments: [
      {
        code: 'FD1',
        name: '政策法规科',
        kind: 'section',
        parentCode: null,
        unitCode: 'FU',
        sortOrder: 1,
        status: 'active',
      },
      {
        code: 'FD2',
        name: '行政审批科',
        kind: 'section',
        parentCode: null,
        unitCode: 'FU',
        sortOrder: 2,
        status: 'active',
      },
    ],
    orgs: [
      row('FWC', '融合测试工委', 'work_committee', null),
      row('FJG', '融合测试局机关党委', 'organ_committee', 'FWC', [], 'FU'),
      row('FB1', '第一党支部', 'branch', 'FJG', ['FD1']),
      row('FB2', '第二党支部', 'branch', 'FJG', ['FD2']),
      row('FB3', '第三党支部', 'branch', 'FJG'),
    ],
  });
  if (result.issues.length) throw new Error(`seed failed: ${JSON.stringify(result.issues)}`);
  const orgs = await t.database.db.selectFrom('partyOrg').select(['id', 'code', 'path', 'unitId']).execute();
  const org = (code: string) => orgs.find((o) => o.code === code) as Org;
  const depts = await t.database.db.selectFrom('department').select(['id', 'code']).execute();
  const dept = (code: string) => depts.find((d) => d.code === code)?.id as string;
  const [B1, B2, B3] = [org('FB1'), org('FB2'), org('FB3')];
  const m = {
    sec1: await addMember(t, B1, '张书记', 'secretary'),
    sec2: await addMember(t, B2, '李书记', 'secretary'),
    skilled: await addMember(t, B1, '王数据'),
    other: await addMember(t, B3, '赵党员'),
  };
  const as = (name: string, memberId: string | null, role: Role, on: Org) =>
    personWith(t, name, memberId, [{ role, partyOrgId: on.id }]);
  return {
    t,
    clock,
    unitId: B1.unitId,
    JG: org('FJG'),
    B1,
    B2,
    B3,
    D1: dept('FD1'),
    D2: dept('FD2'),
    m,
    officer: await as('fusion-officer', null, 'organ_committee_officer', org('FJG')),
    bs1: await as('fusion-bs1', m.sec1, 'branch_secretary', B1),
    bs2: await as('fusion-bs2', m.sec2, 'branch_secretary', B2),
    lgm: await as('fusion-lgm', null, 'leading_group_member', org('FJG')),
    WC: org('FWC'),
  };
}

export { ok };
