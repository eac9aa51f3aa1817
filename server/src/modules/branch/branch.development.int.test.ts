import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevelopmentPerson } from '#contracts/branch-development';
import { type Client, userWith } from '../../../../test/helpers.ts';
import { sendDailyDigest } from '../notification/index.ts';
import { applyOrganisationImport } from '../org/index.ts';
import { account, addMember, type DuesWorld, duesWorld, idNumberBornOn } from './branch.dues.test-helpers.ts';
import { developmentDigest } from './index.ts';

// The development register through the API on 2026-07-15: each stage entered too early refused with the rule's
// reason at its field, introducers checked, stale edits refused, who reads and who keeps it, the link to the member
// record, and the reminder before the probationary year ends.

const TODAY = '2026-07-15';
let w: DuesWorld;
let secretary: Client;
let committee: Client;
let supervisor: Client;
let intro: { a: string; b: string; probationary: string; elsewhere: string };
let ming: DevelopmentPerson;
const mingNumber = idNumberBornOn('2000-01-01');

const json = <T>(res: { statusCode: number; body: string; json: () => unknown }): T => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
  return res.json() as T;
};
function refused(res: { statusCode: number; json: () => unknown }, field: string, says: string) {
  expect(res.statusCode).toBe(400);
  const error = (res.json() as { error: { code: string; issues: { field: string; message: string }[] } })
    .error;
  expect(error.code).toBe('development.rule');
  const issue = error.issues.find((i) => i.field === field);
  expect(issue?.message, JSON.stringify(error.issues)).toContain(says);
}
const patch = (id: string, body: Record<string, unknown>) =>
  secretary.patch(`/api/branch/development/${id}`, body);

beforeAll(async () => {
  w = await duesWorld(TODAY);
  const sec = await addMember(w, w.B1, '刘书记', { partyPost: 'secretary' });
  intro = {
    a: (await addMember(w, w.B1, '介绍人甲')).id,
    b: (await addMember(w, w.B1, '介绍人乙')).id,
    probationary: (
      await addMember(w, w.B1, '预备党员丙', { category: 'probationary', joinedOn: '2026-01-10' })
    ).id,
    elsewhere: (await addMember(w, w.B2, '外支部丁')).id,
  };
  secretary = await account(w, 'dev-bs', [{ role: 'branch_secretary', partyOrgId: w.B1.id }], sec.id);
  committee = await account(w, 'dev-bcm', [{ role: 'branch_committee_member', partyOrgId: w.B1.id }]);
  supervisor = await account(w, 'dev-sup', [{ role: 'supervisor', partyOrgId: w.JG.id }]);
}, 120_000);
afterAll(async () => {
  await w.t.close();
});

