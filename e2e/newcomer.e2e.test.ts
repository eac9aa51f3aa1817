import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// The newcomer's path through the real product in Chromium: an account made by the system administrator and given a
// role by the security administrator signs in, is forced to change its initial password, browses the organisation tree, imports a roster with one bad row (nothing
// is imported, the error report is there), fixes the row and imports it.

let server: RunningServer;
let browser: Browser;
const files = mkdtempSync(join(tmpdir(), 'ronghe-e2e-files-'));

function idNumber(seq: number, valid = true): string {
  const first17 = `33020319900101${String(seq).padStart(3, '0')}`;
  const check = idNumberCheckChar(first17);
  return `${first17}${valid ? check : check === '0' ? '1' : '0'}`;
}

async function api(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; csrf?: string } = {},
) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return res;
}

/** Signs in through the API with a one-time password read from the console and sets an own one. */
async function signInChanging(username: string, oneTime: string, own: string) {
  const login = await api('/api/auth/login', { method: 'POST', body: { username, password: oneTime } });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const changed = await api('/api/auth/change-password', {
    method: 'POST',
    cookie,
    csrf: csrfToken,
    body: { currentPassword: oneTime, newPassword: own },
  });
  expect(changed.status).toBe(200);
  return { cookie, csrf: csrfToken };
}

function fromConsole(pattern: RegExp): string {
  const match = pattern.exec(server.output());
  if (!match?.[1]) throw new Error(`not in the console (${pattern}):\n${server.output()}`);
  return match[1];
}

/**
 * 三员分立 as people would work it: the system administrator (its one-time password read from the console) creates
 * the account; the security administrator (likewise) gives it a role.
 */
async function createAccountAsAdministrators(): Promise<{ username: string; password: string }> {
  const sys = await signInChanging('sysadmin', fromConsole(/初始密码 password: (\S+)/), 'Admin-Changed-2026');
  const created = await api('/api/users', {
    method: 'POST',
    ...sys,
    body: { username: 'xinren', displayName: '新来的党务干部' },
  });
  expect(created.status).toBe(200);
  const { initialPassword, user } = (await created.json()) as {
    initialPassword: string;
    user: { id: string; version: number };
  };
  // The published demo password does not open the security administrator's account.
  const published = await api('/api/auth/login', {
    method: 'POST',
    body: { username: 'secadmin', password: 'Demo-Pass-2026' },
  });
  expect(published.status).toBe(401);
  const sec = await signInChanging(
    'secadmin',
    fromConsole(/secadmin 一次性密码 one-time password: (\S+)/),
    'Secadmin-Changed-2026',
  );
  const orgs = (await (await api('/api/party-orgs', sec)).json()) as { id: string; kind: string }[];
  const organCommittee = orgs.find((o) => o.kind === 'organ_committee');
  const assigned = await api(`/api/users/${user.id}/roles`, {
    method: 'PUT',
    ...sec,
    body: {
      roles: [{ role: 'organ_committee_officer', partyOrgId: organCommittee?.id }],
      version: user.version,
    },
  });
  expect(assigned.status).toBe(200);
  return { username: 'xinren', password: initialPassword };
}

async function roster(rows: { name: string; id: string }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(['姓名', '身份证号', '人员类别', '所在党组织编码', '入党日期', '手机号']);
  // Real-file mess: a date typed with dots, full-width digits in a phone number, stray spaces.
  for (const [i, r] of rows.entries()) {
    ws.addRow([` ${r.name} `, r.id, '正式党员', 'JG-B01', '2019.07.01', `１３９００００${String(1000 + i)}`]);
  }
  const file = join(files, `roster-${Date.now()}.xlsx`);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/**
 * Searches the member list for `name` and checks that the search came back empty: the list request for that name
 * has answered, the table shows its empty state and no spinner, and only then is its text looked at.
 */
async function expectNoMemberNamed(page: Page, name: string) {
  const answered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/members' && new URL(r.url()).searchParams.get('q') === name,
  );
  await page.goto(`${server.url}/members?q=${encodeURIComponent(name)}`);
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(((await response.json()) as { total: number }).total).toBe(0);
  const table = page.getByTestId('member-table');
  await table.locator('.ant-empty').waitFor();
  expect(await table.locator('.ant-spin-spinning').count()).toBe(0);
  expect(await table.textContent()).not.toContain(name);
}

