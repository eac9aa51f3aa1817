import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';

// An officer on a phone imports the roster their organ already keeps (issue 7 point 1): a title row, their own
// headers, an extra column and a total row. The mapping step names the column it will not import and shows the
// rows as they will be stored; nothing is written until they confirm.

let server: RunningServer;
let browser: Browser;
const files = mkdtempSync(join(tmpdir(), 'ronghe-e2e-mapping-'));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function organRoster(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['直属机关党委党员花名册']);
  ws.mergeCells(1, 1, 1, 6);
  ws.addRow([]);
  ws.addRow(['序号', '姓名', '公民身份号码', '党员类别', '党组织编码', '联系电话', '备注']);
  for (let i = 0; i < 2; i++) {
    const first17 = `330203198805${10 + i}00${i + 1}`;
    ws.addRow([
      i + 1,
      `映射测试${i}`,
      `${first17}${idNumberCheckChar(first17)}`,
      '正式党员',
      'JG-B01',
      null,
      '无',
    ]);
  }
  ws.addRow(['合计', '共 2 人']);
  const file = join(files, 'organ-roster.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

it('maps an organ’s own roster on a phone, lists the column it drops and imports only when confirmed', async () => {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-username').fill('jiguan');
  await page.getByTestId('login-password').fill('Demo-Pass-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();

  await page.goto(`${server.url}/import`);
  await page.getByTestId('import-kind-members').click();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-template-download').waitFor();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-upload-input').setInputFiles(await organRoster());

  await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 });
  const unmapped = await page.getByTestId('import-unmapped').textContent();
  expect(unmapped).toContain('备注');
  expect(unmapped).toContain('序号');
  expect(await page.getByTestId('import-notices').textContent()).toContain('合计');
  const previewText = await page.getByTestId('import-preview').textContent();
  expect(previewText).toContain('映射测试0');
  expect(previewText).not.toMatch(/\d{17}/);

  // Nothing is written before the confirmation.
  const before = await page.evaluate(async () => {
    const r = await fetch('/api/members?q=映射测试');
    return ((await r.json()) as { total: number }).total;
  });
  expect(before).toBe(0);

  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('import-result').getAttribute('data-applied')).toBe('true');
  expect(await page.getByTestId('import-created').textContent()).toContain('2');
  await context.close();
}, 300_000);

it('shows each refused row with its reason on a phone, inside the screen', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['姓名', '公民身份号码', '党员类别', '党组织编码']);
  const good = '33020319880520003';
  ws.addRow(['手机核对甲', `${good}${idNumberCheckChar(good)}`, '正式党员', 'JG-B01']);
  // A wrong check digit, written out: the reason must say so.
  const bad = '33020319880521004';
  const wrong = idNumberCheckChar(bad) === '1' ? '2' : '1';
  ws.addRow(['手机核对乙', `${bad}${wrong}`, '正式党员', 'JG-B01']);
  const file = join(files, 'phone-bad-row.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 375, height: 740 },
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-username').fill('jiguan');
  await page.getByTestId('login-password').fill('Demo-Pass-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();
  await page.goto(`${server.url}/import`);
  await page.getByTestId('import-kind-members').click();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-template-download').waitFor();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-upload-input').setInputFiles(file);

  const item = page.getByTestId('import-issue-item');
  await item.first().waitFor({ timeout: 60_000 });
  expect(await item.count()).toBe(1);
  const text = (await item.first().textContent()) ?? '';
  expect(text).toContain('3'); // sheet row 3: the header is row 1
  expect(text).toContain('公民身份号码');
  expect(text).toContain('校验位');
  // The reason is on the screen, not behind a horizontal scroll.
  const box = await item.first().boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await context.close();
}, 300_000);
