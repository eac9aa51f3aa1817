import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department, PartyOrg, Unit } from '#contracts/org';
import { buildTestApp, expectError, type TestApp, userWith } from '../../../../test/helpers.ts';
import { auditActions, insertMember, seedOrgan } from './org.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('reading the tree within scope', () => {
  it('lists an officer’s subtree in tree order, with department links and active member counts', async () => {
    const tree = await seedOrgan(t, 'R1');
    await insertMember(t, tree.S1B1.id);
    await insertMember(t, tree.S1B1.id);
    await insertMember(t, tree.S1B1.id, 'left');
    const officer = await userWith(t, 'r1-officer', [
      { role: 'organ_committee_officer', partyOrgId: tree.JG.id },
    ]);
    const res = await officer.get('/api/party-orgs');
    expect(res.statusCode).toBe(200);
    const list = res.json() as PartyOrg[];
    expect(list.map((o) => o.code)).toEqual([
      'R1JG',
      'R1S1',
      'R1S1B1',
      'R1S1B2',
      'R1G1',
      'R1G1B1',
      'R1B1',
      'R1B1C1',
    ]);
    const s1b1 = list.find((o) => o.code === 'R1S1B1');
    expect(s1b1?.memberCount).toBe(2);
    expect(s1b1?.departmentIds).toHaveLength(1);
    expect(list.find((o) => o.code === 'R1S1')?.memberCount).toBe(0);
    expect(list.every((o) => o.unitId === list[0]?.unitId && o.unitId !== null)).toBe(true);
  });

  it('counts members of every organisation directly and with its whole subtree (hand-counted)', async () => {
    const tree = await seedOrgan(t, 'RC');
    // S1B1: 2 active + 1 left; S1B2: 1; G1B1: 3; B1: 1; B1C1 (cell under B1): 2; JG itself: 1.
    for (const [key, n] of [
      ['S1B1', 2],
      ['S1B2', 1],
      ['G1B1', 3],
      ['B1', 1],
      ['B1C1', 2],
      ['JG', 1],
    ] as const)
      for (let i = 0; i < n; i++) await insertMember(t, tree[key].id);
    await insertMember(t, tree.S1B1.id, 'left');
    const officer = await userWith(t, 'rc-officer', [
      { role: 'organ_committee_officer', partyOrgId: tree.JG.id },
    ]);
    const list = (await officer.get('/api/party-orgs')).json() as PartyOrg[];
    const counts = Object.fromEntries(list.map((o) => [o.code.slice(2), [o.memberCount, o.memberTotal]]));
    expect(counts).toEqual({
      JG: [1, 10],
      S1: [0, 3],
      S1B1: [2, 2],
      S1B2: [1, 1],
      G1: [0, 3],
      G1B1: [3, 3],
      B1: [1, 3],
      B1C1: [2, 2],
    });
    const one = (await officer.get(`/api/party-orgs/${tree.B1.id}`)).json() as PartyOrg;
    expect([one.memberCount, one.memberTotal]).toEqual([1, 3]);
    // A branch secretary of B1 sees B1's totals, nothing above it.
    const sec = await userWith(t, 'rc-sec', [{ role: 'branch_secretary', partyOrgId: tree.B1.id }]);
    const secList = (await sec.get('/api/party-orgs')).json() as PartyOrg[];
    expect(secList.map((o) => [o.code, o.memberTotal])).toEqual([
      ['RCB1', 3],
      ['RCB1C1', 2],
    ]);
  });

  it('shows a branch secretary only their branch; anything else answers 404 like a missing record', async () => {
    const tree = await seedOrgan(t, 'R2');
    await insertMember(t, tree.B1C1.id);
    const sec = await userWith(t, 'r2-sec', [{ role: 'branch_secretary', partyOrgId: tree.B1.id }]);
    const list = (await sec.get('/api/party-orgs')).json() as PartyOrg[];
    expect(list.map((o) => o.code)).toEqual(['R2B1', 'R2B1C1']);
    expect(list.find((o) => o.code === 'R2B1C1')?.memberCount).toBe(1);
    expect((await sec.get(`/api/party-orgs/${tree.B1.id}`)).statusCode).toBe(200);
    const outside = await sec.get(`/api/party-orgs/${tree.S1.id}`);
    expectError(outside, 404, 'org.not_found');
    const missing = await sec.get('/api/party-orgs/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(outside.json().error.code).toBe(missing.json().error.code);
    expectError(await sec.get(`/api/party-orgs/${tree.S1.id}/events`), 404, 'org.not_found');

    // The security administrator reads the structure to place roles, but never member counts; the system
    // administrator does not read it at all (三员分立, ADR 11).
    const sysadmin = await userWith(t, 'r2-sysadmin', [{ role: 'system_admin', partyOrgId: null }]);
    expect((await sysadmin.get('/api/party-orgs')).statusCode).toBe(403);
    const admin = await userWith(t, 'r2-admin', [{ role: 'security_admin', partyOrgId: null }]);
    const all = (await admin.get('/api/party-orgs')).json() as PartyOrg[];
    expect(all.some((o) => o.code === 'R2WC')).toBe(true);
    expect(all.every((o) => o.memberCount === null)).toBe(true);
  });

  it('lists the units and departments of the actor’s scope only', async () => {
    const tree = await seedOrgan(t, 'R3');
    await seedOrgan(t, 'R3X');
    const sec = await userWith(t, 'r3-sec', [{ role: 'branch_secretary', partyOrgId: tree.S1B1.id }]);
    const units = (await sec.get('/api/units')).json() as Unit[];
    expect(units.map((u) => u.code)).toEqual(['R3U']);
    expect(units[0]?.rootPartyOrgId).toBe(tree.JG.id);
    const depts = (await sec.get('/api/departments')).json() as Department[];
    expect(depts.map((d) => d.code).sort()).toEqual(['R3D1', 'R3D1S1', 'R3D1S2', 'R3D2']);
    expect(depts.find((d) => d.code === 'R3D1S1')?.partyOrgIds).toEqual([tree.S1B1.id]);
    const other = (await sec.get(`/api/departments?unitId=${units[0]?.id}`)).json() as Department[];
    expect(other).toHaveLength(4);
  });
});

