import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../server/src/modules/identity/index.ts';
import { ACCOUNT_CASES, prepareCases } from './authorization-cases-accounts.ts';
import { ASSESSMENT_CASES } from './authorization-cases-assessment.ts';
import { ASSESSMENT_BULLETIN_CASES } from './authorization-cases-assessment-bulletin.ts';
import { ASSESSMENT_FOLLOW_UP_CASES } from './authorization-cases-assessment-follow-up.ts';
import { ASSESSMENT_KPI_CASES } from './authorization-cases-assessment-kpi.ts';
import { ASSESSMENT_MEMBER_CASES } from './authorization-cases-assessment-member.ts';
import { ASSESSMENT_OUTCOME_CASES } from './authorization-cases-assessment-outcome.ts';
import { ASSESSMENT_RATING_CASES } from './authorization-cases-assessment-rating.ts';
import { ASSESSMENT_REVIEW_CASES } from './authorization-cases-assessment-review.ts';
import { ATTACHMENT_CASES } from './authorization-cases-attachments.ts';
import { BRANCH_RECORD_CASES } from './authorization-cases-branch.ts';
import { DUES_CASES } from './authorization-cases-branch-dues.ts';
import { BRANCH_FILE_CASES } from './authorization-cases-branch-files.ts';
import { DELIVERY_CASES } from './authorization-cases-delivery.ts';
import { FUSION_CASES } from './authorization-cases-fusion.ts';
import { IMPORT_CASES } from './authorization-cases-imports.ts';
import { RECORD_CASES } from './authorization-cases-records.ts';
import { RESPONSIBILITY_CASES } from './authorization-cases-responsibility.ts';
import { FILE_CASES } from './authorization-cases-responsibility-files.ts';
import { SELF_CASES } from './authorization-cases-self.ts';
import { WARNING_CASES } from './authorization-cases-warning.ts';
import type { Case, CaseCtx, Req } from './authorization-requests.ts';
import { AUTHORIZATION_TABLE, FULL_NUMBERS, type Grant } from './authorization-table.ts';
import {
  BRANCHES,
  type BranchCode,
  buildWorld,
  HOLDERS,
  type Holder,
  holderAtOrganLevel,
  holderReaches,
  holderTouchesUnit,
  isWorkbook,
  type World,
  workbookCells,
} from './authorization-world.ts';
import { buildTestApp, type TestApp } from './helpers.ts';

// Every API route × every role (and an organ committee officer held below the organ's root) × in scope / out of
// scope / another organ, against the hand-written table in test/authorization-table.ts. Requests in scope are
// valid and must succeed; out of scope they must answer 404 / leave the record out / be refused as an import
// issue; a role the table does not allow gets 403, and a caller without a session 401. Every answer a role gets
// is also searched for the full ID and phone numbers of every member the test created.

const CASES: Record<string, Case> = {
  ...ACCOUNT_CASES,
  ...RECORD_CASES,
  ...IMPORT_CASES,
  ...SELF_CASES,
  ...RESPONSIBILITY_CASES,
  ...FILE_CASES,
  ...ATTACHMENT_CASES,
  ...DUES_CASES,
  ...BRANCH_RECORD_CASES,
  ...BRANCH_FILE_CASES,
  ...FUSION_CASES,
  ...ASSESSMENT_CASES,
  ...ASSESSMENT_KPI_CASES,
  ...ASSESSMENT_BULLETIN_CASES,
  ...ASSESSMENT_RATING_CASES,
  ...ASSESSMENT_MEMBER_CASES,
  ...ASSESSMENT_REVIEW_CASES,
  ...ASSESSMENT_OUTCOME_CASES,
  ...ASSESSMENT_FOLLOW_UP_CASES,
  ...DELIVERY_CASES,
  ...WARNING_CASES,
};

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildWorld(t);
  await prepareCases();
}, 300_000);
afterAll(async () => {
  await t.close();
});

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const apiRoutes = () =>
  registeredRoutes(t.app)
    .filter((r) => !r.url.startsWith('/api/docs'))
    .map(keyOf);
const HOME: BranchCode = 'MXA-1';
const firstLine = (e: unknown) => String((e as Error).message ?? e).split('\n')[0];

