import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '#contracts/member';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { buildTree, newIdNumber, type Tree } from './member.fixtures.ts';

// Names sort by pinyin, the same on PGlite and PostgreSQL (this file runs on both), and every sort runs both ways.
let t: TestApp;
let tree: Tree;
let officer: Client;

// In code-point order these would read 单 吕 张 曾 李 林 王 阿; in pinyin (surnames read as surnames) as below.
const PINYIN_ORDER = ['阿大', '李四', '林五', '吕布', '单雄信', '王小明', '曾国藩', '张三'];

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildTree(t, 'SO');
  officer = await userWith(t, 'so-officer', [{ role: 'organ_committee_officer', partyOrgId: tree.a.id }]);
  const shuffled = ['张三', '曾国藩', '单雄信', '阿大', '王小明', '吕布', '林五', '李四'];
  for (const [i, name] of shuffled.entries()) {
    const res = await officer.post('/api/members', {
      name,
      category: 'full',
      partyOrgId: i % 2 ? tree.b1.id : tree.b2.id,
      idNumber: newIdNumber(),
      joinedOn: `20${String(10 + i)}-07-01`,
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
});
afterAll(async () => {
  await t.close();
});

const names = async (query: string) =>
  ((await officer.get(`/api/members?pageSize=50&${query}`)).json().items as Member[]).map((m) => m.name);

describe('member list order', () => {
  it('sorts names by pinyin, and in reverse', async () => {
    expect(await names('sort=name')).toEqual(PINYIN_ORDER);
    expect(await names('sort=name&order=desc')).toEqual([...PINYIN_ORDER].reverse());
  });

  it('keeps pinyin order after a rename', async () => {
    const m = ((await officer.get('/api/members?q=阿大')).json().items as Member[])[0] as Member;
    await officer.patch(`/api/members/${m.id}`, { name: '赵大', version: m.version });
    expect((await names('sort=name')).at(-1)).toBe('赵大');
    await officer.patch(`/api/members/${m.id}`, { name: '阿大', version: m.version + 1 });
  });

  it('sorts by joining date and by organisation both ways', async () => {
    const byDate = await names('sort=joinedOn');
    expect(byDate).toEqual(['张三', '曾国藩', '单雄信', '阿大', '王小明', '吕布', '林五', '李四']);
    expect(await names('sort=joinedOn&order=desc')).toEqual([...byDate].reverse());
    // Organisations in code order (SOB1 before SOB2), pinyin within each.
    // Odd positions of the insert order went to SOB1 (曾国藩 阿大 吕布 李四), even ones to SOB2.
    expect(await names('sort=partyOrg')).toEqual([
      '阿大',
      '李四',
      '吕布',
      '曾国藩',
      '林五',
      '单雄信',
      '王小明',
      '张三',
    ]);
    expect(await names('sort=partyOrg&order=desc')).toEqual([
      '林五',
      '单雄信',
      '王小明',
      '张三',
      '阿大',
      '李四',
      '吕布',
      '曾国藩',
    ]);
  });
});
