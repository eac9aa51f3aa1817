import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuesLedger, DuesPayment, MemberDues } from '#contracts/branch-dues';
import type { Client } from '../../../../test/helpers.ts';
import { account, addMember, type DuesWorld, duesWorld } from './branch.dues.test-helpers.ts';

// 党费 through the API on 2026-07-15 (so 2026-01 … 2026-06 are over, 2026-07 is the current month): the brackets'
// arithmetic as stored, arrears per member and per branch, months due from the organisation history (a transfer in
// the middle of a month), payments refused with reasons, a stale edit, voiding — and who sees income and amounts.

let w: DuesWorld;
let collector: Client; // branch secretary of B1: dues.manage
let reader: Client; // supervisor on the organ: branch.read only
let zhang: { id: string; version: number };
let li: { id: string; version: number };
let wang: { id: string; version: number };
let zhangSelf: Client;
let liSelf: Client;

const ZHANG_INCOME = 300_000; // 3,000.00 yuan: 0.5% → 15.00
const json = <T>(res: { statusCode: number; body: string; json: () => unknown }): T => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
  return res.json() as T;
};

beforeAll(async () => {
  w = await duesWorld('2026-07-15');
  zhang = await addMember(w, w.B1, '张三');
  li = await addMember(w, w.B1, '李四');
  wang = await addMember(w, w.B2, '王五');
  collector = await account(w, 'dues-bs', [{ role: 'branch_secretary', partyOrgId: w.B1.id }]);
  reader = await account(w, 'dues-sup', [{ role: 'supervisor', partyOrgId: w.JG.id }]);
  zhangSelf = await account(w, 'dues-zhang', [{ role: 'member', partyOrgId: w.B1.id }], zhang.id);
  liSelf = await account(w, 'dues-li', [{ role: 'member', partyOrgId: w.B1.id }], li.id);
  // 王五 moves from B2 to B1 on 10 March: B2 collects January to March, B1 from April.
  json(
    await w.officer.post(`/api/members/${wang.id}/transfer`, {
      toPartyOrgId: w.B1.id,
      on: '2026-03-10',
      reason: '工作调动',
      version: wang.version,
    }),
  );
}, 120_000);
afterAll(async () => {
  await w.t.close();
});