describe('creating and editing organisations', () => {
  it('creates under a parent with path, depth, unit, an event and an audit entry', async () => {
    const tree = await seedOrgan(t, 'C1');
    const officer = await userWith(t, 'c1-officer', [
      { role: 'organ_committee_officer', partyOrgId: tree.JG.id },
    ]);
    const parent = (await officer.get(`/api/party-orgs/${tree.B1.id}`)).json() as PartyOrg;
    const res = await officer.post('/api/party-orgs', {
      parentId: tree.B1.id,
      code: 'C1NEW',
      name: '第二党小组',
      kind: 'cell',
    });
    expect(res.statusCode).toBe(200);
    const created = res.json() as PartyOrg;
    expect(created.depth).toBe(parent.depth + 1);
    expect(created.unitId).toBe(parent.unitId);
    expect(created.version).toBe(1);
    const row = await t.database.db
      .selectFrom('partyOrg')
      .select('path')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.path).toBe(`${tree.B1.path}${created.id}/`);
    const events = (await officer.get(`/api/party-orgs/${created.id}/events`)).json();
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    expect((await auditActions(t, 'org.create')).some((a) => a.entityId === created.id)).toBe(true);

    const taken = await officer.post('/api/party-orgs', {
      parentId: tree.B1.id,
      code: 'C1NEW',
      name: '重复',
      kind: 'cell',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('org.code_taken');
  });

  it('refuses a kind not allowed under the parent, a temporary org without start date, and foreign departments', async () => {
    const tree = await seedOrgan(t, 'C2');
    await seedOrgan(t, 'C2X');
    const officer = await userWith(t, 'c2-officer', [
      { role: 'work_committee_officer', partyOrgId: tree.WC.id },
    ]);
    const wrongKind = await officer.post('/api/party-orgs', {
      parentId: tree.B1.id,
      code: 'C2K',
      name: '支部下支部',
      kind: 'branch',
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.code).toBe('org.kind_not_allowed');
    expect(wrongKind.json().error.message).toMatch(/党支部.*党支部/);
    expect(wrongKind.json().error.issues[0].field).toBe('body.kind');

    const temporary = await officer.post('/api/party-orgs', {
      parentId: tree.JG.id,
      code: 'C2T',
      name: '临时党支部',
      kind: 'branch',
      isTemporary: true,
    });
    expect(temporary.statusCode).toBe(400);
    expect(temporary.json().error.issues[0].field).toBe('body.tempStartOn');

    const foreignDept = await t.database.db
      .selectFrom('department')
      .select('id')
      .where('code', '=', 'C2XD1')
      .executeTakeFirstOrThrow();
    const foreign = await officer.post('/api/party-orgs', {
      parentId: tree.JG.id,
      code: 'C2F',
      name: '外单位部门',
      kind: 'branch',
      departmentIds: [foreignDept.id],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('org.department_other_unit');
  });

  it('renames keeping the old name in history, and answers a stale version with 409 and the current record', async () => {
    const tree = await seedOrgan(t, 'C3');
    const officer = await userWith(t, 'c3-officer', [
      { role: 'organ_committee_officer', partyOrgId: tree.JG.id },
    ]);
    const b1 = (await officer.get(`/api/party-orgs/${tree.B1.id}`)).json() as PartyOrg;
    const renamed = await officer.patch(`/api/party-orgs/${b1.id}`, {
      name: '机关第一党支部（更名）',
      version: b1.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().version).toBe(b1.version + 1);

    const stale = await officer.patch(`/api/party-orgs/${b1.id}`, {
      name: '又一个名字',
      version: b1.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('common.stale_version');
    expect(stale.json().error.details.current.name).toBe('机关第一党支部（更名）');

    const depts = (await officer.get('/api/departments')).json() as Department[];
    const d2 = depts.find((d) => d.code === 'C3D2') as Department;
    const updated = await officer.patch(`/api/party-orgs/${b1.id}`, {
      sortOrder: 9,
      departmentIds: [d2.id],
      version: b1.version + 1,
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().departmentIds).toEqual([d2.id]);
    const events = (await officer.get(`/api/party-orgs/${b1.id}/events`)).json();
    const renamedEvent = events.find((e: { kind: string }) => e.kind === 'renamed');
    expect(renamedEvent.details).toMatchObject({ from: '机关第一党支部', to: '机关第一党支部（更名）' });
    expect(events.some((e: { kind: string }) => e.kind === 'updated')).toBe(true);
    const audits = await auditActions(t, 'org.update');
    expect(audits.filter((a) => a.entityId === b1.id)).toHaveLength(2);
  });

  it('refuses every write to a branch secretary with 403', async () => {
    const tree = await seedOrgan(t, 'C4');
    const sec = await userWith(t, 'c4-sec', [{ role: 'branch_secretary', partyOrgId: tree.B1.id }]);
    const create = await sec.post('/api/party-orgs', {
      parentId: tree.B1.id,
      code: 'C4X',
      name: '小组',
      kind: 'cell',
    });
    expectError(create, 403, 'auth.forbidden');
    expect((await sec.patch(`/api/party-orgs/${tree.B1.id}`, { name: 'x', version: 1 })).statusCode).toBe(
      403,
    );
    expect(
      (
        await sec.post(`/api/party-orgs/${tree.B1C1.id}/close`, {
          closedOn: '2026-01-01',
          reason: 'x',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    expectError(await sec.get('/api/party-orgs/export'), 403, 'auth.forbidden');
  });
});

describe('moving a subtree', () => {
  it('rewrites the paths of all descendants; a secretary scoped on the moved branch still sees it', async () => {
    const tree = await seedOrgan(t, 'M1');
    const officer = await userWith(t, 'm1-officer', [
      { role: 'organ_committee_officer', partyOrgId: tree.JG.id },
    ]);
    const sec = await userWith(t, 'm1-sec', [{ role: 'branch_secretary', partyOrgId: tree.B1.id }]);
    await insertMember(t, tree.B1C1.id);
    const res = await officer.post(`/api/party-orgs/${tree.B1.id}/move`, {
      newParentId: tree.G1.id,
      version: tree.B1.version,
    });
    expect(res.statusCode).toBe(200);
    const moved = res.json() as PartyOrg;
    expect(moved.parentId).toBe(tree.G1.id);
    const rows = await t.database.db
      .selectFrom('partyOrg')
      .select(['id', 'path', 'depth'])
      .where('id', 'in', [tree.B1.id, tree.B1C1.id, tree.G1.id])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const g1 = byId.get(tree.G1.id);
    expect(byId.get(tree.B1.id)?.path).toBe(`${g1?.path}${tree.B1.id}/`);
    expect(byId.get(tree.B1C1.id)?.path).toBe(`${g1?.path}${tree.B1.id}/${tree.B1C1.id}/`);
    expect(byId.get(tree.B1C1.id)?.depth).toBe((g1?.depth ?? 0) + 2);

    const seen = (await sec.get('/api/party-orgs')).json() as PartyOrg[];
    expect(seen.map((o) => o.code)).toEqual(['M1B1', 'M1B1C1']);
    // Members stay attached to their organisation and move with it.
    expect(seen[1]?.memberCount).toBe(1);
    expect((await sec.get(`/api/party-orgs/${tree.B1C1.id}`)).statusCode).toBe(200);

    const events = (await officer.get(`/api/party-orgs/${tree.B1.id}/events`)).json();
    const event = events.find((e: { kind: string }) => e.kind === 'moved');
    expect(event.details).toMatchObject({ fromParentId: tree.JG.id, toParentId: tree.G1.id });
    expect((await auditActions(t, 'org.move')).some((a) => a.entityId === tree.B1.id)).toBe(true);
  });

  it('refuses moving into its own subtree, under a kind that may not hold it, and moving the top', async () => {
    const tree = await seedOrgan(t, 'M2');
    const officer = await userWith(t, 'm2-officer', [
      { role: 'work_committee_officer', partyOrgId: tree.WC.id },
    ]);
    const intoSelf = await officer.post(`/api/party-orgs/${tree.S1.id}/move`, {
      newParentId: tree.S1B1.id,
      version: tree.S1.version,
    });
    expect(intoSelf.statusCode).toBe(400);
    expect(intoSelf.json().error.code).toBe('org.move_into_own_subtree');
    const wrongKind = await officer.post(`/api/party-orgs/${tree.S1.id}/move`, {
      newParentId: tree.G1.id,
      version: tree.S1.version,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.code).toBe('org.kind_not_allowed');
    const top = await officer.post(`/api/party-orgs/${tree.WC.id}/move`, {
      newParentId: tree.JG.id,
      version: tree.WC.version,
    });
    expectError(top, 400, 'org.move_root');
    const stale = await officer.post(`/api/party-orgs/${tree.S1B2.id}/move`, {
      newParentId: tree.G1.id,
      version: 99,
    });
    expectError(stale, 409, 'common.stale_version');
    expect(stale.json().error.details.current.id).toBe(tree.S1B2.id);
  });
});

describe('closing and reopening', () => {
  it('refuses to close while members or active children remain, then closes and reopens with history', async () => {
    const tree = await seedOrgan(t, 'X1');
    await insertMember(t, tree.S1B1.id);
    const officer = await userWith(t, 'x1-officer', [
      { role: 'organ_committee_officer', partyOrgId: tree.JG.id },
    ]);
    const close = (key: keyof typeof tree, version: number) =>
      officer.post(`/api/party-orgs/${tree[key].id}/close`, {
        closedOn: '2026-06-30',
        reason: '机构调整',
        version,
      });

    const withMembers = await close('S1', tree.S1.version);
    expect(withMembers.statusCode).toBe(409);
    expect(withMembers.json().error.code).toBe('org.has_members');
    expect(withMembers.json().error.details.count).toBe(1);
    expect(withMembers.json().error.message).toMatch(/转/);

    const leaf = await close('S1B2', tree.S1B2.version);
    expect(leaf.statusCode).toBe(200);
    expect(leaf.json()).toMatchObject({ status: 'closed', closedOn: '2026-06-30', closeReason: '机构调整' });

    await t.database.db
      .updateTable('member')
      .set({ status: 'left', leftOn: '2026-06-01' })
      .where('partyOrgId', '=', tree.S1B1.id)
      .execute();
    const withChildren = await close('S1', tree.S1.version);
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().error.code).toBe('org.has_children');
    expect((await close('S1B1', tree.S1B1.version)).statusCode).toBe(200);
    expect((await close('S1', tree.S1.version)).statusCode).toBe(200);

    const active = (await officer.get('/api/party-orgs')).json() as PartyOrg[];
    expect(active.some((o) => o.code === 'X1S1')).toBe(false);
    const all = (await officer.get('/api/party-orgs?includeClosed=true')).json() as PartyOrg[];
    expect(
      all
        .filter((o) => o.status === 'closed')
        .map((o) => o.code)
        .sort(),
    ).toEqual(['X1S1', 'X1S1B1', 'X1S1B2']);

    const edit = await officer.patch(`/api/party-orgs/${tree.S1.id}`, {
      name: '改名',
      version: tree.S1.version + 1,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('org.closed');

    const childFirst = await officer.post(`/api/party-orgs/${tree.S1B1.id}/reopen`, {
      version: tree.S1B1.version + 1,
    });
    expect(childFirst.statusCode).toBe(409);
    expect(childFirst.json().error.code).toBe('org.parent_closed');
    const reopened = await officer.post(`/api/party-orgs/${tree.S1.id}/reopen`, {
      version: tree.S1.version + 1,
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'active', closedOn: null });
    const events = (await officer.get(`/api/party-orgs/${tree.S1.id}/events`)).json();
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'closed', 'reopened']);
    // One audit entry per successful close, in order, by the officer; none for the refused attempts.
    const mine = new Set([tree.S1.id, tree.S1B1.id, tree.S1B2.id]);
    const closes = (await auditActions(t, 'org.close')).filter((a) => mine.has(a.entityId ?? ''));
    expect(closes.map((a) => [a.entityId, a.actorUsername])).toEqual([
      [tree.S1B2.id, 'x1-officer'],
      [tree.S1B1.id, 'x1-officer'],
      [tree.S1.id, 'x1-officer'],
    ]);
    const reopens = (await auditActions(t, 'org.reopen')).filter((a) => mine.has(a.entityId ?? ''));
    expect(reopens.map((a) => [a.entityId, a.actorUsername])).toEqual([[tree.S1.id, 'x1-officer']]);
  });
});
