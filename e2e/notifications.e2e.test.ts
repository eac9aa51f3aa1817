import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startThrowawayPostgres } from '../test/throwaway-postgres.ts';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// The notification centre in Chromium (ADR 24): the demo's ordinary member finds two unread notifications on the
// bell and on the workbench, opens the notification centre, marks all read, and the bell goes quiet.
// The server runs on a throwaway PostgreSQL server rather than the embedded database, whose data directory the
// server process holds alone: the notifications are written straight into its table, as the digest job writes them.

let server: RunningServer;
let browser: Browser;
let postgres: { url: string; stop: () => Promise<void> };
const DEMO_PASSWORD = 'Demo-Pass-2026';

beforeAll(async () => {
  postgres = await startThrowawayPostgres();
  server = await startServer({ DATABASE_URL: postgres.url });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await postgres?.stop();
});

/** Two unread notifications of `username`: a digest with an overdue and a due-soon line, and a notice. */
async function seedNotifications(username: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const lines = [
      { text: '召开支部委员会（已逾期 2 天）', link: '/me', severity: 'overdue' },
      { text: '上报第四季度党费收缴情况', link: '/me', severity: 'due_soon' },
    ];
    await client.query(
      `insert into notification (user_id, kind, day, title, lines, created_at)
       select id, 'digest', '2026-12-06', '今日提醒：1 项即将到期，1 项已逾期', $2::jsonb, now() - interval '1 day'
       from app_user where username = $1`,
      [username, JSON.stringify(lines)],
    );
    await client.query(
      `insert into notification (user_id, kind, day, title, lines)
       select id, 'digest', '2026-12-07', '今日提醒：1 条其他提醒', $2::jsonb from app_user where username = $1`,
      [username, JSON.stringify([{ text: '学习新修订的党支部工作条例', link: '/me', severity: 'info' }])],
    );
  } finally {
    await client.end();
  }
}

it('shows the unread count on the bell and the workbench, and marks everything read in the centre', async () => {
  await seedNotifications('dangyuan');
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-username').fill('dangyuan');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();

  const count = page.getByTestId('notification-bell-count');
  await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('2');
  const card = page.getByTestId('workbench-notifications');
  await expect
    .poll(() => card.textContent(), { timeout: 30_000 })
    .toContain('今日提醒：1 项即将到期，1 项已逾期');
  expect(await page.getByTestId('workbench-unread').textContent()).toBe('2 条未读');

  await page.getByTestId('notification-bell').click();
  await page.getByTestId('notifications-page').waitFor();
  const items = page.getByTestId('notification-item');
  await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(2);
  expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-unread')))).toEqual([
    'true',
    'true',
  ]);
  // The digest's lines, overdue first, each a link into the app.
  const older = items.nth(1);
  expect(await older.locator('a').first().textContent()).toBe('召开支部委员会（已逾期 2 天）');

  await page.getByTestId('notifications-read-all').click();
  await expect
    .poll(() => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-unread'))), {
      timeout: 30_000,
    })
    .toEqual(['false', 'false']);
  await expect.poll(() => count.count(), { timeout: 30_000 }).toBe(0);
  expect(await page.getByTestId('notifications-read-all').isDisabled()).toBe(true);
  const left = await page.evaluate(
    async () => (await (await fetch('/api/me/notifications/unread-count')).json()) as { count: number },
  );
  expect(left).toEqual({ count: 0 });
  await context.close();
}, 180_000);
