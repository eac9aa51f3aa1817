import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// The officers' views of branch work (issue 10.5, 10.6, 10.8, 10.11): the organ committee's officer opens the
// roll-up of the demo organ's branches, coloured by what is missing, opens a cell down to its duties, switches to
// quarters, the study time and the burden meter; then draws a member into a temporary organisation from the org page.

let server: RunningServer;
let browser: Browser;
const DEMO_PASSWORD = 'Demo-Pass-2026';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();
  return page;
}

async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const r = await fetch(p);
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return r.json();
  }, path) as Promise<T>;
}

it("shows the officer the branches' obligations month by month, down to the duties", async () => {
  const page = await signIn('jiguan');
  await page.getByTestId('menu-branch/rollup').click();
  await page.getByTestId('rollup-grid').waitFor({ timeout: 30_000 });
  const states = await page
    .locator('[data-testid="rollup-cell"]')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')));
  // The demo's branches have duties met by records all year: the grid is coloured, not blank.
  expect(states.length % 12).toBe(0);
  expect(states.some((s) => s === 'held' || s === 'missing' || s === 'partial')).toBe(true);

  const cell = page.locator(
    '[data-testid="rollup-cell"][data-state="missing"], [data-testid="rollup-cell"][data-state="partial"], [data-testid="rollup-cell"][data-state="held"]',
  );
  await cell.first().click();
  const drawer = page.getByTestId('rollup-cell-drawer');
  await drawer.waitFor();
  expect(await drawer.getByTestId('rollup-entry').count()).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });

  await page.getByTestId('rollup-by').getByText('按季度').click();
  await expect
    .poll(async () => page.locator('[data-testid="rollup-cell"]').count())
    .toBe((states.length / 12) * 4);
  expect(await page.getByTestId('rollup-grid').textContent()).toContain('第4季度');

  await page.getByTestId('rollup-tabs').getByText('学习时长').click();
  await page.getByTestId('study-table').waitFor({ timeout: 30_000 });
  await page.getByTestId('rollup-tabs').getByText('减负计量').click();
  await page.getByTestId('burden-total').waitFor({ timeout: 30_000 });
  expect(await page.textContent('body')).toContain('不统计登录、点击或签到次数');
});

it('lets the officer draw a member into a temporary organisation from its page', async () => {
  const page = await signIn('jiguan');
  const orgs = await api<{ id: string; isTemporary: boolean; status: string }[]>(page, '/api/party-orgs');
  const temporary = orgs.find((o) => o.isTemporary && o.status === 'active');
  if (!temporary) throw new Error('the demo organ has no active temporary organisation');
  const before = await api<{ memberId: string }[]>(
    page,
    `/api/branch/temporary-orgs/${temporary.id}/members`,
  );

  await page.goto(`${server.url}/orgs?org=${temporary.id}`);
  await page.getByTestId('org-temporary-members').click();
  const dialog = page.getByTestId('temporary-members-dialog');
  await dialog.getByTestId('temporary-members').waitFor();
  await dialog.getByTestId('temporary-pick').click();
  await page.keyboard.type('王');
  // The search answers a moment after the typing stops; the members already drawn stay listed on top.
  const had = new Set(before.map((m) => m.memberId));
  const offered = page
    .locator('.ant-select-dropdown [data-testid^="member-option-"]')
    .filter({ hasText: '王' });
  const pickable = async () => {
    const ids = await offered.evaluateAll((els) =>
      els.map((e) => (e.getAttribute('data-testid') ?? '').replace('member-option-', '')),
    );
    return ids.find((id) => !had.has(id)) ?? null;
  };
  await expect.poll(pickable, { timeout: 15_000 }).not.toBeNull();
  const memberId = await pickable();
  if (!memberId) throw new Error('no member named 王 to draw');
  const option = page.locator(`.ant-select-dropdown [data-testid="member-option-${memberId}"]`);
  const name = ((await option.textContent()) ?? '').split('（')[0] ?? '';
  await option.click();
  // Closes the list of names without closing the dialog.
  await dialog.getByText('原组织关系不变').click();
  await dialog.getByTestId('temporary-changes').waitFor();
  await dialog.getByTestId('temporary-save').click();
  await expect
    .poll(async () =>
      (await api<{ memberId: string }[]>(page, `/api/branch/temporary-orgs/${temporary.id}/members`)).map(
        (m) => m.memberId,
      ),
    )
    .toContain(memberId);
  // The list in the dialog is the server's answer, with the new member in it.
  await expect
    .poll(async () => (await dialog.getByTestId('temporary-members').textContent()) ?? '')
    .toContain(name);
});
