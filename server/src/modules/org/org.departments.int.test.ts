import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department, Unit } from '#contracts/org';
import { buildTestApp, expectError, type TestApp, userWith } from '../../../../test/helpers.ts';
import { auditActions, seedOrgan } from './org.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('business departments', () => {
  it('creates and edits departments with unit, kind, cycle and version rules', async () => {
    const tree = await seedOrgan(t, 'D1');
    const officer = await userWith(t, 'd1-officer', [
      { role: 'organ_committee_officer', partyOrgId: tree.JG.id },
    ]);
    const [unit] = (await officer.get('/api/units')).json() as Unit[];
    const depts = (await officer.get(`/api/departments?unitId=${unit?.id}`)).json() as Department[];
    const d1 = depts.find((d) => d.code === 'D1D1') as Department;
    const s1 = depts.find((d) => d.code === 'D1D1S1') as Department;

    const created = await officer.post('/api/departments', {
      unitId: unit?.id,
      parentId: d1.id,
      code: 'D1D1S3',
      name: '监管科',
      kind: 'section',
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ parentId: d1.id, kind: 'section', version: 1, partyOrgIds: [] });

    const divisionUnderSection = await officer.post('/api/departments', {
      unitId: unit?.id,
      parentId: s1.id,
      code: 'D1BAD',
      name: '错误处',
      kind: 'division',
    });
    expectError(divisionUnderSection, 400, 'department.kind_not_allowed');
    const taken = await officer.post('/api/departments', {
      unitId: unit?.id,
      code: 'D1D1',
      name: '重复',
      kind: 'division',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('department.code_taken');

    const underOwnSection = await officer.patch(`/api/departments/${d1.id}`, {
      parentId: s1.id,
      version: d1.version,
    });
    expectError(underOwnSection, 400, 'department.kind_not_allowed');
    // A cycle the kind rule allows (a division under its own sub-division, or under itself) is refused as a cycle.
    const sub = await officer.post('/api/departments', {
      unitId: unit?.id,
      parentId: d1.id,
      code: 'D1D1X',
      name: '下级处',
      kind: 'division',
    });
    expect(sub.statusCode).toBe(200);
    const cycle = await officer.patch(`/api/departments/${d1.id}`, {
      parentId: sub.json().id,
      version: d1.version,
    });
    expectError(cycle, 400, 'department.cycle');
    const self = await officer.patch(`/api/departments/${d1.id}`, { parentId: d1.id, version: d1.version });
    expectError(self, 400, 'department.cycle');
    const renamed = await officer.patch(`/api/departments/${d1.id}`, { name: '综合处', version: d1.version });
    expect(renamed.statusCode).toBe(200);
    const stale = await officer.patch(`/api/departments/${d1.id}`, { name: '又改', version: d1.version });
    expectError(stale, 409, 'common.stale_version');
    expect(stale.json().error.details.current.name).toBe('综合处');

    // Moving a division under another carries its sections along.
    const d2 = depts.find((d) => d.code === 'D1D2') as Department;
    const moved = await officer.patch(`/api/departments/${d2.id}`, { parentId: d1.id, version: d2.version });
    expect(moved.statusCode).toBe(200);
    const paths = await t.database.db
      .selectFrom('department')
      .select(['id', 'path'])
      .where('code', 'like', 'D1%')
      .execute();
    const path = (id: string) => paths.find((p) => p.id === id)?.path;
    expect(path(d2.id)).toBe(`${path(d1.id)}${d2.id}/`);
    expect((await auditActions(t, 'department.update')).some((a) => a.entityId === d1.id)).toBe(true);
    expect((await auditActions(t, 'department.create')).length).toBeGreaterThan(0);

    const sec = await userWith(t, 'd1-sec', [{ role: 'branch_secretary', partyOrgId: tree.B1.id }]);
    expect(
      (await sec.post('/api/departments', { unitId: unit?.id, code: 'D1Z', name: 'z', kind: 'division' }))
        .statusCode,
    ).toBe(403);
  });
});
