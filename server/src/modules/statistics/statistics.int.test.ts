import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartyStatistics } from '#contracts/statistics';
import { insertPartyOrg, unitOf } from '../../../../test/factories.ts';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';

// A small world counted by hand. Statistics are taken on 2026-12-01.
//   ROOT (机关党委) ── B1 (支部) ── C1 (党小组)
//                  ├─ B2 (支部)
//                  ├─ G (党总支) ── GB (支部)
//                  ├─ B3 (支部, closed)
//                  └─ B4 (支部, no members)
// OTHER is another organ's committee, out of scope.
const AS_OF = '2026-12-01';

let t: TestApp;
let orgs: Record<
  'ROOT' | 'B1' | 'C1' | 'B2' | 'G' | 'GB' | 'B3' | 'B4' | 'OTHER',
  { id: string; path: string; depth: number }
>;
let officer: Client;
let seq = 0;

type Fixture = {
  name: string;
  org: keyof typeof orgs;
  gender: 'male' | 'female';
  ethnicity: string | null;
  education: string | null;
  birthDate: string | null;
  category: 'full' | 'probationary';
  joinedOn?: string | null;
  fullOn?: string | null;
  status?: 'active' | 'left';
};

async function member(f: Fixture) {
  seq++;
  const idNumber = `1101011990010${String(seq).padStart(4, '0')}X`;
  await t.database.db
    .insertInto('member')
    .values({
      unitId: await unitOf(t.database.db, orgs[f.org].id),
      partyOrgId: orgs[f.org].id,
      name: f.name,
      gender: f.gender,
      ethnicity: f.ethnicity,
      education: f.education,
      birthDate: f.birthDate,
      idNumberCipher: t.secrets.encrypt(idNumber),
      idNumberHash: t.secrets.blindIndex(idNumber),
      idNumberMasked: `1101**********${String(seq).padStart(4, '0')}`,
      category: f.category,
      joinedOn: f.joinedOn ?? null,
      fullOn: f.fullOn ?? null,
      status: f.status ?? 'active',
      ...(f.status === 'left' ? { leftOn: '2026-05-01', leftReason: '转出' } : {}),
    })
    .execute();
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const ROOT = await insertPartyOrg(db, { kind: 'organ_committee', code: 'ST-ROOT', name: '统计机关党委' });
  const B1 = await insertPartyOrg(db, { parent: ROOT, kind: 'branch', code: 'ST-B1', name: '第一支部' });
  const C1 = await insertPartyOrg(db, { parent: B1, kind: 'cell', code: 'ST-C1', name: '第一党小组' });
  const B2 = await insertPartyOrg(db, { parent: ROOT, kind: 'branch', code: 'ST-B2', name: '第二支部' });
  const G = await insertPartyOrg(db, { parent: ROOT, kind: 'general_branch', code: 'ST-G', name: '党总支' });
  const GB = await insertPartyOrg(db, { parent: G, kind: 'branch', code: 'ST-GB', name: '总支第一支部' });
  const B3 = await insertPartyOrg(db, { parent: ROOT, kind: 'branch', code: 'ST-B3', name: '已撤销支部' });
  await db
    .updateTable('partyOrg')
    .set({ status: 'closed', closedOn: '2026-01-01' })
    .where('id', '=', B3.id)
    .execute();
  const B4 = await insertPartyOrg(db, { parent: ROOT, kind: 'branch', code: 'ST-B4', name: '空支部' });
  const OTHER = await insertPartyOrg(db, { kind: 'organ_committee', code: 'ST-OTHER', name: '别的机关党委' });
  orgs = { ROOT, B1, C1, B2, G, GB, B3, B4, OTHER };

  const base = { joinedOn: null, fullOn: null } as const;
  await member({
    ...base,
    name: '张一',
    org: 'B1',
    gender: 'male',
    ethnicity: '汉族',
    education: '大学本科',
    birthDate: '1990-05-01',
    category: 'full',
    fullOn: '2015-07-01',
  });
  await member({
    ...base,
    name: '李二',
    org: 'B1',
    gender: 'female',
    ethnicity: '回族',
    education: '硕士研究生',
    birthDate: '1996-12-02',
    category: 'probationary',
    joinedOn: '2025-11-15',
  });
  await member({
    ...base,
    name: '王三',
    org: 'C1',
    gender: 'female',
    ethnicity: '汉族',
    education: '大学本科',
    birthDate: '1970-01-01',
    category: 'full',
    fullOn: '1995-06-01',
  });
  await member({
    ...base,
    name: '赵四',
    org: 'C1',
    gender: 'male',
    ethnicity: '汉族',
    education: '大学专科',
    birthDate: '1986-12-01',
    category: 'full',
    fullOn: '2021-12-01',
  });
  await member({
    ...base,
    name: '钱五',
    org: 'B2',
    gender: 'male',
    ethnicity: '蒙古族',
    education: null,
    birthDate: null,
    category: 'full',
  });
  await member({
    ...base,
    name: '孙六',
    org: 'B2',
    gender: 'female',
    ethnicity: '汉族',
    education: '博士研究生',
    birthDate: '1960-03-03',
    category: 'probationary',
    joinedOn: '2026-01-20',
  });
  await member({
    ...base,
    name: '周七',
    org: 'GB',
    gender: 'male',
    ethnicity: null,
    education: '大学本科',
    birthDate: '1999-01-01',
    category: 'probationary',
    joinedOn: '2026-06-01',
  });
  await member({
    ...base,
    name: '吴八',
    org: 'GB',
    gender: 'female',
    ethnicity: '汉族',
    education: '大学本科',
    birthDate: '1980-01-01',
    category: 'full',
    fullOn: '2005-01-01',
    status: 'left',
  });
  await member({
    ...base,
    name: '郑九',
    org: 'OTHER',
    gender: 'female',
    ethnicity: '汉族',
    education: '大学本科',
    birthDate: '1980-01-01',
    category: 'full',
    fullOn: '2005-01-01',
  });

  officer = await userWith(t, 'st-officer', [{ role: 'organ_committee_officer', partyOrgId: ROOT.id }]);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const statsOf = async (client: Client, orgId: string) => {
  const res = await client.get(`/api/statistics?partyOrgId=${orgId}&asOf=${AS_OF}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PartyStatistics;
};

describe('Party statistics of a subtree (hand-counted fixture)', () => {
  it('counts active members of the whole subtree by category, gender and ethnicity', async () => {
    const s = await statsOf(officer, orgs.ROOT.id);
    expect(s.totalMembers).toBe(7);
    expect(s.byCategory).toEqual([
      { key: 'full', count: 4 },
      { key: 'probationary', count: 3 },
    ]);
    expect(s.byGender).toEqual([
      { key: 'male', count: 4 },
      { key: 'female', count: 3 },
    ]);
    expect(s.byEthnicity).toEqual([
      { key: '汉族', count: 4 },
      { key: '回族', count: 1 },
      { key: '蒙古族', count: 1 },
      { key: '未填写', count: 1 },
    ]);
    expect(s.minorityCount).toBe(2);
  });

  it('counts education levels in the standard order, empty fields last', async () => {
    const s = await statsOf(officer, orgs.ROOT.id);
    expect(s.byEducation).toEqual([
      { key: '博士研究生', count: 1 },
      { key: '硕士研究生', count: 1 },
      { key: '大学本科', count: 3 },
      { key: '大学专科', count: 1 },
      { key: '中等专科', count: 0 },
      { key: '职业高中', count: 0 },
      { key: '技工学校', count: 0 },
      { key: '普通高中', count: 0 },
      { key: '初中', count: 0 },
      { key: '小学', count: 0 },
      { key: '其他', count: 0 },
      { key: '未填写', count: 1 },
    ]);
  });

  it('puts ages and years of membership (from full membership) into the report’s bands on the given day', async () => {
    const s = await statsOf(officer, orgs.ROOT.id);
    expect(s.byAgeBand).toEqual([
      { key: '30岁及以下', count: 2 },
      { key: '31至35岁', count: 0 },
      { key: '36至40岁', count: 2 },
      { key: '41至45岁', count: 0 },
      { key: '46至50岁', count: 0 },
      { key: '51至55岁', count: 0 },
      { key: '56至60岁', count: 1 },
      { key: '61至70岁', count: 1 },
      { key: '71岁及以上', count: 0 },
      { key: '未填写', count: 1 },
    ]);
    expect(s.byMembershipYears).toEqual([
      { key: '不满5年', count: 0 },
      { key: '5至9年', count: 1 },
      { key: '10至19年', count: 1 },
      { key: '20至29年', count: 0 },
      { key: '30至39年', count: 1 },
      { key: '40至49年', count: 0 },
      { key: '50年及以上', count: 0 },
      { key: '预备党员', count: 3 },
      { key: '未填写', count: 1 },
    ]);
  });

  it('lists probationary members due for full membership and those whose year ends within 90 days', async () => {
    const s = await statsOf(officer, orgs.ROOT.id);
    expect(s.probationDue.map((p) => [p.name, p.partyOrgName, p.joinedOn, p.dueOn])).toEqual([
      ['李二', '第一支部', '2025-11-15', '2026-11-15'],
    ]);
    expect(s.probationEndingSoon.map((p) => [p.name, p.dueOn])).toEqual([['孙六', '2027-01-20']]);
  });

  it('counts active organisations by kind and branches by their members (cells included)', async () => {
    const s = await statsOf(officer, orgs.ROOT.id);
    expect(s.orgsByKind).toEqual([
      { key: 'work_committee', count: 0 },
      { key: 'organ_committee', count: 1 },
      { key: 'sub_committee', count: 0 },
      { key: 'general_branch', count: 1 },
      { key: 'branch', count: 4 },
      { key: 'cell', count: 1 },
    ]);
    expect(s.branchesBySize).toEqual([
      { key: '无党员', count: 1 },
      { key: '1至2人', count: 2 },
      { key: '3至6人', count: 1 },
      { key: '7至49人', count: 0 },
      { key: '50人及以上', count: 0 },
    ]);
  });

  it('gives a branch secretary their branch only; anything above is a 404', async () => {
    const sec = await userWith(t, 'st-sec', [{ role: 'branch_secretary', partyOrgId: orgs.B1.id }]);
    const s = await statsOf(sec, orgs.B1.id);
    expect(s.totalMembers).toBe(4);
    expect(s.byGender).toEqual([
      { key: 'male', count: 2 },
      { key: 'female', count: 2 },
    ]);
    expect((await sec.get(`/api/statistics?partyOrgId=${orgs.ROOT.id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/statistics?partyOrgId=${orgs.OTHER.id}`)).statusCode).toBe(404);
  });

  it('exports the same tables as a workbook and records the export', async () => {
    const res = await officer.get(`/api/statistics/export?partyOrgId=${orgs.ROOT.id}&asOf=${AS_OF}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('党内统计');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['党员类别', '预备党员', 3, '42.9%']);
    expect(rows).toContainEqual(['性别', '女', 3, '42.9%']);
    expect(rows).toContainEqual(['民族', '少数民族党员', 2, '28.6%']);
    expect(rows).toContainEqual(['党支部规模', '1至2人', 2, '50.0%']);
    const due: unknown[][] = [];
    wb.getWorksheet('预备党员转正')?.eachRow((row) => due.push((row.values as unknown[]).slice(1)));
    expect(due.map((r) => r[0])).toEqual(expect.arrayContaining(['李二', '孙六']));
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['entityId'])
      .where('action', '=', 'statistics.export')
      .execute();
    expect(audit.map((a) => a.entityId)).toEqual([orgs.ROOT.id]);
  });
});
