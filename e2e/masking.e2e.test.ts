import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// Personal numbers in Chromium (ADR 14): masked on every screen; the organ committee officer reveals an ID number
// with 显示 and is offered full numbers in the export dialog; the branch secretary reveals a phone, never an ID.

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

async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();
  return { context, page };
}

describe('personal numbers on screen', () => {
  it('shows masks; an officer reveals an ID number and may choose a full export', async () => {
    const { context, page } = await signedIn('jiguan');
    await page.goto(`${server.url}/members`);
    const reveal = page.locator('[data-testid^="member-id-"][data-testid$="-reveal"]').first();
    await reveal.waitFor({ timeout: 30_000 });
    const testId = (await reveal.getAttribute('data-testid'))?.replace(/-reveal$/, '') ?? '';
    const cell = page.getByTestId(testId);
    expect(await cell.textContent()).toMatch(/^\d{4}\*{14}$/);
    await reveal.click();
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toMatch(/^\d{17}[\dX]$/);

    await page.getByTestId('member-export').click();
    await page.getByTestId('member-export-full').waitFor();
    await context.close();
  }, 120_000);

  it('lets a branch secretary reveal a phone to call a member, never the ID number', async () => {
    const { context, page } = await signedIn('shuji');
    const withPhone = await page.evaluate(async () => {
      const list = await (await fetch('/api/members?pageSize=100')).json();
      return list.items.find((m: { phone: string | null }) => m.phone)?.id as string | undefined;
    });
    expect(withPhone).toBeTruthy();
    await page.goto(`${server.url}/members/${withPhone}`);
    const id = page.getByTestId('member-id-number');
    await id.waitFor({ timeout: 30_000 });
    expect(await id.textContent()).toMatch(/^\d{4}\*{14}$/);
    expect(await page.getByTestId('member-id-number-reveal').count()).toBe(0);
    const phone = page.getByTestId('member-phone');
    expect(await phone.textContent()).toMatch(/\*{4}/);
    await page.getByTestId('member-phone-reveal').click();
    await expect.poll(() => phone.textContent(), { timeout: 15_000 }).toMatch(/^1\d{10}$/);
    expect(await id.textContent()).toMatch(/^\d{4}\*{14}$/);
    await context.close();
  }, 120_000);
});