describe('bases by the brackets', () => {
  it('stores the monthly amount of each bracket, the income encrypted', async () => {
    const base = json<{ monthlyFen: number; rateBp: number; incomeFen: number }>(
      await collector.post('/api/branch/dues/bases', {
        memberId: zhang.id,
        effectiveFrom: '2026-01',
        category: 'serving',
        incomeFen: ZHANG_INCOME,
      }),
    );
    expect(base).toMatchObject({ monthlyFen: 1500, rateBp: 50, incomeFen: ZHANG_INCOME });
    const stored = await w.t.database.db
      .selectFrom('duesBase')
      .select(['incomeCipher', 'monthlyFen'])
      .where('memberId', '=', zhang.id)
      .executeTakeFirstOrThrow();
    expect(stored.incomeCipher).toMatch(/^v1:/);
    expect(stored.incomeCipher).not.toContain(String(ZHANG_INCOME));
    expect(stored.monthlyFen).toBe(1500);

    const retired = json<{ monthlyFen: number }>(
      await collector.post('/api/branch/dues/bases', {
        memberId: li.id,
        effectiveFrom: '2026-01',
        category: 'retired',
        incomeFen: 600_000,
      }),
    );
    expect(retired.monthlyFen).toBe(6000);
    const wangBase = json<{ monthlyFen: number; rateBp: number }>(
      await w.officer.post('/api/branch/dues/bases', {
        memberId: wang.id,
        effectiveFrom: '2025-12',
        category: 'serving',
        incomeFen: 300_001,
      }),
    );
    expect(wangBase).toMatchObject({ rateBp: 100, monthlyFen: 3000 });
  });

  it('refuses a base without an income, a second base for the same month, and a stale edit', async () => {
    const missing = await collector.post('/api/branch/dues/bases', {
      memberId: zhang.id,
      effectiveFrom: '2026-05',
      category: 'serving',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues[0]).toMatchObject({ field: 'body.incomeFen' });
    const twice = await collector.post('/api/branch/dues/bases', {
      memberId: zhang.id,
      effectiveFrom: '2026-01',
      category: 'serving',
      incomeFen: 1,
    });
    expect(twice.statusCode).toBe(409);
    const { id, version } = twice.json().error.details.current as { id: string; version: number };
    json(await collector.patch(`/api/branch/dues/bases/${id}`, { note: '核对无误', version }));
    const stale = await collector.patch(`/api/branch/dues/bases/${id}`, { incomeFen: 1, version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('common.stale_version');
  });
});

describe('payments and arrears', () => {
  let april: DuesPayment;

  it('records payments spread over their months, and refuses a month paid or not owed', async () => {
    const q1 = json<DuesPayment>(
      await collector.post('/api/branch/dues/payments', {
        memberId: zhang.id,
        months: ['2026-03', '2026-01', '2026-02'],
        amountFen: 4500,
        paidOn: '2026-03-31',
      }),
    );
    expect(q1.months).toEqual([
      { month: '2026-01', amountFen: 1500 },
      { month: '2026-02', amountFen: 1500 },
      { month: '2026-03', amountFen: 1500 },
    ]);
    april = json<DuesPayment>(
      await collector.post('/api/branch/dues/payments', {
        memberId: zhang.id,
        months: ['2026-04'],
        amountFen: 1000,
        paidOn: '2026-04-30',
      }),
    );
    const again = await collector.post('/api/branch/dues/payments', {
      memberId: zhang.id,
      months: ['2026-02'],
      amountFen: 1500,
      paidOn: '2026-07-01',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.issues[0].message).toContain('2026-02 的党费已经交清');
    const before = await collector.post('/api/branch/dues/payments', {
      memberId: zhang.id,
      months: ['2009-12'],
      amountFen: 100,
      paidOn: '2026-07-01',
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.issues[0].message).toContain('不在党组织中');
    const future = await collector.post('/api/branch/dues/payments', {
      memberId: zhang.id,
      months: ['2026-08'],
      amountFen: 1500,
      paidOn: '2026-07-16',
    });
    expect(future.json().error.issues[0]).toMatchObject({ field: 'body.paidOn' });
  });

  it("shows the collector the ledger's amounts and arrears", async () => {
    const ledger = json<DuesLedger>(await collector.get(`/api/branch/dues?partyOrgId=${w.B1.id}&year=2026`));
    expect(ledger.showsAmounts).toBe(true);
    const z = ledger.members.find((m) => m.memberId === zhang.id);
    expect(z?.months.map((m) => m.state)).toEqual([
      'paid',
      'paid',
      'paid',
      'partial',
      'arrears',
      'arrears',
      'due',
      'due',
      'due',
      'due',
      'due',
      'due',
    ]);
    // Due January to July: 7 × 15.00; paid 55.00; owed for April (5.00), May and June (15.00 each).
    expect(z).toMatchObject({ dueFen: 10500, paidFen: 5500, arrearsFen: 3500, arrearsMonths: 3 });
    expect(z?.base?.incomeFen).toBe(ZHANG_INCOME);
    // 王五 owes B1 from April only; January to March are B2's.
    const wg = ledger.members.find((m) => m.memberId === wang.id);
    expect(wg?.months.slice(0, 4).map((m) => m.state)).toEqual(['none', 'none', 'none', 'arrears']);
    const b2 = json<DuesLedger>(await w.officer.get(`/api/branch/dues?partyOrgId=${w.B2.id}&year=2026`));
    expect(
      b2.members
        .find((m) => m.memberId === wang.id)
        ?.months.slice(0, 4)
        .map((m) => m.state),
    ).toEqual(['arrears', 'arrears', 'arrears', 'none']);
    expect(ledger.totals).toMatchObject({ members: 3, arrearsMembers: 3 });
  });

  it('counts arrears per branch and per member over the organ', async () => {
    const a = json<{
      branches: { partyOrgId: string; arrearsMembers: number; arrearsMonths: number; arrearsFen: number }[];
      members: { memberId: string; partyOrgId: string; months: string[] }[];
    }>(await w.officer.get(`/api/branch/dues/arrears?partyOrgId=${w.JG.id}&year=2026`));
    const b1 = a.branches.find((b) => b.partyOrgId === w.B1.id);
    const b2 = a.branches.find((b) => b.partyOrgId === w.B2.id);
    // B1: 张三 3 months (35.00), 李四 6 × 60.00, 王五 April to June 3 × 30.00; B2: 王五 January to March.
    expect(b1).toMatchObject({ arrearsMembers: 3, arrearsMonths: 12, arrearsFen: 3500 + 36000 + 9000 });
    expect(b2).toMatchObject({ arrearsMembers: 1, arrearsMonths: 3, arrearsFen: 9000 });
    expect(a.members.find((m) => m.memberId === wang.id && m.partyOrgId === w.B2.id)?.months).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });

  it('voids a payment recorded by mistake, once', async () => {
    const voided = json<DuesPayment>(
      await collector.post(`/api/branch/dues/payments/${april.id}/void`, {
        reason: '金额登记错误',
        version: april.version,
      }),
    );
    expect(voided.status).toBe('voided');
    const twice = await collector.post(`/api/branch/dues/payments/${april.id}/void`, {
      reason: '再次作废',
      version: voided.version,
    });
    expect(twice.statusCode).toBe(409);
    const mine = json<MemberDues>(await zhangSelf.get('/api/me/dues?year=2026'));
    expect(mine.months[3]?.state).toBe('arrears');
  });
});

describe('who sees bases and amounts', () => {
  it('shows a branch.read reader paid / in arrears only, no income and no amount', async () => {
    const res = await reader.get(`/api/branch/dues?partyOrgId=${w.B1.id}&year=2026`);
    const ledger = json<DuesLedger>(res);
    expect(ledger.showsAmounts).toBe(false);
    expect(res.body).not.toContain(String(ZHANG_INCOME));
    expect(res.body).not.toContain('"partial"');
    for (const m of ledger.members) {
      expect(m.base).toBeNull();
      expect([m.dueFen, m.paidFen, m.arrearsFen]).toEqual([null, null, null]);
      for (const month of m.months) expect([month.dueFen, month.paidFen]).toEqual([null, null]);
    }
    expect(ledger.totals.dueFen).toBeNull();
    expect((await reader.get(`/api/branch/dues/members/${zhang.id}?year=2026`)).statusCode).toBe(403);
  });

  it('shows a member their own base and amounts, and nobody else’s', async () => {
    const mine = json<MemberDues>(await zhangSelf.get('/api/me/dues'));
    expect(mine).toMatchObject({ memberId: zhang.id, year: 2026, arrearsMonths: 3, arrearsFen: 4500 });
    expect(mine.currentBase).toMatchObject({ incomeFen: ZHANG_INCOME, monthlyFen: 1500 });
    const other = await liSelf.get('/api/me/dues');
    expect(other.body).not.toContain(String(ZHANG_INCOME));
    expect(json<MemberDues>(other).memberId).toBe(li.id);
    expect((await liSelf.get(`/api/branch/dues?partyOrgId=${w.B1.id}&year=2026`)).statusCode).toBe(403);
    expect((await liSelf.get(`/api/branch/dues/members/${zhang.id}?year=2026`)).statusCode).toBe(403);
    // The collector of another branch reaches neither.
    const b2Secretary = await account(w, 'dues-bs2', [{ role: 'branch_secretary', partyOrgId: w.B2.id }]);
    expect((await b2Secretary.get(`/api/branch/dues/members/${zhang.id}?year=2026`)).statusCode).toBe(404);
    expect((await b2Secretary.get(`/api/branch/dues?partyOrgId=${w.B1.id}&year=2026`)).statusCode).toBe(404);
  });

  it('audits a collector opening a member’s year, without the income in the trail', async () => {
    json(await collector.get(`/api/branch/dues/members/${zhang.id}?year=2026`));
    const entries = await w.t.database.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('action', 'like', 'dues.%')
      .execute();
    expect(entries.map((e) => e.action)).toContain('dues.view');
    expect(JSON.stringify(entries)).not.toContain(String(ZHANG_INCOME));
  });
});

describe('a member who moved', () => {
  it('shows the branch they left nothing of what they paid to the branch they joined', async () => {
    // 王五 owes B1 from April; the B1 collector records July.
    json(
      await collector.post('/api/branch/dues/payments', {
        memberId: wang.id,
        months: ['2026-07'],
        amountFen: 3000,
        paidOn: '2026-07-15',
      }),
    );
    const b2Collector = await account(w, 'dues-bs2-moved', [
      { role: 'branch_secretary', partyOrgId: w.B2.id },
    ]);
    const ledger = json<DuesLedger>(
      await b2Collector.get(`/api/branch/dues?partyOrgId=${w.B2.id}&year=2026`),
    );
    expect(ledger.showsAmounts).toBe(true);
    const months = ledger.members.find((m) => m.memberId === wang.id)?.months ?? [];
    expect(months.slice(0, 3).map((m) => m.state)).toEqual(['arrears', 'arrears', 'arrears']);
    // April on are B1's: B2's collector sees neither their state nor what was paid for them.
    expect(months[6]?.paidFen).toBeNull();
    for (const m of months.slice(3)) expect(m).toMatchObject({ state: 'none', dueFen: null, paidFen: null });
  });
});
