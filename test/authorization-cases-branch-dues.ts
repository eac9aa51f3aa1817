import { expect } from 'vitest';
import { type Case, type CaseCtx, cellsOf, okJson, upload } from './authorization-requests.ts';
import { newIdNumber, type Target, type World } from './authorization-world.ts';

// Request cases of 党费 and 发展党员 (issue 10 point 4). Whoever reads a branch reads its dues ledger (paid / in
// arrears) and its development register; whoever collects its dues (the organ committee's officer, the branch
// secretary, a committee member) opens a member's year, sets bases, records, voids and imports payments; the
// secretary and the officers keep the register. A member reaches their own dues signed in. Bases, payments and
// register entries the requests act on are written straight into the tables: what is tested is the route's answer.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

/**
 * Months no request has used yet: each base and payment needs its own (one base per member and month; a month paid
 * in full is not paid again). Payments take months from the standing members' joining (2010-07) on, bases from 2000.
 */
let paymentMonths = 0;
let baseMonths = 0;
const monthAt = (start: number, i: number) => {
  const n = start + i;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};
const nextPaymentMonth = () => monthAt(2011 * 12, paymentMonths++);
const nextBaseMonth = () => monthAt(2000 * 12, baseMonths++);

async function unitOf(w: World, memberId: string): Promise<string> {
  return (
    await w.t.database.db
      .selectFrom('member')
      .select('unitId')
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow()
  ).unitId;
}