describe('the stages and their intervals', () => {
  it('refuses an application before the 18th birthday, and a register outside a branch', async () => {
    const young = {
      partyOrgId: w.B1.id,
      name: '小红',
      idNumber: idNumberBornOn('2010-01-01'),
      appliedOn: '2026-07-01',
    };
    refused(
      await secretary.post('/api/branch/development', young),
      'body.appliedOn',
      '2028-01-01 起方可递交入党申请',
    );
    const organ = { ...young, partyOrgId: w.JG.id, idNumber: idNumberBornOn('1999-01-01') };
    const res = await w.officer.post('/api/branch/development', organ);
    refused(res, 'body.partyOrgId', '由党支部');
  });

  it('takes an applicant through activist and candidate, refusing a candidate before a year as activist', async () => {
    ming = json(
      await secretary.post('/api/branch/development', {
        partyOrgId: w.B1.id,
        name: '小明',
        idNumber: mingNumber,
        appliedOn: '2023-03-01',
      }),
    );
    expect(ming).toMatchObject({
      stage: 'applicant',
      gender: 'male',
      birthDate: '2000-01-01',
      idNumber: '3302**************',
    });
    ming = json(await patch(ming.id, { activistOn: '2023-06-01', version: ming.version }));
    expect(ming.earliest.candidateOn).toBe('2024-06-01');
    refused(
      await patch(ming.id, {
        candidateOn: '2024-05-31',
        introducerMemberIds: [intro.a, intro.b],
        version: ming.version,
      }),
      'body.candidateOn',
      '最早 2024-06-01',
    );
    refused(
      await patch(ming.id, { candidateOn: '2024-06-01', version: ming.version }),
      'body.introducerMemberIds',
      '两名正式党员',
    );
    refused(
      await patch(ming.id, {
        candidateOn: '2024-06-01',
        introducerMemberIds: [intro.a, intro.probationary],
        version: ming.version,
      }),
      'body.introducerMemberIds',
      '预备党员丙是预备党员',
    );
    refused(
      await patch(ming.id, {
        candidateOn: '2024-06-01',
        introducerMemberIds: [intro.a, intro.elsewhere],
        version: ming.version,
      }),
      'body.introducerMemberIds',
      '不在本党支部',
    );
    ming = json(
      await patch(ming.id, {
        candidateOn: '2024-06-01',
        introducerMemberIds: [intro.a, intro.b],
        version: ming.version,
      }),
    );
    expect(ming.stage).toBe('candidate');
    expect(ming.introducers.map((i) => i.name)).toEqual(['介绍人甲', '介绍人乙']);
  });

  it('refuses full membership before the probationary year ends, a date in the future and stages out of order', async () => {
    ming = json(await patch(ming.id, { probationaryOn: '2025-07-20', version: ming.version }));
    expect(ming.probationEndsOn).toBe('2026-07-20');
    refused(
      await patch(ming.id, { fullOn: TODAY, version: ming.version }),
      'body.fullOn',
      '2026-07-20 期满后方可转为正式党员',
    );
    refused(
      await patch(ming.id, { fullOn: '2026-07-21', version: ming.version }),
      'body.fullOn',
      '不能晚于今天',
    );
    refused(
      await patch(ming.id, { activistOn: null, version: ming.version }),
      'body.candidateOn',
      '请先登记“入党积极分子”',
    );
    const stale = await patch(ming.id, { notes: '过期的编辑', version: ming.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('common.stale_version');
  });

  it('judges the introducers when they are named, not again when one of them later moves away', async () => {
    const moving = await addMember(w, w.B1, '介绍人戊');
    let qiang = json<DevelopmentPerson>(
      await secretary.post('/api/branch/development', {
        partyOrgId: w.B1.id,
        name: '小强',
        idNumber: idNumberBornOn('1997-05-05'),
        appliedOn: '2022-01-01',
      }),
    );
    qiang = json(
      await patch(qiang.id, {
        activistOn: '2022-03-01',
        candidateOn: '2023-03-01',
        introducerMemberIds: [intro.a, moving.id],
        version: qiang.version,
      }),
    );
    const moved = await w.officer.post(`/api/members/${moving.id}/transfer`, {
      toPartyOrgId: w.B2.id,
      on: '2024-01-10',
      reason: '工作调动',
      version: moving.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // The form sends the introducers back unchanged with every save.
    qiang = json(
      await patch(qiang.id, {
        notes: '介绍人已调出本支部',
        introducerMemberIds: [moving.id, intro.a],
        version: qiang.version,
      }),
    );
    expect(qiang.introducers.map((i) => i.name)).toEqual(['介绍人戊', '介绍人甲']);
    // Naming someone of another branch anew is still refused.
    refused(
      await patch(qiang.id, { introducerMemberIds: [intro.a, intro.elsewhere], version: qiang.version }),
      'body.introducerMemberIds',
      '不在本党支部',
    );
  });

  it('links a member record of its own organ only, never one of another organ', async () => {
    const org = (
      code: string,
      name: string,
      kind: 'organ_committee' | 'branch',
      parentCode: string | null,
    ) => ({
      code,
      name,
      kind,
      parentCode,
      unitCode: 'DUESV',
      isTemporary: false,
      tempStartOn: null,
      tempEndOn: null,
      foundedOn: null,
      sortOrder: 0,
      departmentCodes: [],
      status: 'active' as const,
      closedOn: null,
    });
    const seeded = await applyOrganisationImport(w.t.ctx(), {
      units: [{ code: 'DUESV', name: '另一局', rootOrgCode: 'VJG' }],
      departments: [],
      orgs: [
        org('VJG', '另一局机关党委', 'organ_committee', null),
        org('VB1', '另一局第一党支部', 'branch', 'VJG'),
      ],
    });
    expect(seeded.issues).toEqual([]);
    const orgs = await w.t.database.db.selectFrom('partyOrg').select(['id', 'code']).execute();
    const id = (code: string) => orgs.find((o) => o.code === code)?.id as string;
    const otherOfficer = await userWith(w.t, 'dev-v-officer', [
      { role: 'organ_committee_officer', partyOrgId: id('VJG') },
    ]);
    const number = idNumberBornOn('1995-09-09');
    const made = await otherOfficer.post('/api/members', {
      name: '外局党员',
      category: 'full',
      partyOrgId: id('VB1'),
      idNumber: number,
      joinedOn: '2018-07-01',
      transferInOn: '2020-01-01',
    });
    expect(made.statusCode, made.body).toBe(200);
    const person = json<DevelopmentPerson>(
      await secretary.post('/api/branch/development', {
        partyOrgId: w.B1.id,
        name: '外局党员',
        idNumber: number,
        appliedOn: '2024-01-01',
      }),
    );
    expect(person.memberId).toBeNull();
  });

  it('refuses a second entry for the same person', async () => {
    const res = await secretary.post('/api/branch/development', {
      partyOrgId: w.B1.id,
      name: '小明',
      idNumber: mingNumber,
      appliedOn: '2023-03-01',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('第一党支部');
    // Another branch's secretary is told the person is registered, not where: that branch is not theirs to read.
    const keeper = await account(w, 'dev-bs-b2', [{ role: 'branch_secretary', partyOrgId: w.B2.id }]);
    const elsewhere = await keeper.post('/api/branch/development', {
      partyOrgId: w.B2.id,
      name: '小明',
      idNumber: mingNumber,
      appliedOn: '2023-03-01',
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.message).not.toContain('第一党支部');
  });
});

describe('who reads and who keeps the register', () => {
  it('lets branch.read read it, the birth date only to its keepers, and only development.manage change it', async () => {
    const list = json<DevelopmentPerson[]>(
      await supervisor.get(`/api/branch/development?partyOrgId=${w.JG.id}`),
    );
    const seen = list.find((p) => p.id === ming.id);
    expect(seen).toMatchObject({ birthDate: null, birthMonth: '2000-01', stage: 'probationary' });
    expect(JSON.stringify(list)).not.toContain(mingNumber);
    expect(
      json<DevelopmentPerson[]>(
        await committee.get(`/api/branch/development?partyOrgId=${w.B1.id}&stage=probationary`),
      ).map((p) => p.id),
    ).toEqual([ming.id]);
    expect(
      (await committee.patch(`/api/branch/development/${ming.id}`, { notes: 'x', version: ming.version }))
        .statusCode,
    ).toBe(403);
    const other = await account(w, 'dev-bs2', [{ role: 'branch_secretary', partyOrgId: w.B2.id }]);
    expect((await other.get(`/api/branch/development/${ming.id}`)).statusCode).toBe(404);
  });

  it('links the member record once the member module has made it, and keeps the history', async () => {
    const member = await addMember(w, w.B1, '小明', {
      idNumber: mingNumber,
      category: 'probationary',
      joinedOn: '2025-07-20',
    });
    ming = json(await patch(ming.id, { notes: '已接收为预备党员', version: ming.version }));
    expect(ming).toMatchObject({
      memberId: member.id,
      appliedOn: '2023-03-01',
      activistOn: '2023-06-01',
      stage: 'probationary',
    });
    await account(w, 'dev-ming', [{ role: 'member', partyOrgId: w.B1.id }], member.id);
  });
});

describe('the reminder before the probationary year ends', () => {
  it('reminds the secretary, the introducers and the probationary member 30 days before, in the daily digest', async () => {
    const lines = await developmentDigest.collect(w.t.ctx(), TODAY);
    const users = await w.t.database.db.selectFrom('appUser').select(['id', 'username']).execute();
    const of = (username: string) =>
      lines.find((l) => l.userId === users.find((u) => u.username === username)?.id)?.lines ?? [];
    expect(of('dev-bs').map((l) => l.text)).toEqual([
      '预备期即将届满：第一党支部 小明（2026-07-20 期满），请提前准备转正讨论',
    ]);
    expect(of('dev-ming')[0]?.text).toContain('您的预备期将于 2026-07-20 届满');
    // Two months before the end there is nothing yet.
    expect(await developmentDigest.collect(w.t.ctx(), '2026-05-20')).toEqual([]);
    // After the end it is overdue until the branch decides.
    expect((await developmentDigest.collect(w.t.ctx(), '2026-08-01'))[0]?.lines[0]?.severity).toBe('overdue');

    await sendDailyDigest(w.t.ctx(), [developmentDigest], TODAY);
    const inbox = json<{ items: { title: string; lines: { text: string; link: string }[] }[] }>(
      await secretary.get('/api/me/notifications'),
    );
    expect(inbox.items[0]?.lines[0]?.link).toBe(
      `/branch/development?partyOrgId=${w.B1.id}&person=${ming.id}`,
    );
  });

  it('turns overdue after the end, and stops once the branch records full membership', async () => {
    let gang = json<DevelopmentPerson>(
      await secretary.post('/api/branch/development', {
        partyOrgId: w.B1.id,
        name: '小刚',
        idNumber: idNumberBornOn('1998-03-03'),
        appliedOn: '2022-01-01',
      }),
    );
    gang = json(
      await patch(gang.id, {
        activistOn: '2022-03-01',
        candidateOn: '2023-03-01',
        probationaryOn: '2025-06-01',
        introducerMemberIds: [intro.a, intro.b],
        version: gang.version,
      }),
    );
    const texts = async () =>
      (await developmentDigest.collect(w.t.ctx(), TODAY)).flatMap((l) => l.lines.map((x) => x.text));
    expect(await texts()).toContain(
      '预备期已满：第一党支部 小刚（2026-06-01 期满），请及时召开支部党员大会讨论能否转为正式党员',
    );
    json(await patch(gang.id, { fullOn: '2026-06-10', version: gang.version }));
    expect((await texts()).some((t) => t.includes('小刚'))).toBe(false);
  });
});