async function upload(page: Page, file: string, confirm: boolean) {
  await page.goto(`${server.url}/import`);
  await page.getByTestId('import-kind-members').click();
  await page.getByTestId('import-next').click(); // what to import → the template step
  await page.getByTestId('import-template-download').waitFor();
  await page.getByTestId('import-next').click(); // template → upload
  await page.getByTestId('import-upload-input').setInputFiles(file);
  // The mapping step: the template's columns are recognised; a file with problems shows them right there.
  await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 });
  if (confirm) await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a newcomer in Chromium', () => {
  it('signs in, changes the initial password, browses the tree, and imports a roster all-or-nothing', async () => {
    const account = await createAccountAsAdministrators();
    const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();

    await page.goto(server.url);
    await page.getByTestId('login-username').fill(account.username);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-submit').click();

    await page.getByTestId('change-password-form').waitFor();
    await page.getByTestId('change-password-current').fill(account.password);
    await page.getByTestId('change-password-new').fill('Xinren-Mima-2026');
    await page.getByTestId('change-password-confirm').fill('Xinren-Mima-2026');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('home-welcome').waitFor();

    await page.getByTestId('menu-orgs').click();
    const tree = page.getByTestId('org-tree');
    await tree.waitFor();
    await expect.poll(async () => tree.textContent(), { timeout: 30_000 }).toContain('直属机关党委');
    await page.getByTestId('org-node-JG').click();
    await page.getByTestId('org-detail').waitFor();
    expect(await page.getByTestId('org-detail').textContent()).toContain('JG');

    const bad = await roster([
      { name: '测试甲', id: idNumber(11) },
      { name: '测试乙', id: idNumber(12, false) },
    ]);
    await upload(page, bad, false);
    expect(await page.getByTestId('import-result').getAttribute('data-applied')).toBe('false');
    // Exactly one issue: 测试乙's ID number, on sheet row 3 (the header is row 1), with the check-digit reason.
    const issueRows = await page
      .getByTestId('import-issues')
      .locator('tbody tr.ant-table-row')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
      );
    expect(issueRows).toHaveLength(1);
    // The value is shown masked, as everywhere outside member.sensitive views.
    const badId = idNumber(12, false);
    expect(issueRows[0]?.slice(0, 4)).toEqual([
      '党员名册',
      '3',
      '身份证号',
      `${badId.slice(0, 4)}**************`,
    ]);
    expect(issueRows[0]?.[4]).toContain('校验位');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-report-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // Nothing was imported: the good row is not there either.
    await expectNoMemberNamed(page, '测试甲');

    const fixed = await roster([
      { name: '测试甲', id: idNumber(11) },
      { name: '测试乙', id: idNumber(12) },
    ]);
    await upload(page, fixed, true);
    expect(await page.getByTestId('import-result').getAttribute('data-applied')).toBe('true');
    expect(await page.getByTestId('import-created').textContent()).toContain('2');

    await page.goto(`${server.url}/members?q=${encodeURIComponent('测试乙')}`);
    await expect
      .poll(async () => page.getByTestId('member-table').textContent(), { timeout: 30_000 })
      .toContain('测试乙');
    await page.screenshot({ path: join(files, 'members.png') });
    await context.close();
  }, 300_000);

  it('is usable on a phone: the menu opens from a drawer and the member table fits', async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('login-username').fill('xinren');
    await page.getByTestId('login-password').fill('Xinren-Mima-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-welcome').waitFor();
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-members').click();
    await page.getByTestId('member-table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await context.close();
  }, 120_000);

  it('shows text that users typed as text, never as markup', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    let alerted = false;
    page.on('dialog', async (d) => {
      alerted = true;
      await d.dismiss();
    });
    await page.goto(server.url);
    await page.getByTestId('login-username').fill('xinren');
    await page.getByTestId('login-password').fill('Xinren-Mima-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-welcome').waitFor();
    const payload = '<img src=x onerror=alert(1)>';
    const created = await page.evaluate(
      async ({ name, id }) => {
        const session = await (await fetch('/api/auth/session')).json();
        const orgs = await (await fetch('/api/party-orgs')).json();
        const branch = orgs.find((o: { code: string }) => o.code === 'JG-B01');
        const r = await fetch('/api/members', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({
            name,
            category: 'full',
            partyOrgId: branch.id,
            idNumber: id,
          }),
        });
        return { status: r.status, body: await r.text() };
      },
      { name: payload, id: idNumber(30) },
    );
    expect(created.status, created.body).toBe(200);
    await page.goto(`${server.url}/members?q=${encodeURIComponent('<img')}`);
    const table = page.getByTestId('member-table');
    // The name shows as the very characters typed, and no element was made from it.
    await expect.poll(async () => table.textContent(), { timeout: 30_000 }).toContain(payload);
    expect(await table.locator('img').count()).toBe(0);
    await page.waitForTimeout(1000);
    expect(alerted).toBe(false);
    await context.close();
  }, 120_000);

  it('marks a demo account as such, and shows the API documentation to a signed-in user under the CSP', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
        violations.push(m.text());
    });
    await page.goto(server.url);
    await page.getByTestId('login-username').fill('jiguan');
    await page.getByTestId('login-password').fill('Demo-Pass-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-welcome').waitFor();
    expect(await page.getByTestId('demo-account-tag').textContent()).toContain('演示账号');
    // English is fetched when first chosen (the first screen carries Chinese only), and stays chosen on reload.
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-switch').filter({ hasText: '中文' }).waitFor();
    expect(await page.getByTestId('demo-account-tag').textContent()).not.toContain('演示账号');
    await page.reload();
    await page.getByTestId('language-switch').filter({ hasText: '中文' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-switch').filter({ hasText: 'EN' }).waitFor();
    expect(await page.getByTestId('demo-account-tag').textContent()).toContain('演示账号');

    await page.goto(`${server.url}/api/docs/`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Ronghe');
    expect(violations).toEqual([]);
    await context.close();

    // Without a session the documentation is not there.
    expect((await api('/api/docs/json')).status).toBe(401);
  }, 120_000);
});
