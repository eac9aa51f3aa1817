// Test-only: an organ (机关党委 with two branches) at a fixed day, members made through the API (so that they have
// their organisation history), and accounts in the roles of dues and development.
import { idNumberCheckChar } from '#contracts/id-number';
import type { Role } from '#contracts/identity';
import type { OrgImportRow } from '#contracts/org';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { applyOrganisationImport } from '../org/index.ts';

export type Org = { id: string; path: string; unitId: string };
export type DuesWorld = { t: TestApp; JG: Org; B1: Org; B2: Org; officer: Client };

const row = (
  code: string,
  name: string,
  kind: OrgImportRow['kind'],
  parentCode: string | null,
): OrgImportRow => ({
  code,
  name,
  kind,
  parentCode,
  unitCode: 'DUESU',
  isTemporary: false,
  tempStartOn: null,
  tempEndOn: null,
  foundedOn: null,
  sortOrder: 0,
  departmentCodes: [],
  status: 'active',
  closedOn: null,
});

/** The organ on `day` (10:00 Beijing time); `officer` is an organ committee officer on its root. */
export async function duesWorld(day: string): Promise<DuesWorld> {
  const t = await buildTestApp({}, { now: () => new Date(`${day}T02:00:00Z`) });
  const result = await applyOrganisationImport(t.ctx(), {
    units: [{ code: 'DUESU', name: '党费测试局', rootOrgCode: 'DJG' }],
    departments: [],
    orgs: [
      row('DJG', '党费测试局机关党委', 'organ_committee', null),
      row('DB1', '第一党支部', 'branch', 'DJG'),
      row('DB2', '第二党支部', 'branch', 'DJG'),
    ],
  });
  if (result.issues.length) throw new Error(`seed failed: ${JSON.stringify(result.issues)}`);
  const orgs = await t.database.db.selectFrom('partyOrg').select(['id', 'code', 'path', 'unitId']).execute();
  const org = (code: string) => orgs.find((o) => o.code === code) as Org;
  const officer = await userWith(t, 'dues-officer', [
    { role: 'organ_committee_officer', partyOrgId: org('DJG').id },
  ]);
  return { t, JG: org('DJG'), B1: org('DB1'), B2: org('DB2'), officer };
}

let seq = 0;
/** A valid 18-character ID number born on `birth` (YYYY-MM-DD), unique in this process. */
export function idNumberBornOn(birth: string): string {
  seq++;
  const first17 = `330203${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

export async function addMember(
  w: DuesWorld,
  org: Org,
  name: string,
  o: {
    joinedOn?: string;
    transferInOn?: string;
    category?: 'full' | 'probationary';
    idNumber?: string;
    partyPost?: 'secretary' | 'committee_member';
  } = {},
): Promise<{ id: string; version: number; idNumber: string }> {
  const idNumber = o.idNumber ?? idNumberBornOn('1985-04-01');
  const joinedOn = o.joinedOn ?? '2010-07-01';
  const res = await w.officer.post('/api/members', {
    name,
    category: o.category ?? 'full',
    partyOrgId: org.id,
    idNumber,
    joinedOn,
    transferInOn: o.transferInOn ?? (joinedOn > '2020-01-01' ? joinedOn : '2020-01-01'),
    ...(o.partyPost ? { partyPost: o.partyPost } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`member: ${res.body}`);
  return { ...(res.json() as { id: string; version: number }), idNumber };
}

/** An account in `roles`, linked to `memberId` when given. */
export async function account(
  w: DuesWorld,
  username: string,
  roles: { role: Role; partyOrgId: string | null }[],
  memberId: string | null = null,
): Promise<Client> {
  const client = await userWith(w.t, username, roles);
  if (memberId)
    await w.t.database.db.updateTable('appUser').set({ memberId }).where('id', '=', client.userId).execute();
  return client;
}