async function newBase(c: CaseCtx): Promise<string> {
  const row = await c.w.t.database.db
    .insertInto('duesBase')
    .values({
      unitId: await unitOf(c.w, c.t.member.id),
      memberId: c.t.member.id,
      effectiveFrom: `${nextBaseMonth()}-01`,
      category: 'no_income',
      incomeCipher: null,
      rateBp: 0,
      monthlyFen: 20,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function newPayment(c: CaseCtx): Promise<string> {
  const db = c.w.t.database.db;
  const unitId = await unitOf(c.w, c.t.member.id);
  const { id } = await db
    .insertInto('duesPayment')
    .values({ unitId, memberId: c.t.member.id, paidOn: '2024-01-31', amountFen: 20, recordedByName: '矩阵' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('duesPaymentMonth')
    .values({ unitId, paymentId: id, month: '2024-01-01', amountFen: 20 })
    .execute();
  return id;
}

/** A person in the target branch's development register, made once per branch. */
const standingPeople = new WeakMap<World, Map<string, Promise<string>>>();
function standingPerson(w: World, t: Target): Promise<string> {
  let byBranch = standingPeople.get(w);
  if (!byBranch) {
    byBranch = new Map();
    standingPeople.set(w, byBranch);
  }
  let p = byBranch.get(t.code);
  if (!p) {
    p = newPerson(w, t, `${t.code}入党申请人`);
    byBranch.set(t.code, p);
  }
  return p;
}
async function newPerson(w: World, t: Target, name: string): Promise<string> {
  const idNumber = newIdNumber();
  const row = await w.t.database.db
    .insertInto('developmentPerson')
    .values({
      unitId: t.unit.id,
      partyOrgId: t.org.id,
      name,
      gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      idNumberCipher: w.t.secrets.encrypt(idNumber),
      idNumberHash: w.t.secrets.blindIndex(idNumber),
      idNumberMasked: `${idNumber.slice(0, 4)}${'*'.repeat(14)}`,
      stage: 'applicant',
      appliedOn: '2015-03-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
async function versionOf(w: World, table: 'duesBase' | 'duesPayment' | 'developmentPerson', id: string) {
  return (
    await w.t.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()
  ).version;
}

const ledgerUrl = (path: string) => (c: CaseCtx) => ({
  method: 'GET',
  url: `/api/branch/dues${path}?partyOrgId=${c.t.org.id}&year=${YEAR}`,
});
const made = new WeakMap<CaseCtx, string>();

export const DUES_CASES: Record<string, Case> = {
  'GET /api/branch/dues': {
    scope: 'org',
    request: ledgerUrl(''),
    ok: (res, c) =>
      expect(okJson<{ members: { memberId: string }[] }>(res).members.map((m) => m.memberId)).toContain(
        c.t.member.id,
      ),
  },
  'GET /api/branch/dues/arrears': {
    scope: 'org',
    request: ledgerUrl('/arrears'),
    ok: (res, c) => expect(okJson(res)).toMatchObject({ partyOrgId: c.t.org.id, year: YEAR }),
  },
  'GET /api/branch/dues/export': {
    scope: 'org',
    request: ledgerUrl('/export'),
    ok: async (res, c) => expect(await cellsOf(res)).toContain(c.t.member.name),
  },
  'GET /api/branch/dues/members/:id': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/branch/dues/members/${c.t.member.id}?year=${YEAR}` }),
    ok: (res, c) => expect(okJson(res)).toMatchObject({ memberId: c.t.member.id }),
  },
  'POST /api/branch/dues/bases': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/branch/dues/bases',
      payload: {
        memberId: c.t.member.id,
        effectiveFrom: nextBaseMonth(),
        category: 'serving',
        incomeFen: 500_000,
      },
    }),
    ok: (res, c) =>
      expect(okJson(res)).toMatchObject({ memberId: c.t.member.id, rateBp: 100, monthlyFen: 5000 }),
  },
  'PATCH /api/branch/dues/bases/:id': {
    scope: 'org',
    request: async (c) => {
      const id = await newBase(c);
      made.set(c, id);
      return {
        method: 'PATCH',
        url: `/api/branch/dues/bases/${id}`,
        payload: { note: '矩阵核对', version: 1 },
      };
    },
    ok: async (res, c) => {
      expect(okJson(res)).toMatchObject({ id: made.get(c), note: '矩阵核对' });
      expect(await versionOf(c.w, 'duesBase', made.get(c) ?? '')).toBe(2);
    },
  },
  'POST /api/branch/dues/payments': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/branch/dues/payments',
      payload: { memberId: c.t.member.id, months: [nextPaymentMonth()], amountFen: 50, paidOn: '2024-06-30' },
    }),
    ok: (res, c) =>
      expect(okJson(res)).toMatchObject({ memberId: c.t.member.id, amountFen: 50, status: 'valid' }),
  },
  'POST /api/branch/dues/payments/:id/void': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: `/api/branch/dues/payments/${await newPayment(c)}/void`,
      payload: { reason: '矩阵作废', version: 1 },
    }),
    ok: (res) => expect(okJson(res)).toMatchObject({ status: 'voided', voidReason: '矩阵作废' }),
  },
  'GET /api/branch/dues/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/branch/dues/template' }),
    ok: async (res) => expect(await cellsOf(res)).toContain('姓名*'),
  },
  'POST /api/branch/dues/import': {
    scope: 'org',
    request: (c) =>
      upload('POST', `/api/branch/dues/import?partyOrgId=${c.t.org.id}`, {
        党费: [
          ['姓名', '月份', '实交党费（元）'],
          [c.t.member.name, nextPaymentMonth(), 0.5],
        ],
      }),
    ok: (res) => expect(okJson(res)).toEqual({ rows: 1, bases: 0, payments: 1, amountFen: 50 }),
  },
  'GET /api/me/dues': {
    scope: 'own',
    // The caller's account linked to the target branch's standing member, or (another account's record) to none.
    request: async (c) => {
      if (c.h.userId)
        await c.w.t.database.db
          .updateTable('appUser')
          .set({ memberId: c.foreign ? null : c.t.member.id })
          .where('id', '=', c.h.userId)
          .execute();
      return { method: 'GET', url: `/api/me/dues?year=${YEAR}` };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ memberId: c.t.member.id, year: YEAR }),
  },
  'GET /api/branch/development': {
    scope: 'org',
    request: async (c) => {
      made.set(c, await standingPerson(c.w, c.t));
      return { method: 'GET', url: `/api/branch/development?partyOrgId=${c.t.org.id}` };
    },
    ok: (res, c) => expect(okJson<{ id: string }[]>(res).map((p) => p.id)).toContain(made.get(c)),
  },
  'GET /api/branch/development/:id': {
    scope: 'org',
    request: async (c) => ({
      method: 'GET',
      url: `/api/branch/development/${await standingPerson(c.w, c.t)}`,
    }),
    ok: (res, c) => expect(okJson(res)).toMatchObject({ partyOrgId: c.t.org.id, stage: 'applicant' }),
  },
  'POST /api/branch/development': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/branch/development',
      payload: {
        partyOrgId: c.t.org.id,
        name: `矩阵申请人${c.w.seq()}`,
        idNumber: newIdNumber(),
        appliedOn: '2015-03-01',
      },
    }),
    ok: (res, c) => expect(okJson(res)).toMatchObject({ partyOrgId: c.t.org.id, stage: 'applicant' }),
  },
  'PATCH /api/branch/development/:id': {
    scope: 'org',
    request: async (c) => {
      const id = await standingPerson(c.w, c.t);
      return {
        method: 'PATCH',
        url: `/api/branch/development/${id}`,
        payload: { notes: `矩阵备注${c.w.seq()}`, version: await versionOf(c.w, 'developmentPerson', id) },
      };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ stage: 'applicant' }),
  },
};
