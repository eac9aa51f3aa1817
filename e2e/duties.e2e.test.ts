import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// 我的职责 on a phone (issue 9.10): the demo's branch secretary opens their duties from the menu, opens one that is
// not met by records, reports it done with a photo attached, and sees the period done and the photo listed; the
// duty's own address (where the daily digest links) opens the same detail.
// If the demo gives the secretary no such duty, the organ committee officer gives them one through the API first,
// so that the test does not hang on the demo's exact contents.

let server: RunningServer;
let browser: Browser;
const DEMO_PASSWORD = 'Demo-Pass-2026';
// A 1×1 PNG: the server judges evidence by its first bytes, so it must be a real one.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const FILE_NAME = '支委会现场照片.png';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Api = { get: <T>(path: string) => Promise<T>; post: <T>(path: string, body: unknown) => Promise<T> };

/** An API client signed in as `username`, the way the web app is: session cookie and CSRF token. */
async function signIn(username: string): Promise<Api> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw Object.assign(new Error(`${method} ${path}: ${r.status} ${text}`), { status: r.status });
    return JSON.parse(text) as T;
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}

type Duty = {
  itemId: string;
  title: string;
  recordKindLabel: string | null;
  period: { id: string; state: string };
};

/** Today as the server counts days (Beijing), plus `days`. */
function beijingDay(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A duty of the secretary's that may be reported by hand: from the demo, else given to them now. */
async function reportableDuty(): Promise<Duty> {
  const shuji = await signIn('shuji');
  const reportable = (d: Duty) =>
    d.recordKindLabel === null && ['open', 'due_soon', 'overdue'].includes(d.period.state);
  const found = (await shuji.get<{ duties: Duty[] }>('/api/me/duties')).duties.find(reportable);
  if (found) return found;

  const own = await shuji.get<{ id: string; partyOrgId: string }>('/api/me/member');
  const officer = await signIn('jiguan');
  const year = Number(beijingDay().slice(0, 4));
  let listId: string;
  try {
    ({ id: listId } = await officer.post<{ id: string }>('/api/responsibility/lists', {
      year,
      level: 'implementing',
      partyOrgId: own.partyOrgId,
      holderMemberId: own.id,
    }));
  } catch (err) {
    if ((err as { status?: number }).status !== 409) throw err;
    const lists = await officer.get<{ id: string; level: string; holderMemberId: string | null }[]>(
      `/api/responsibility/lists?year=${year}&partyOrgId=${own.partyOrgId}&level=implementing`,
    );
    const mine = lists.find((l) => l.holderMemberId === own.id) ?? lists[0];
    if (!mine) throw err;
    listId = mine.id;
  }
  const item = await officer.post<{ id: string }>(`/api/responsibility/lists/${listId}/items`, {
    domain: 'fusion',
    category: '党建业务融合',
    title: '组织支部党员开展通关时效攻坚',
    ownerOrgId: own.partyOrgId,
    ownerMemberId: own.id,
    deadline: beijingDay(20),
  });
  const seeded = (await shuji.get<{ duties: Duty[] }>('/api/me/duties')).duties.find(
    (d) => d.itemId === item.id,
  );
  if (!seeded) throw new Error('the duty given to the secretary is not among their duties');
  return seeded;
}

it('lets a branch secretary report a duty done on a phone, with a photo, and opens it by its address', async () => {
  const duty = await reportableDuty();
  const expected = duty.period.state === 'overdue' ? '逾期完成' : '按时完成';

  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-username').fill('shuji');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();

  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('menu-duties').click();
  await page.getByTestId('my-duties').waitFor({ timeout: 30_000 });
  await page.getByTestId('duty-counts').waitFor();
  const card = page.locator(`[data-testid="duty-card"][data-period-id="${duty.period.id}"]`);
  await card.waitFor({ timeout: 30_000 });
  expect(await card.textContent()).toContain(duty.title);
  expect(await page.getByTestId('duty-card').count()).toBeGreaterThan(0);
  // One column, nothing wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);

  await card.click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/duties/${duty.itemId}`);
  const form = page.getByTestId('duty-report-form');
  await form.waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('duty-detail-title').textContent()).toBe(duty.title);
  await page.getByTestId('duty-report-done').click();
  await page.getByTestId('duty-report-note').fill('已召开支委会研究部署，形成会议纪要并拍照留存');
  await form
    .locator('input[type="file"]')
    .setInputFiles({ name: FILE_NAME, mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('duty-report-submit').click();

  const state = page.locator(
    `[data-testid="duty-period"][data-period-id="${duty.period.id}"] [data-testid="duty-state"]`,
  );
  await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe(expected);
  const files = page.getByTestId('duty-file');
  await expect
    .poll(() => files.allTextContents(), { timeout: 30_000 })
    .toContainEqual(expect.stringContaining(FILE_NAME));
  expect(await page.getByTestId('duty-file-error').count()).toBe(0);

  // The server has it: the period settled, the file kept with the report.
  const saved = await page.evaluate(async (id) => {
    const r = await fetch(`/api/responsibility/items/${id}`);
    return (await r.json()) as {
      periods: { id: string; state: string }[];
      reports: { done: boolean; files: { fileName: string; mediaType: string }[] }[];
    };
  }, duty.itemId);
  expect(saved.periods.find((p) => p.id === duty.period.id)?.state).toBe(
    expected === '按时完成' ? 'done' : 'late',
  );
  expect(saved.reports[0]).toMatchObject({
    done: true,
    files: [{ fileName: FILE_NAME, mediaType: 'image/png' }],
  });

  // Closing goes back to the list, where the card now reads done.
  await page.getByTestId('duty-drawer-close').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/duties');
  await expect
    .poll(() => card.locator('[data-testid="duty-state"]').textContent(), { timeout: 30_000 })
    .toBe(expected);

  // The duty's address, as the daily digest links it, opens the same detail over the list.
  await page.goto(`${server.url}/duties/${duty.itemId}`);
  await page.getByTestId('duty-detail').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('duty-detail-title').textContent()).toBe(duty.title);
  expect(await page.getByTestId('duty-file').first().textContent()).toContain(FILE_NAME);
  await context.close();
}, 240_000);