async function send(h: Holder, req: Req): Promise<LightMyRequestResponse> {
  const opts = {
    method: req.method as 'GET',
    url: req.url,
    payload: req.payload as string,
    ...(req.headers ? { headers: req.headers } : {}),
  };
  const via = req.via ?? h.client;
  return via ? via.request(opts) : t.app.inject(opts);
}

/** The grant of the holder on the route: the symbol of its role column, or 'A' for public and signed-in routes. */
function grantOf(route: string, h: Holder): Grant | undefined {
  const row = AUTHORIZATION_TABLE.get(route);
  if (!row) throw new Error(`no table line for ${route}`);
  if (row.kind !== 'roles') return 'A';
  return h.role ? row.grants[h.role] : undefined;
}

describe('authorisation matrix (test/authorization-table.ts)', () => {
  it('has a table line and a request case for every registered API route, and none for a route that does not exist', () => {
    const routes = apiRoutes();
    expect(routes.filter((r) => !AUTHORIZATION_TABLE.has(r)).sort(), 'routes without a table line').toEqual(
      [],
    );
    expect(
      [...AUTHORIZATION_TABLE.keys()].filter((r) => !routes.includes(r)),
      'table lines for no route',
    ).toEqual([]);
    expect(Object.keys(CASES).sort()).toEqual([...AUTHORIZATION_TABLE.keys()].sort());
    for (const route of FULL_NUMBERS.keys())
      expect(routes, 'full-numbers line for no route').toContain(route);
  });

  it('uses each table symbol where it means something', () => {
    const problems: string[] = [];
    for (const [route, row] of AUTHORIZATION_TABLE) {
      if (row.kind !== 'roles') continue;
      const scope = CASES[route]?.scope;
      for (const [role, grant] of Object.entries(row.grants)) {
        if (role.endsWith('_admin') && grant !== 'A')
          problems.push(`${route}: ${role} is unscoped, so A or .`);
        if ((scope === 'none' || scope === 'own') && grant !== 'A')
          problems.push(`${route}: no organisation's data, so A or . (${role})`);
        if (grant === 'O' && scope !== 'unit') problems.push(`${route}: O is for organ-level data (${role})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers a caller without a session: public routes succeed, every other route 401', async () => {
    const failures: string[] = [];
    const h = w.anonymous;
    for (const route of AUTHORIZATION_TABLE.keys()) {
      const c = CASES[route];
      if (!c) continue;
      const ctx: CaseCtx = { w, h, t: w.home, foreign: false };
      const req = await c.request(ctx);
      const res = await send(h, req);
      try {
        const kind = AUTHORIZATION_TABLE.get(route)?.kind;
        if (kind === 'public') await c.ok(res, ctx);
        else if (kind === 'token') {
          // The case carries a valid token: it succeeds without a session, and is refused without the token.
          await c.ok(res, ctx);
          const { authorization: _token, ...headers } = req.headers ?? {};
          const bare = await send(h, { ...req, headers });
          expect(bare.statusCode, bare.body.slice(0, 200)).toBe(401);
        } else expect(res.statusCode, res.body.slice(0, 200)).toBe(401);
      } catch (e) {
        failures.push(`${route}: ${firstLine(e)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  HOLDERS.forEach((spec, index) => {
    it(`${spec.label}: every route answers as the table says, and no full number shows where it must not`, async () => {
      const h = w.holders[index] as Holder;
      const failures: string[] = [];
      const answers: Answer[] = [];
      for (const route of AUTHORIZATION_TABLE.keys()) {
        try {
          await checkRoute(route, h, answers, failures);
        } catch (e) {
          failures.push(`${route}: ${firstLine(e)}`);
        }
      }
      failures.push(...(await numberLeaks(h, answers)));
      expect([...new Set(failures)]).toEqual([]);
    });
  });
});

type Answer = { route: string; home: boolean; res: LightMyRequestResponse };

/** Every target the holder's subtree does not reach, for a case of this scope. */
function awayBranches(scope: 'org' | 'unit', h: Holder): BranchCode[] {
  return BRANCHES.filter((b) => (scope === 'org' ? !holderReaches(h, b) : !holderTouchesUnit(h, b)));
}

async function checkRoute(route: string, h: Holder, answers: Answer[], failures: string[]) {
  const c = CASES[route];
  if (!c) throw new Error('no request case');
  if (AUTHORIZATION_TABLE.get(route)?.kind === 'token') {
    // A session never uses a token route, not even beside a valid token.
    const res = await send(h, await c.request({ w, h, t: w.home, foreign: false }));
    answers.push({ route, home: true, res });
    if (![401, 403].includes(res.statusCode)) failures.push(`${route}: a session got ${res.statusCode}`);
    return;
  }
  const grant = grantOf(route, h);
  const at = (branch: BranchCode, foreign = false): CaseCtx => ({ w, h, t: w.targets[branch], foreign });
  const call = async (ctx: CaseCtx, home: boolean) => {
    const res = await send(h, await c.request(ctx));
    answers.push({ route, home, res });
    return res;
  };
  const check = async (what: string, fn: () => Promise<void> | void) => {
    try {
      await fn();
    } catch (e) {
      failures.push(`${route}: ${what}: ${firstLine(e)}`);
    }
  };
  const refused = (res: LightMyRequestResponse) => () =>
    expect(res.statusCode, res.body.slice(0, 200)).toBe(403);
  const hidden = (ctx: CaseCtx, res: LightMyRequestResponse) => async () => {
    if (c.hidden) await c.hidden(res, ctx);
    else expect(res.statusCode, res.body.slice(0, 200)).toBe(404);
  };

  const home = at(HOME);
  if (grant === undefined) {
    await check('not allowed: 403', refused(await call(home, true)));
    return;
  }
  if (c.scope === 'own') {
    await check('own record', async () => c.ok(await call(home, true), home));
    const other = at(HOME, true);
    await check("another account's record: hidden", hidden(other, await call(other, false)));
    return;
  }
  if (c.scope === 'none') {
    await check('allowed', async () => c.ok(await call(home, true), home));
    return;
  }
  if (grant === 'O' && !holderAtOrganLevel(h, HOME)) {
    await check('organ-level data, role held below the root: 403', refused(await call(home, true)));
  } else {
    await check(`in scope (${HOME})`, async () => c.ok(await call(home, true), home));
  }
  const others = BRANCHES.filter((b) => b !== HOME);
  if (grant === 'A') {
    for (const b of others) {
      const ctx = at(b);
      await check(`unscoped (${b})`, async () => c.ok(await call(ctx, false), ctx));
    }
    return;
  }
  for (const b of awayBranches(c.scope, h)) {
    const ctx = at(b);
    await check(`out of scope (${b}): hidden`, hidden(ctx, await call(ctx, false)));
  }
}

/**
 * The full numbers of every member the test created, searched for in every answer (JSON as sent, workbooks cell
 * by cell): allowed only where FULL_NUMBERS shows that number to the role and the member is in its subtree;
 * required there on the reading routes for the caller's own branch's standing member.
 */
async function numberLeaks(h: Holder, answers: Answer[]): Promise<string[]> {
  const out: string[] = [];
  const own = w.members.find((x) => x.name === w.home.member.name);
  if (!own) throw new Error('the standing member of the home branch is not known');
  for (const a of answers) {
    const text = isWorkbook(a.res) ? (await workbookCells(a.res.rawPayload)).join('\n') : a.res.body;
    const shown = (h.role && FULL_NUMBERS.get(a.route)?.[h.role]) || { idNumber: false, phone: false };
    for (const kind of ['idNumber', 'phone'] as const) {
      const label = kind === 'idNumber' ? '身份证号' : 'phone numbers';
      const leaked = w.members.filter(
        (m) => !(shown[kind] && holderReaches(h, m.branch)) && text.includes(m[kind]),
      );
      if (leaked.length > 0) {
        const names = leaked.slice(0, 3).map((m) => `${m.name} (${m.branch})`);
        out.push(`${a.route}: full ${label} of ${leaked.length} members shown: ${names.join(', ')} …`);
      }
      if (
        shown[kind] &&
        a.home &&
        a.res.statusCode === 200 &&
        CASES[a.route]?.showsMember &&
        !text.includes(own[kind])
      )
        out.push(`${a.route}: the full ${label} of ${own.name} should be shown to ${h.role}`);
    }
  }
  return out;
}
