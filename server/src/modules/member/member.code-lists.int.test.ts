import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '#contracts/member';
import type { ImportResult } from '#contracts/transfer';
import { unitOf } from '../../../../test/factories.ts';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { up as standardCodeLists } from '../../../migrations/2026-12-02-0500-standard-code-lists.ts';
import { buildTree, newIdNumber, rosterWorkbook, type Tree, upload } from './member.fixtures.ts';

// 民族, 学历 and the reasons of transfers and leaving are standard lists: variants are stored as the standard name,
// anything else is refused with the field (or row) it came from.
let t: TestApp;
let tree: Tree;
let officer: Client;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildTree(t, 'CL');
  officer = await userWith(t, 'cl-officer', [{ role: 'organ_committee_officer', partyOrgId: tree.a.id }]);
});
afterAll(async () => {
  await t.close();
});

const create = (extra: Record<string, unknown>) =>
  officer.post('/api/members', {
    name: '码表测试',
    category: 'full',
    partyOrgId: tree.b1.id,
    idNumber: newIdNumber(),
    transferInOn: '2020-01-01',
    ...extra,
  });

describe('code lists on create and update', () => {
  it('stores the standard name for a variant', async () => {
    const res = await create({ ethnicity: '汉', education: '大专' });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as Member;
    expect([m.ethnicity, m.education]).toEqual(['汉族', '大学专科']);
    const updated = await officer.patch(`/api/members/${m.id}`, {
      ethnicity: '蒙古',
      education: '研究生',
      version: m.version,
    });
    expect([updated.json().ethnicity, updated.json().education]).toEqual(['蒙古族', '硕士研究生']);
  });

  it('refuses a value outside the list on its field, with what to write instead', async () => {
    const res = await create({ ethnicity: '火星族', education: '家里蹲' });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.issues as { field: string; message: string }[];
    expect(issues.map((i) => i.field).sort()).toEqual(['body.education', 'body.ethnicity']);
    expect(issues.find((i) => i.field === 'body.ethnicity')?.message).toContain('“火星族”不是标准的民族');
  });

  it('takes transfer and leaving reasons from their lists, keeping a note beside them', async () => {
    const m = (await create({ joinedOn: '2015-07-01', fullOn: '2016-07-01' })).json() as Member;
    const bad = await officer.post(`/api/members/${m.id}/transfer`, {
      toPartyOrgId: tree.b2.id,
      on: '2026-10-01',
      reason: '想换个地方',
      version: m.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].field).toBe('body.reason');
    const moved = await officer.post(`/api/members/${m.id}/transfer`, {
      toPartyOrgId: tree.b2.id,
      on: '2026-10-01',
      reason: '调动',
      note: '调入办公室',
      version: m.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const history = (await officer.get(`/api/members/${m.id}/history`)).json();
    expect(history.at(-1).reason).toBe('工作调动（调入办公室）');
    const left = await officer.post(`/api/members/${m.id}/leave`, {
      on: '2026-11-01',
      reason: '死亡',
      version: moved.json().version,
    });
    expect(left.statusCode, left.body).toBe(200);
    const row = await t.database.db
      .selectFrom('member')
      .select('leftReason')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row.leftReason).toBe('去世');
  });
});

describe('code lists in the roster import', () => {
  const line = (name: string, ethnicity: string, education: string) => [
    name,
    null,
    newIdNumber(),
    ethnicity,
    education,
    null,
    '正式党员',
    '2012-07-01',
    '2013-07-01',
    'CLB1',
    null,
    null,
    null,
    null,
  ];

  it('maps variants and reports unknown values as row errors, writing nothing', async () => {
    const bad = await upload(
      officer,
      '/api/members/import',
      await rosterWorkbook([line('甲', '汉', '大专'), line('乙', '火星族', '本科')]),
    );
    const result = bad.json() as ImportResult;
    expect(result.applied).toBe(false);
    expect(result.issues.map((i) => [i.row, i.column, i.value])).toEqual([[3, '民族', '火星族']]);
    expect(result.issues[0]?.reason).toContain('不是标准的民族');

    const good = await upload(
      officer,
      '/api/members/import',
      await rosterWorkbook([line('丙', '汉', '大专'), line('丁', '回', '硕士研究生')]),
    );
    expect(good.json().applied).toBe(true);
    const rows = await t.database.db
      .selectFrom('member')
      .select(['name', 'ethnicity', 'education'])
      .where('name', 'in', ['丙', '丁'])
      .orderBy('name')
      .execute();
    expect(rows).toEqual([
      { name: '丁', ethnicity: '回族', education: '硕士研究生' },
      { name: '丙', ethnicity: '汉族', education: '大学专科' },
    ]);
  });
});

describe('the migration of existing free text', () => {
  it('rewrites known variants to the standard name and leaves unknown values as they were', async () => {
    const db = t.database.db;
    const ids: string[] = [];
    for (const [ethnicity, education, leftReason] of [
      ['汉', '大专', '死亡'],
      [' 满 族 ', '研究生（硕士）', '开除党籍'],
      ['汉族', '大学本科', null],
      ['外星', '党校研究生', '回家'],
    ] as const) {
      const idNumber = newIdNumber();
      const row = await db
        .insertInto('member')
        .values({
          unitId: await unitOf(db, tree.b1.id),
          partyOrgId: tree.b1.id,
          name: '迁移',
          gender: 'male',
          ethnicity,
          education,
          idNumberCipher: t.secrets.encrypt(idNumber),
          idNumberHash: t.secrets.blindIndex(idNumber),
          idNumberMasked: 'masked',
          category: 'full',
          ...(leftReason ? { status: 'left', leftOn: '2026-01-01', leftReason } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await standardCodeLists(db as never);
    const after = await db
      .selectFrom('member')
      .select(['id', 'ethnicity', 'education', 'leftReason'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(after.map((r) => [r.id, [r.ethnicity, r.education, r.leftReason]]));
    expect(ids.map((id) => byId.get(id))).toEqual([
      ['汉族', '大学专科', '去世'],
      ['满族', '硕士研究生', '出党'],
      ['汉族', '大学本科', null],
      ['外星', '党校研究生', '回家'],
    ]);
  });
});
