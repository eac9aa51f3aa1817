import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import { insertPartyOrg } from './factories.ts';
import { buildTestApp, type Client, type TestApp, userWith } from './helpers.ts';

// What the organ in every key (ADR 20, step 3) must keep true, on both databases: uniqueness across organs now
// lives in registries, so the database itself still refuses a second member with the same number, or a second
// organisation or department with the same code, in another organ; and a member who changes organ takes its history
// and correction requests along, keyed by the new organ.

let t: TestApp;
let officer: Client;
const orgs: Record<
  'wc' | 'a' | 'a1' | 'b' | 'b1',
  { id: string; path: string; depth: number; unitId: string }
> = {} as never;
const units = { a: randomUUID(), b: randomUUID() };

/** An organ root of its own unit under `parent`, and a branch under it. */
async function organ(key: 'a' | 'b', parent: { id: string; path: string; depth: number }) {
  const db = t.database.db;
  const unitId = units[key];
  await db
    .insertInto('unit')
    .values({ id: unitId, code: `TK-${key}`, name: `单位${key}` })
    .execute();
  const id = randomUUID();
  const path = `${parent.path}${id}/`;
  await db
    .insertInto('partyOrg')
    .values({
      id,
      unitId,
      parentId: parent.id,
      code: `TK-${key}`,
      name: `${key}机关党委`,
      kind: 'organ_committee',
      path,
      depth: parent.depth + 1,
    })
    .execute();
  const root = { id, path, depth: parent.depth + 1, unitId };
  const branchId = randomUUID();
  const branchPath = `${path}${branchId}/`;
  await db
    .insertInto('partyOrg')
    .values({
      id: branchId,
      unitId,
      parentId: id,
      code: `TK-${key}1`,
      name: `${key}第一支部`,
      kind: 'branch',
      path: branchPath,
      depth: root.depth + 1,
    })
    .execute();
  return [root, { id: branchId, path: branchPath, depth: root.depth + 1, unitId }] as const;
}

beforeAll(async () => {
  t = await buildTestApp();
  orgs.wc = await insertPartyOrg(t.database.db, { kind: 'work_committee', code: 'TK-WC' });
  [orgs.a, orgs.a1] = await organ('a', orgs.wc);
  [orgs.b, orgs.b1] = await organ('b', orgs.wc);
  officer = await userWith(t, 'tk-officer', [{ role: 'work_committee_officer', partyOrgId: orgs.wc.id }]);
});
afterAll(async () => {
  await t.close();
});

const idNumber = (seq: number) => {
  const first17 = `11010119800101${String(seq).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
};
const errorCode = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
};

it('refuses, in the database itself, a number or a code already used in another organ', async () => {
  const db = t.database.db;
  const res = await officer.post('/api/members', {
    name: '甲党员',
    category: 'full',
    partyOrgId: orgs.a1.id,
    idNumber: idNumber(1),
  });
  expect(res.statusCode).toBe(200);
  const [row] = await sql<{ hash: string; cipher: string; masked: string }>`
    select id_number_hash as hash, id_number_cipher as cipher, id_number_masked as masked from member
    where party_org_id = ${orgs.a1.id}`
    .execute(db)
    .then((r) => r.rows);
  // Past the service's own check: the same number in organ B is refused by the registry (23505, unique violation).
  const duplicate = db.insertInto('member').values({
    unitId: units.b,
    partyOrgId: orgs.b1.id,
    name: '乙党员',
    gender: 'male',
    idNumberCipher: row?.cipher ?? '',
    idNumberHash: row?.hash ?? '',
    idNumberMasked: row?.masked ?? '',
    category: 'full',
  });
  expect(await errorCode(duplicate.execute())).toBe('23505');
  const org = db.insertInto('partyOrg').values({
    id: randomUUID(),
    unitId: units.b,
    parentId: orgs.b.id,
    code: 'TK-a1',
    name: '同码支部',
    kind: 'branch',
    path: `${orgs.b.path}x/`,
    depth: orgs.b.depth + 1,
  });
  expect(await errorCode(org.execute())).toBe('23505');
  const department = (unitId: string) =>
    db
      .insertInto('department')
      .values({
        id: randomUUID(),
        unitId,
        code: 'TK-BGS',
        name: '办公室',
        kind: 'division',
        path: `/${randomUUID()}/`,
      })
      .execute();
  expect(await errorCode(department(units.a))).toBeNull();
  expect(await errorCode(department(units.b))).toBe('23505');
});

it('moves a member’s history and correction requests to the organ the member is transferred to', async () => {
  const db = t.database.db;
  const created = await officer.post('/api/members', {
    name: '调动者',
    category: 'full',
    partyOrgId: orgs.a1.id,
    idNumber: idNumber(2),
    transferInOn: '2020-03-01',
  });
  expect(created.statusCode).toBe(200);
  const member = created.json() as { id: string; version: number };
  await db
    .insertInto('correctionRequest')
    .values({ unitId: units.a, memberId: member.id, field: 'phone', message: '电话已更换' })
    .execute();
  const moved = await officer.post(`/api/members/${member.id}/transfer`, {
    toPartyOrgId: orgs.b1.id,
    on: '2026-11-01',
    reason: '工作调动',
    version: member.version,
  });
  expect(moved.statusCode, moved.body).toBe(200);
  const units_ = async (table: 'member_org_history' | 'correction_request' | 'member_identity') =>
    (
      await sql<{ unit: string }>`
        select unit_id as unit from ${sql.table(table)} where member_id = ${member.id}`.execute(db)
    ).rows.map((r) => r.unit);
  expect(await units_('member_org_history')).toEqual([units.b, units.b]);
  expect(await units_('correction_request')).toEqual([units.b]);
  expect(await units_('member_identity')).toEqual([units.b]);
  const history = (await officer.get(`/api/members/${member.id}/history`)).json() as { partyOrgId: string }[];
  expect(history.map((h) => h.partyOrgId).sort()).toEqual([orgs.a1.id, orgs.b1.id].sort());
});
