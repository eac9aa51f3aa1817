import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startThrowawayPostgres } from '../test/throwaway-postgres.ts';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// The officer's 消息推送渠道 page in Chromium at a phone's width (issue 13 point 4, ADR 30): the demo's organ
// committee officer (delivery.manage) finds the demo's paused robots and their failures, then, with them removed, an
// empty page that says what to do; adds a 企业微信 robot for the organ's Party committee pointing at a robot on
// loopback, sends a test message that arrives once, never sees the robot's key again, and finds a notification the
// sender job posted in the delivery log.
// The server runs on a throwaway PostgreSQL server (as notifications.e2e.test.ts does) so that the test can write the
// notification and its queued delivery as `notify` and its listener would: no screen in the product makes a
// notice on demand.

let server: RunningServer;
let browser: Browser;
let postgres: { url: string; stop: () => Promise<void> };
const DEMO_PASSWORD = 'Demo-Pass-2026';
/** The robot's key, in the webhook's query as 企业微信 puts it: it must never come back to the browser. */
const KEY = 'e2e-robot-key-7f3a9c';
const NOTICE = '请于本周五前上报第四季度党费收缴情况';

/** A 企业微信 group robot on loopback: keeps every post and answers errcode 0 as the platform does. */
type Post = { path: string; key: string | null; body: { msgtype?: string; markdown?: { content?: string } } };
const posts: Post[] = [];
let robot: Server;
let webhook = '';

