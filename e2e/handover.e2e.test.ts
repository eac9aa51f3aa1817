import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// 五责交接 in Chromium: the organ committee officer hands everything a branch secretary owns over to another member
// of the branch with the wizard, and the duties really change owner. Two duties in the secretary's name are made
// through the API first, as the officer, on the branch's list of the year (made too when the demo has none).

let server: RunningServer;
let browser: Browser;
const DEMO_PASSWORD = 'Demo-Pass-2026';

type Session = { cookie: string; csrf: string };
type MemberRow = { id: string; name: string; partyOrgId: string; partyPost: string | null };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(username: string): Promise<Session> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function api<T>(session: Session, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A branch secretary (the leaver) and another active member of the same branch (the successor). */
async function leaverAndSuccessor(session: Session): Promise<{ leaver: MemberRow; successor: MemberRow }> {
  const secretaries = await api<{ items: MemberRow[] }>(
    session,
    '/api/members?partyPost=secretary&pageSize=100',
  );
  for (const leaver of secretaries.items) {
    const branch = await api<{ items: MemberRow[] }>(
      session,
      `/api/members?partyOrgId=${leaver.partyOrgId}&pageSize=100`,
    );
    // A name of its own, so that typing it in the picker finds one person only.
    const successor = branch.items.find(
      (m) => m.id !== leaver.id && m.partyPost === null && m.name !== leaver.name,
    );
    if (successor) return { leaver, successor };
  }
  throw new Error('the demo organ has no branch with a secretary and another member');
}

/** The branch's own 落实责任 list of the year: the demo's, or a new one. */
async function branchList(session: Session, partyOrgId: string, year: number): Promise<{ id: string }> {
  const lists = await api<{ id: string; holderMemberId: string | null }[]>(
    session,
    `/api/responsibility/lists?year=${year}&partyOrgId=${partyOrgId}&level=implementing`,
  );
  const own = lists.find((l) => l.holderMemberId === null);
  if (own) return own;
  return api<{ id: string }>(session, '/api/responsibility/lists', {
    year,
    level: 'implementing',
    partyOrgId,
    templateId: null,
  });
}

/** Types a name into a member picker and picks the member by id (two comrades may share a name). */
async function pickMember(page: Page, testId: string, member: MemberRow): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(member.name);
  await page.getByTestId(`member-option-${member.id}`).click({ timeout: 30_000 });
}

it('hands a secretary’s duties over to a successor with the wizard', async () => {
  const officer = await signIn('jiguan');
  const { leaver, successor } = await leaverAndSuccessor(officer);
  const year = new Date().getFullYear();
  const list = await branchList(officer, leaver.partyOrgId, year);
  const itemIds: string[] = [];
  for (const title of ['每月开展主题党日活动', '年底前完成支部换届准备']) {
    const item = await api<{ id: string }>(officer, `/api/responsibility/lists/${list.id}/items`, {
      domain: 'party',
      category: '组织建设',
      title,
      ownerOrgId: leaver.partyOrgId,
      ownerMemberId: leaver.id,
      recurrence: 'none',
      deadline: `${year}-12-31`,
    });
    itemIds.push(item.id);
  }

  // The demo year may already have put duties in the secretary's name: all of them pass, ours among them.
  const before = await api<{ entries: { id: string }[] }>(
    officer,
    `/api/handovers/preview?fromMemberId=${leaver.id}`,
  );
  expect(before.entries.map((e) => e.id)).toEqual(expect.arrayContaining(itemIds));
  const open = before.entries.length;

  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-username').fill('jiguan');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();
  await page.getByTestId('menu-handovers').click();
  await page.getByTestId('handover-wizard').waitFor({ timeout: 30_000 });

  // 1 the leaver → 2 what they own that is open: both duties.
  await pickMember(page, 'handover-from', leaver);
  await page.getByTestId('handover-next-0').click();
  const preview = page.getByTestId('handover-preview-entry');
  await expect.poll(() => preview.count(), { timeout: 30_000 }).toBe(open);
  expect(await preview.evaluateAll((els) => els.map((e) => e.getAttribute('data-entry-id')))).toEqual(
    expect.arrayContaining(itemIds),
  );
  await page.getByTestId('handover-next-1').click();

  // 3 the successor, post, reason (the date defaults to today) → 4 confirm → done.
  await pickMember(page, 'handover-to', successor);
  await page.getByTestId('handover-post').fill('党支部书记');
  await page.getByTestId('handover-reason').fill('工作调动，支部书记岗位交接');
  await page.getByTestId('handover-next-2').click();
  await page.getByTestId('handover-summary').waitFor();
  await page.getByTestId('handover-confirm').click();
  await page.getByTestId('handover-done').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('handover-done-entry').count()).toBe(open);
  expect(await page.getByTestId('handover-done').textContent()).toContain(successor.name);
  await context.close();

  for (const id of itemIds) {
    const item = await api<{ ownerMemberId: string | null; ownerMemberName: string | null }>(
      officer,
      `/api/responsibility/items/${id}`,
    );
    expect(item.ownerMemberId).toBe(successor.id);
    expect(item.ownerMemberName).toBe(successor.name);
  }
  const after = await api<{ entries: unknown[] }>(
    officer,
    `/api/handovers/preview?fromMemberId=${leaver.id}`,
  );
  expect(after.entries).toEqual([]);
}, 240_000);
