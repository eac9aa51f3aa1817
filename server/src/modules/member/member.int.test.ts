import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_NUMBER_MESSAGES, maskIdNumber } from '#contracts/id-number';
import type { Member } from '#contracts/member';
import { buildTestApp, type Client, expectError, type TestApp, userWith } from '../../../../test/helpers.ts';
import {
  buildTree,
  closeOrg,
  insertDepartment,
  newIdNumber,
  readRoster,
  type Tree,
} from './member.fixtures.ts';
import { createMember } from './member.service.ts';

let t: TestApp;
let tree: Tree;
let officer: Client;
let committee: Client;
let secretary: Client;
let plain: Client;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildTree(t, 'M');
  officer = await userWith(t, 'officer', [{ role: 'organ_committee_officer', partyOrgId: tree.a.id }]);
  committee = await userWith(t, 'committee', [{ role: 'branch_committee_member', partyOrgId: tree.b1.id }]);
  secretary = await userWith(t, 'secretary', [{ role: 'branch_secretary', partyOrgId: tree.b1.id }]);
  plain = await userWith(t, 'plain', [{ role: 'member', partyOrgId: tree.a.id }]);
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
  phone: '13912345678',
  ...over,
});

/** The calendar day in Beijing, computed here rather than taken from the product. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const auditActions = async (entityId: string) =>
  (
    await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'before', 'after'])
      .where('entityId', '=', entityId)
      .orderBy('seq')
      .execute()
  ).map((r) => ({ action: r.action, text: JSON.stringify([r.before, r.after]) }));

describe('creating members and personal data', () => {
  it('stores the ID number only encrypted, masks it for everyone, and reveals it to an officer on request', async () => {
    const idNumber = newIdNumber('female', '19900512');
    const res = await officer.post('/api/members', body({ name: '李娜', idNumber, phone: '13800138000' }));
    expect(res.statusCode).toBe(200);
    const created = res.json() as Member;
    expect(created).toMatchObject({
      idNumber: `${idNumber.slice(0, 4)}**************`,
      phone: '138****8000',
      gender: 'female',
      birthDate: '1990-05-12',
      birthMonth: '1990-05',
      version: 1,
    });

    const row = await t.database.db
      .selectFrom('member')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.idNumberCipher).not.toContain(idNumber);
    expect(row.idNumberCipher).not.toContain(idNumber.slice(6, 14));
    expect(t.secrets.decrypt(row.idNumberCipher)).toBe(idNumber);
    expect(row.idNumberHash).toBe(t.secrets.blindIndex(idNumber));
    expect(row.idNumberMasked).toBe(maskIdNumber(idNumber));
    expect(row.phoneCipher).not.toContain('13800138000');
    expect(row.phoneMasked).toBe('138****8000');

    const masked = (await committee.get(`/api/members/${created.id}`)).json() as Member;
    expect(masked.idNumber).toBe(maskIdNumber(idNumber));
    expect(masked.phone).toBe('138****8000');
    expect(masked).toMatchObject({ birthDate: null, birthMonth: '1990-05' });
    expect((await officer.get(`/api/members/${created.id}`)).json().idNumber).toBe(maskIdNumber(idNumber));
    const revealed = await officer.post(`/api/members/${created.id}/reveal`);
    expect(revealed.json()).toEqual({
      idNumber,
      phone: '13800138000',
      birthDate: '1990-05-12',
      revealed: ['idNumber', 'phone'],
    });

    // The history starts the day the platform learned of the member, not the Party joining date (2010-07-01).
    const history = (await officer.get(`/api/members/${created.id}/history`)).json();
    expect(history).toEqual([
      {
        partyOrgId: tree.b1.id,
        partyOrgName: 'M第一支部',
        fromOn: shanghaiToday(),
        toOn: null,
        reason: null,
      },
    ]);

    const audit = await auditActions(created.id);
    expect(audit.map((a) => a.action)).toEqual([
      'member.create',
      'member.view',
      'member.view',
      'member.reveal',
    ]);
    expect(audit[0]?.text).not.toContain(idNumber);
    expect(audit[0]?.text).not.toContain('13800138000');
    expect(audit[0]?.text).not.toContain('1990-05-12');
  });

  it('answers 400 on body.idNumber with the Chinese reason for a wrong check digit', async () => {
    const valid = newIdNumber();
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const res = await officer.post('/api/members', body({ idNumber: wrong }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toContainEqual({
      field: 'body.idNumber',
      message: ID_NUMBER_MESSAGES.check_digit,
    });
  });

  it('refuses a gender contradicting the ID number, bad dates, and organisations that cannot hold members', async () => {
    const mismatch = await officer.post(
      '/api/members',
      body({ idNumber: newIdNumber('male'), gender: 'female' }),
    );
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.issues[0]).toMatchObject({ field: 'body.gender' });
    const dates = await officer.post(
      '/api/members',
      body({ category: 'probationary', fullOn: '2011-07-01' }),
    );
    expect(dates.json().error.issues[0]).toMatchObject({ field: 'body.fullOn' });
    for (const org of [tree.g.id, tree.a.id, tree.xb.id, crypto.randomUUID()]) {
      const res = await officer.post('/api/members', body({ partyOrgId: org }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues[0].field).toBe('body.partyOrgId');
    }
  });

  it('answers 409 member.id_number_taken for an ID number already registered', async () => {
    const idNumber = newIdNumber();
    expect((await officer.post('/api/members', body({ idNumber }))).statusCode).toBe(200);
    const again = await officer.post(
      '/api/members',
      body({ idNumber, name: '另一人', partyOrgId: tree.b2.id }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('member.id_number_taken');
  });

  it('lets a branch secretary write in their branch only, and refuses people without member.read', async () => {
    expect((await secretary.post('/api/members', body({ partyOrgId: tree.c1.id }))).statusCode).toBe(200);
    expectError(
      await secretary.post('/api/members', body({ partyOrgId: tree.b2.id })),
      400,
      'member.invalid',
    );
    expectError(await committee.post('/api/members', body()), 403, 'auth.forbidden');
    expectError(await plain.get('/api/members'), 403, 'auth.forbidden');
  });
});

describe('lists and scope', () => {
  let x1: Member;
  beforeAll(async () => {
    const ctx = t.ctx();
    const dept = await insertDepartment(t, 'MD1', '办公室', tree.unitA);
    const add = (name: string, partyOrgId: string, over: Record<string, unknown> = {}) =>
      createMember(ctx, { name, idNumber: newIdNumber(), category: 'full', partyOrgId, ...over } as never);
    await add('赵一', tree.c1.id, { partyPost: 'secretary', departmentId: dept, phone: '010-66668888' });
    await add('赵二', tree.b1.id, { category: 'probationary', joinedOn: '2026-03-01' });
    await add('赵三', tree.b2.id);
    x1 = await add('赵四', tree.xb.id);
  });

  it('shows a branch secretary only their branch and its cell, and counts only those', async () => {
    const all = (await officer.get('/api/members?q=赵&pageSize=200')).json();
    expect(all.items.map((m: Member) => m.name).sort()).toEqual(['赵一', '赵三', '赵二']);
    expect(all.total).toBe(3);

    const mine = (await secretary.get('/api/members?q=赵')).json();
    expect(mine.items.map((m: Member) => m.name).sort()).toEqual(['赵一', '赵二']);
    expect(mine.total).toBe(2);

    const page = (await secretary.get('/api/members?q=赵&pageSize=1&page=2&sort=name')).json();
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);

    const everyone = (await secretary.get('/api/members?pageSize=200')).json();
    expect(
      everyone.items.every((m: Member) => ([tree.b1.id, tree.c1.id] as string[]).includes(m.partyOrgId)),
    ).toBe(true);
    expect(everyone.total).toBe(everyone.items.length);
  });

  it('filters by organisation subtree, department, category, post and an exact phone or ID number', async () => {
    const sub = (await officer.get(`/api/members?partyOrgId=${tree.b1.id}&q=赵`)).json();
    expect(sub.items.map((m: Member) => m.name).sort()).toEqual(['赵一', '赵二']);
    const cell = (await officer.get(`/api/members?partyOrgId=${tree.c1.id}&q=赵`)).json();
    expect(cell.items.map((m: Member) => m.name)).toEqual(['赵一']);
    expect(cell.items[0].departmentName).toBe('办公室');
    expect(cell.items[0].partyOrgName).toBe('M第一小组');
    const probationary = (await officer.get('/api/members?category=probationary&q=赵')).json();
    expect(probationary.items.map((m: Member) => m.name)).toEqual(['赵二']);
    const secretaries = (await officer.get('/api/members?partyPost=secretary&q=赵')).json();
    expect(secretaries.items.map((m: Member) => m.name)).toEqual(['赵一']);
    const byPhone = (await officer.get('/api/members?q=01066668888')).json();
    expect(byPhone.items.map((m: Member) => m.name)).toEqual(['赵一']);

    const zhao1 = cell.items[0] as Member;
    const full = (await officer.post(`/api/members/${zhao1.id}/reveal`)).json().idNumber;
    const byId = (await officer.get(`/api/members?q=${full}`)).json();
    expect(byId.items.map((m: Member) => m.id)).toEqual([zhao1.id]);
  });

  it('answers 404 for members and organisations outside the scope, and for missing ones', async () => {
    expectError(await officer.get(`/api/members/${x1.id}`), 404, 'member.not_found');
    expectError(await officer.get(`/api/members/${x1.id}/history`), 404, 'member.not_found');
    expectError(await officer.get(`/api/members/${crypto.randomUUID()}`), 404, 'member.not_found');
    expectError(await secretary.get(`/api/members?partyOrgId=${tree.b2.id}`), 404, 'member.org_not_found');
    expectError(await secretary.get(`/api/members?partyOrgId=${tree.a.id}`), 404, 'member.org_not_found');
    expectError(await officer.get(`/api/members?partyOrgId=${tree.x.id}`), 404, 'member.org_not_found');
  });
});

describe('editing, transfers and leaving', () => {
  it('answers 409 with the current record for a stale version, and audits an update', async () => {
    const m = (await officer.post('/api/members', body({ name: '钱七' }))).json() as Member;
    const ok = await officer.patch(`/api/members/${m.id}`, { businessPost: '二级主任科员', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ businessPost: '二级主任科员', version: 2 });
    const stale = await officer.patch(`/api/members/${m.id}`, { businessPost: '一级主任科员', version: 1 });
    expectError(stale, 409, 'common.stale_version');
    expect(stale.json().error.details.current).toMatchObject({
      id: m.id,
      version: 2,
      businessPost: '二级主任科员',
    });
    const noOrgChange = await officer.patch(`/api/members/${m.id}`, { partyOrgId: tree.b2.id, version: 2 });
    expectError(noOrgChange, 400, 'common.invalid_input');
    expect((await auditActions(m.id)).map((a) => a.action)).toEqual(['member.create', 'member.update']);
  });

  it('re-derives gender from a new ID number and keeps ID numbers unique', async () => {
    const m = (await officer.post('/api/members', body({ name: '孙八' }))).json() as Member;
    const other = (await officer.post('/api/members', body({ name: '周九' }))).json() as Member;
    const woman = newIdNumber('female', '19880101');
    const res = await officer.patch(`/api/members/${m.id}`, { idNumber: woman, version: 1 });
    expect(res.json()).toMatchObject({
      idNumber: maskIdNumber(woman),
      gender: 'female',
      birthDate: '1988-01-01',
      version: 2,
    });
    const taken = await officer.patch(`/api/members/${other.id}`, { idNumber: woman, version: 1 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('member.id_number_taken');
  });

  it('starts the history at a transfer-in date given on the form, refusing one in the future or before joining', async () => {
    const future = await officer.post('/api/members', body({ transferInOn: '2098-01-01' }));
    expectError(future, 400, 'member.invalid');
    expect(future.json().error.issues).toEqual([
      { field: 'body.transferInOn', message: '转入日期不能晚于今天' },
    ]);
    const early = await officer.post('/api/members', body({ transferInOn: '2009-12-31' }));
    expect(early.json().error.issues).toEqual([
      { field: 'body.transferInOn', message: '转入日期不能早于入党日期' },
    ]);
    const m = (await officer.post('/api/members', body({ transferInOn: '2018-03-05' }))).json() as Member;
    const history = (await officer.get(`/api/members/${m.id}/history`)).json();
    expect(history.map((h: { fromOn: string }) => h.fromOn)).toEqual(['2018-03-05']);
  });

  it('keeps the history across a transfer, even after the old organisation closes', async () => {
    const m = (
      await officer.post(
        '/api/members',
        body({
          name: '吴十',
          joinedOn: '2012-07-01',
          fullOn: '2013-07-01',
          transferInOn: '2015-07-01',
          partyPost: 'committee_member',
        }),
      )
    ).json() as Member;
    // The secretary of B1 may not move someone into B2, which is outside their branch.
    expect(
      (
        await secretary.post(`/api/members/${m.id}/transfer`, {
          toPartyOrgId: tree.b2.id,
          on: '2026-10-01',
          reason: '工作调动',
          version: 1,
        })
      ).statusCode,
    ).toBe(400);
    const early = await officer.post(`/api/members/${m.id}/transfer`, {
      toPartyOrgId: tree.b2.id,
      on: '2014-01-01',
      reason: '工作调动',
      version: 1,
    });
    expect(early.json().error.issues[0].field).toBe('body.on');

    const res = await officer.post(`/api/members/${m.id}/transfer`, {
      toPartyOrgId: tree.b2.id,
      on: '2026-10-01',
      reason: '工作调动',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ partyOrgId: tree.b2.id, partyPost: null, version: 2 });
    await closeOrg(t, tree.b1.id); // the old organisation closes; the history keeps it
    const history = (await officer.get(`/api/members/${m.id}/history`)).json();
    expect(history).toEqual([
      {
        partyOrgId: tree.b1.id,
        partyOrgName: 'M第一支部',
        fromOn: '2015-07-01',
        toOn: '2026-10-01',
        reason: null,
      },
      {
        partyOrgId: tree.b2.id,
        partyOrgName: 'M第二支部',
        fromOn: '2026-10-01',
        toOn: null,
        reason: '工作调动',
      },
    ]);
    // Now outside the secretary's branch: gone for them.
    expectError(await secretary.get(`/api/members/${m.id}`), 404, 'member.not_found');
    expectError(await officer.post('/api/members', body({ partyOrgId: tree.b1.id })), 400, 'member.invalid');

    const left = await officer.post(`/api/members/${m.id}/leave`, {
      on: '2026-11-01',
      reason: '去世',
      version: 2,
    });
    expect(left.json()).toMatchObject({ status: 'left', version: 3 });
    const closed = (await officer.get(`/api/members/${m.id}/history`)).json();
    expect(closed[1].toOn).toBe('2026-11-01');
    expect(
      (await officer.post(`/api/members/${m.id}/leave`, { on: '2026-11-02', reason: '其他', version: 3 }))
        .statusCode,
    ).toBe(409);
    expect((await officer.get(`/api/members?status=left&q=吴十`)).json().total).toBe(1);
    expect((await officer.get(`/api/members?q=吴十`)).json().total).toBe(0);
    expect((await auditActions(m.id)).map((a) => a.action)).toEqual([
      'member.create',
      'member.transfer',
      'member.leave',
    ]);
  });
});

// Last in the file: the member it adds (in cell C1) would change the counts of the list tests above.
describe('masking for every role without member.sensitive', () => {
  it('masks the numbers on the list, the detail and the export for every role that reads members without member.sensitive', async () => {
    const idNumber = newIdNumber('male', '19791103');
    const res = await officer.post(
      '/api/members',
      body({ name: '赵掩码', idNumber, phone: '13700137000', partyOrgId: tree.c1.id }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json() as Member;
    const maskedId = `${idNumber.slice(0, 4)}**************`;
    const leader = await userWith(t, 'mask-leader', [
      { role: 'leading_group_member', partyOrgId: tree.a.id },
    ]);
    const supervisor = await userWith(t, 'mask-supervisor', [{ role: 'supervisor', partyOrgId: tree.a.id }]);
    const listed = async (c: Client) =>
      ((await c.get(`/api/members?partyOrgId=${tree.c1.id}&pageSize=200`)).json().items as Member[]).find(
        (m) => m.id === created.id,
      );
    const exported = async (c: Client) => {
      const res = await c.get(`/api/members/export?partyOrgId=${tree.c1.id}`);
      expect(res.statusCode, c.username).toBe(200);
      return (await readRoster(res.rawPayload)).find((r) => r.姓名 === '赵掩码');
    };
    for (const c of [secretary, committee, leader, supervisor]) {
      expect(await listed(c), c.username).toMatchObject({ idNumber: maskedId, phone: '137****7000' });
      expect((await c.get(`/api/members/${created.id}`)).json(), c.username).toMatchObject({
        idNumber: maskedId,
        phone: '137****7000',
      });
    }
    // Only the secretary and the leading group member may export.
    for (const c of [secretary, leader]) {
      expect(await exported(c), c.username).toMatchObject({ 身份证号: maskedId, 手机号: '137****7000' });
    }
    // The officer holds member.sensitive on the organ: masked on screen and in a plain export too (ADR 14), in
    // full only through a reveal or an export that asks for it.
    expect(await listed(officer)).toMatchObject({ idNumber: maskedId, phone: '137****7000' });
    expect(await exported(officer)).toMatchObject({ 身份证号: maskedId, 手机号: '137****7000' });
    expect((await officer.post(`/api/members/${created.id}/reveal`)).json()).toMatchObject({
      idNumber,
      phone: '13700137000',
    });
    const full = await officer.get(`/api/members/export?partyOrgId=${tree.c1.id}&full=1`);
    expect((await readRoster(full.rawPayload)).find((r) => r.姓名 === '赵掩码')).toMatchObject({
      身份证号: idNumber,
      手机号: '13700137000',
    });
  });
});
