// A member's department (处室/科室) must belong to the organ (unit) of the member's Party organisation: a branch
// secretary must not attach members to another organ's department, by form or by import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '#contracts/transfer';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import {
  buildTree,
  insertDepartment,
  newIdNumber,
  rosterWorkbook,
  type Tree,
  upload,
} from './member.fixtures.ts';

const FOREIGN = '该部门不属于党员所在党组织的单位，请选择本单位的部门';

let t: TestApp;
let tree: Tree;
let secretary: Client;
let own: string;
let foreign: string;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildTree(t, 'D');
  own = await insertDepartment(t, 'DOWN', '本单位综合处', tree.unitA);
  foreign = await insertDepartment(t, 'DFOR', '外单位综合处', tree.unitX);
  secretary = await userWith(t, 'secretary', [{ role: 'branch_secretary', partyOrgId: tree.b1.id }]);
});
afterAll(async () => {
  await t.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  name: '王建国',
  idNumber: newIdNumber('male'),
  category: 'full',
  partyOrgId: tree.b1.id,
  joinedOn: '2010-07-01',
  fullOn: '2011-07-01',
  ...over,
});

const countMembers = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('department of a member', () => {
  it('refuses on create a department of another organ, with a field message, and creates nothing', async () => {
    const before = await countMembers();
    const res = await secretary.post('/api/members', body({ departmentId: foreign }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([{ field: 'body.departmentId', message: FOREIGN }]);
    expect(await countMembers()).toBe(before);
  });

  it('accepts a department of the member’s own organ', async () => {
    const res = await secretary.post('/api/members', body({ departmentId: own }));
    expect(res.statusCode).toBe(200);
    expect(res.json().departmentId).toBe(own);
  });

  it('refuses on update a department of another organ and keeps the stored one', async () => {
    const created = (await secretary.post('/api/members', body({ departmentId: own }))).json();
    const res = await secretary.patch(`/api/members/${created.id}`, {
      departmentId: foreign,
      version: created.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([{ field: 'body.departmentId', message: FOREIGN }]);
    const stored = await t.database.db
      .selectFrom('member')
      .select('departmentId')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.departmentId).toBe(own);
  });

  it('refuses on import a row naming another organ’s department: a row error, nothing written', async () => {
    const row = (dept: string) => [
      `导入党员${dept}`,
      null,
      newIdNumber(),
      '汉族',
      '大学本科',
      null,
      '正式党员',
      '2012-07-01',
      '2013-07-01',
      'DB1',
      null,
      null,
      dept,
      '科员',
    ];
    const before = await countMembers();
    const res = await upload(
      secretary,
      '/api/members/import',
      await rosterWorkbook([row('DOWN'), row('DFOR')]),
    );
    expect(res.statusCode).toBe(200);
    const result = res.json() as ImportResult;
    expect(result.applied).toBe(false);
    expect(result.issues).toEqual([
      { sheet: '党员名册', row: 3, column: '所在部门编码', value: 'DFOR', reason: FOREIGN },
    ]);
    expect(await countMembers()).toBe(before);
  });
});