beforeAll(async () => {
  robot = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      posts.push({
        path: url.pathname,
        key: url.searchParams.get('key'),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Post['body'],
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', () => resolve()));
  webhook = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=${KEY}`;
  postgres = await startThrowawayPostgres();
  server = await startServer({ DATABASE_URL: postgres.url });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await postgres?.stop();
  await new Promise((resolve) => robot?.close(resolve));
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();
}

/** Posts the robot took whose text says `text`. */
const postsSaying = (text: string) => posts.filter((p) => p.body.markdown?.content?.includes(text)).length;

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * Writes a notice for `username` (an "other" line, which the test's robot carries) and its queued post to the robot,
 * as `notify` and the delivery listener write them in one transaction; the server's sender job (every minute) then
 * posts it.
 */
async function queueNotice(username: string, channelId: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ id: string; user_id: string }>(
      `insert into notification (user_id, kind, day, title, lines)
       select id, 'e2e.notice', current_date, $2, $3::jsonb from app_user where username = $1
       returning id, user_id`,
      [username, NOTICE, JSON.stringify([{ text: NOTICE, link: '/me/dues', severity: 'info' }])],
    );
    expect(rows).toHaveLength(1);
    await client.query(
      `insert into delivery (notification_id, user_id, channel, target, urgent)
       values ($1, $2, 'wecom', $3, false)`,
      [rows[0]?.id, rows[0]?.user_id, channelId],
    );
    await client.query('commit');
  } finally {
    await client.end();
  }
}

it('lets an organ officer add a robot on a phone, test it once, never see its key, and read its log', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, 'jiguan');
  await page.goto(`${server.url}/delivery/channels`);
  const channelsPage = page.getByTestId('delivery-channels-page');
  await channelsPage.waitFor({ timeout: 30_000 });

  // The demo's two robots, paused (the demo never posts), shown by host; the log's failures with their errors.
  const item = page.getByTestId('delivery-channel');
  await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(2);
  const demoRobots = await item.allTextContents();
  expect(demoRobots.every((text) => text.includes('已停用') && text.includes('.example.invalid'))).toBe(true);
  const log = page.getByTestId('delivery-log');
  await expect.poll(() => page.getByTestId('delivery-log-item').count(), { timeout: 30_000 }).toBe(3);
  expect(await log.textContent()).toContain('最近错误：无法连接');
  expect(await page.content()).not.toContain('key=');
  expect(await overflow(page)).toBeLessThanOrEqual(1);

  // Without them (removed through the API: the page has no delete yet), the page says what to do.
  const removed = await page.evaluate(async () => {
    const csrf = document.cookie.match(/(?:^|; )(?:__Host-)?ronghe_csrf=([^;]+)/)?.[1] ?? '';
    const list = (await (await fetch('/api/delivery/channels')).json()) as { id: string }[];
    const codes: number[] = [];
    for (const c of list)
      codes.push(
        (
          await fetch(`/api/delivery/channels/${c.id}`, {
            method: 'DELETE',
            headers: { 'x-csrf-token': decodeURIComponent(csrf) },
          })
        ).status,
      );
    return codes;
  });
  expect(removed).toEqual([200, 200]);
  await page.reload();
  await channelsPage.waitFor({ timeout: 30_000 });
  await expect
    .poll(async () => (await channelsPage.textContent()) ?? '', { timeout: 30_000 })
    .toContain('还没有群机器人。请先在企业微信群或钉钉群的“群机器人”中添加一个自定义机器人');
  await expect
    .poll(async () => (await log.textContent()) ?? '', { timeout: 30_000 })
    .toContain('没有发送失败的记录。');
  expect(await overflow(page)).toBeLessThanOrEqual(1);

  // The organ's Party committee: the shallowest organisation the officer keeps.
  const orgs = await page.evaluate(
    async () => (await (await fetch('/api/party-orgs')).json()) as { name: string; depth: number }[],
  );
  const top = [...orgs].sort((a, b) => a.depth - b.depth)[0];
  if (!top) throw new Error('the officer sees no Party organisation');

  await page.getByTestId('delivery-add').click();
  await page.getByTestId('delivery-channel-org').click();
  await page.keyboard.type(top.name);
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${top.name}"]`)
    .first()
    .click();
  await page.getByTestId('delivery-channel-name').fill('机关党委工作群');
  await page.getByTestId('delivery-channel-webhook').fill(webhook);
  // "Other notices" instead of the default "urgent": the demo's red warnings notify hundreds of people urgently, and
  // a robot of the organ's committee carrying urgent would post each of them while this test counts.
  const severity = (label: string) =>
    page.locator('.ant-modal:visible .ant-checkbox-wrapper').filter({ hasText: label });
  await severity('紧急提醒').click();
  await severity('其他提醒').click();
  await page.locator('.ant-modal:visible .ant-btn-primary').click();

  await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
  expect(await item.textContent()).toContain('其他提醒');
  expect(await item.textContent()).not.toContain('紧急提醒');
  // The host only: the path and its key are kept encrypted on the server.
  const port = new URL(webhook).port;
  expect(await item.getByTestId('delivery-host').textContent()).toBe(`127.0.0.1:${port}`);
  expect(await page.content()).not.toContain(KEY);
  const listed = await page.evaluate(async () => await (await fetch('/api/delivery/channels')).text());
  expect(listed).not.toContain(KEY);
  expect(listed).not.toContain('/cgi-bin/webhook');
  expect(await overflow(page)).toBeLessThanOrEqual(1);

  // The test message: answered on the page, and exactly one post at the robot, with its key.
  await item.getByTestId('delivery-test').click();
  await page.getByText('测试消息已送达').waitFor({ timeout: 30_000 });
  const tests = posts.filter((p) => p.body.markdown?.content?.includes('融合平台测试消息'));
  expect(tests).toHaveLength(1);
  expect(tests[0]?.path).toBe('/cgi-bin/webhook/send');
  expect(tests[0]?.key).toBe(KEY);
  expect(tests[0]?.body.msgtype).toBe('markdown');
  expect(tests[0]?.body.markdown?.content).toContain(`“${top.name}”的推送渠道“机关党委工作群”已连通`);
  // Once: no second one arrives a moment later.
  await page.waitForTimeout(2_000);
  expect(postsSaying('融合平台测试消息')).toBe(1);

  // A real delivery: a notice of the officer (a role holder of the organisation), posted by the sender job.
  const channels = await page.evaluate(
    async () => (await (await fetch('/api/delivery/channels')).json()) as { id: string }[],
  );
  await queueNotice('jiguan', channels[0]?.id ?? '');
  await expect.poll(() => postsSaying(NOTICE), { timeout: 150_000, interval: 1_000 }).toBe(1);

  // The log shows it sent, with the robot's name and one attempt.
  await page.reload();
  await channelsPage.waitFor({ timeout: 30_000 });
  await page.getByTestId('delivery-log').getByText('已发送', { exact: true }).click();
  const logged = page.getByTestId('delivery-log-item').filter({ hasText: NOTICE });
  await expect.poll(() => logged.count(), { timeout: 30_000 }).toBe(1);
  const entry = (await logged.first().textContent()) ?? '';
  expect(entry).toContain('已发送');
  expect(entry).toContain('机关党委工作群');
  expect(entry).toContain('尝试 1 次');
  expect(await page.content()).not.toContain(KEY);
  expect(await overflow(page)).toBeLessThanOrEqual(1);
  // Still one test message and one notice: nothing was posted twice.
  expect([postsSaying('融合平台测试消息'), postsSaying(NOTICE)]).toEqual([1, 1]);
  // E2E_SHOTS=<dir>: a picture of the page at the end, for a person to look at its layout on a phone.
  if (process.env.E2E_SHOTS)
    await page.screenshot({ path: `${process.env.E2E_SHOTS}/delivery-channels-phone.png`, fullPage: true });
  await context.close();
}, 300_000);
