// Test-only: a small organ (work committee → 机关党委 → two branches, a 党总支 with one branch), members with
// accounts, and a controllable clock.
import { randomBytes } from 'node:crypto';
import type { Role } from '#contracts/identity';
import type { OrgImportRow } from '#contracts/org';
import { applyOrganisationImport } from '../server/src/modules/org/index.ts';
import { ensureDefaultTemplate } from '../server/src/modules/responsibility/index.ts';
import { buildTestApp, type Client, signIn, type TestApp, userWith } from './helpers.ts';

export type Clock = { set(iso: string): void; now: () => Date };

/** A clock at 10:00 Beijing time of the given day. */
export function clockAt(day: string): Clock {
  let at = new Date(`${day}T02:00:00Z`);
  return {
    set(iso: string) {
      at = new Date(iso.length === 10 ? `${iso}T02:00:00Z` : iso);
    },
    now: () => at,
  };
}

export async function buildClockedApp(day: string): Promise<{ t: TestApp; clock: Clock }> {
  const clock = clockAt(day);
  const t = await buildTestApp({}, { now: clock.now });
  return { t, clock };
}

const row = (
  code: string,
  name: string,
  kind: OrgImportRow['kind'],
  parentCode: string | null,
  unitCode: string | null,
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
  departmentCodes: [],
  status: 'active',
  closedOn: null,
});

export type Organ = Record<
  'WC' | 'JG' | 'B1' | 'B2' | 'G1' | 'G1B1',
  { id: string; path: string; unitId: string }
>;

/** An organ under a work committee; codes start with `p`. Publishes the standard template. */
export async function seedOrgan(t: TestApp, p: string): Promise<Organ> {
  const result = await applyOrganisationImport(t.ctx(), {
    units: [{ code: `${p}U`, name: `${p}局`, rootOrgCode: `${p}JG` }],
    departments: [],
    orgs: [
      row(`${p}WC`, `${p}机关工委`, 'work_committee', null, null),
      row(`${p}JG`, `${p}局机关党委`, 'organ_committee', `${p}WC`, `${p}U`),
      row(`${p}B1`, '第一党支部', 'branch', `${p}JG`, null),
      row(`${p}B2`, '第二党支部', 'branch', `${p}JG`, null),
      row(`${p}G1`, '办公室党总支', 'general_branch', `${p}JG`, null),
      row(`${p}G1B1`, '办公室党支部', 'branch', `${p}G1`, null),
    ],
  });
  if (result.issues.length) throw new Error(`seed failed: ${JSON.stringify(result.issues)}`);
  const rows = await t.database.db
    .selectFrom('partyOrg')
    .select(['id', 'code', 'path', 'unitId'])
    .where('code', 'like', `${p}%`)
    .execute();
  const out = {} as Organ;
  for (const r of rows) out[r.code.slice(p.length) as keyof Organ] = r;
  await ensureDefaultTemplate(t.ctx());
  return out;
}

let seq = 0;

/** A member row written directly (the member module owns the table; these tests only need rows to exist). */
export async function addMember(
  t: TestApp,
  org: { id: string; unitId: string },
  name: string,
  partyPost: 'secretary' | 'deputy_secretary' | 'committee_member' | null = null,
): Promise<string> {
  seq++;
  const idNumber = `${(randomBytes(4).readUInt32BE() % 900000) + 100000}19900101${String(seq).padStart(4, '0')}`;
  const r = await t.database.db
    .insertInto('member')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      name,
      gender: 'male',
      idNumberCipher: t.secrets.encrypt(idNumber),
      idNumberHash: t.secrets.blindIndex(idNumber),
      idNumberMasked: `${idNumber.slice(0, 4)}${'*'.repeat(14)}`,
      category: 'full',
      partyPost,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** An account linked to a member, holding `roles`, signed in. */
export async function personWith(
  t: TestApp,
  username: string,
  memberId: string | null,
  roles: { role: Role; partyOrgId: string | null }[],
): Promise<Client> {
  const client = await userWith(t, username, roles);
  if (memberId) {
    await t.database.db.updateTable('appUser').set({ memberId }).where('id', '=', client.userId).execute();
    return signIn(t, username);
  }
  return client;
}

/** Asserts a 200 and returns the body. */
export async function ok<T>(
  res: Promise<{ statusCode: number; body: string; json: () => unknown }>,
): Promise<T> {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`expected 200, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}
