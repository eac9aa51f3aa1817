import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// 党费 and 发展党员 in the browser (issue 10 point 4): the branch secretary sets a member's dues base in the ledger,
// a member reads their own dues on a phone, and a stage entered too early in the development register is refused
// with the rule's reason at its field.

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

async function signIn(username: string, phone: boolean): Promise<Page> {
  const context = await browser.newContext({
    viewport: phone ? { width: 375, height: 740 } : { width: 1366, height: 900 },
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();
  return page;
}

/** Types a day into an antd date picker found by its test id. */
async function pickDate(page: Page, testId: string, day: string) {
  const input = page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

it("lets the branch secretary set a member's base in the ledger", async () => {
  const page = await signIn('shuji', false);
  await page.goto(`${server.url}/branch/dues`);
  const ledger = page.getByTestId('dues-ledger');
  await ledger.waitFor({ timeout: 30_000 });
  await page.getByTestId('dues-open-member').first().waitFor();
  await page.getByTestId('dues-open-member').first().click();
  const drawer = page.getByTestId('dues-member-drawer');
  await drawer.getByTestId('dues-base-add').click();
  const income = drawer
    .locator('[data-testid="dues-base-income"] input, input[data-testid="dues-base-income"]')
    .first();
  await income.fill('6500');
  await drawer
    .getByTestId('dues-base-form')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  // 6,500.00 yuan after tax: 1.5% → 97.50 a month.
  await expect
    .poll(async () => (await drawer.textContent()) ?? '', { timeout: 15_000 })
    .toContain('每月 ¥97.50');
});

it('shows a member their own dues on a phone, within its width', async () => {
  const page = await signIn('dangyuan', true);
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('menu-me/dues').click();
  await page.getByTestId('my-dues-months').waitFor({ timeout: 30_000 });
  const text = (await page.textContent('body')) ?? '';
  expect(text).toContain('我的党费');
  expect(text).toMatch(/逐月交纳情况/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

it('refuses a candidate entered before a year as an activist, with the reason at the field', async () => {
  const page = await signIn('shuji', false);
  await page.goto(`${server.url}/branch/development`);
  await page.getByTestId('dev-add').click();
  await page.getByTestId('dev-create-name').fill('小周');
  // Born 1 March 1998, a valid 公民身份号码.
  await page.getByTestId('dev-create-id').fill('110101199803010033');
  await pickDate(page, 'dev-create-applied', '2022-03-01');
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.getByTestId('dev-open').filter({ hasText: '小周' }).click();
  await pickDate(page, 'dev-activistOn', '2022-06-01');
  await pickDate(page, 'dev-candidateOn', '2023-05-31');
  await page.getByTestId('dev-save').click();
  const form = page.getByTestId('dev-edit-form');
  await expect.poll(async () => (await form.textContent()) ?? '', { timeout: 15_000 }).toContain('第十三条');
  expect((await form.textContent()) ?? '').toContain('最早 2023-06-01');
});
