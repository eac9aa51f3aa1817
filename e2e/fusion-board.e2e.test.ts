import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeDialog, launchBrowser, type RunningServer, startServer } from './harness.ts';

// Fusion work in Chromium (issue 11.8): the organ committee's officer of the demo organ registers a department's
// need and a branch's resource, accepts the pair the board suggests (explained), approves the project, starts it,
// adds a business KPI with its measured result and accepts the project; the need then shows 已销号. Then the same
// pages at a phone's width, with nothing wider than the screen.

let server: RunningServer;
let browser: Browser;
const DEMO_PASSWORD = 'Demo-Pass-2026';
const KEYWORD = '数据治理';

type Org = { id: string; name: string; kind: string; status: string; departmentIds: string[] };
type Department = { id: string; name: string };
type MemberRow = { partyOrgId: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(username: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
  // A browser twenty hours behind China: its own calendar is a day behind the server's most of the day, and the step
  // dialogs must still offer China's today (a project proposed "tomorrow" could not be approved "today").
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Etc/GMT+12' });
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

/** A branch with a secretary (the project's default owner) serving a department (支部建在科上). */
async function branchAndDepartment(page: Page): Promise<{ branch: Org; department: Department }> {
  const orgs = await api<Org[]>(page, '/api/party-orgs');
  const departments = await api<Department[]>(page, '/api/departments');
  const secretaries = await api<{ items: MemberRow[] }>(
    page,
    '/api/members?partyPost=secretary&pageSize=200',
  );
  const led = new Set(secretaries.items.map((m) => m.partyOrgId));
  const names = new Map<string, number>();
  for (const o of orgs) names.set(o.name, (names.get(o.name) ?? 0) + 1);
  for (const branch of orgs) {
    if (branch.kind !== 'branch' || branch.status !== 'active' || !led.has(branch.id)) continue;
    // Names of their own, so that typing them in the pickers finds one node.
    if (names.get(branch.name) !== 1) continue;
    const department = departments.find(
      (d) => branch.departmentIds.includes(d.id) && departments.filter((x) => x.name === d.name).length === 1,
    );
    if (department) return { branch, department };
  }
  throw new Error('the demo organ has no branch with a secretary serving a department');
}

/** Types into a tree picker and picks the node of that exact title. */
async function pickTreeNode(page: Page, testId: string, title: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(title);
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${title}"]`)
    .first()
    .click();
}

async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: label })
    .first()
    .click();
}

/** A number field: the test id may sit on the input itself or on its wrapper. */
async function fillNumber(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  const isInput = await field.evaluate((e) => e.tagName === 'INPUT');
  await (isInput ? field : field.locator('input')).fill(value);
}

async function addTag(page: Page, testId: string, tag: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(tag);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

it('turns a need and a resource into a project on the board and takes it to acceptance', async () => {
  const page = await signIn('jiguan');
  const { branch, department } = await branchAndDepartment(page);
  const stamp = Date.now().toString(36);
  const needTitle = `窗口办件排队时间长 ${stamp}`;
  const resourceTitle = `政务窗口党员先锋岗 ${stamp}`;

  // 1. The need, from the menu's 融合项目 group.
  await page.getByTestId('menu-group-fusion').click();
  await page.getByTestId('menu-fusion/needs').click();
  await page.getByTestId('needs-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('need-new').click();
  await pickTreeNode(page, 'need-department', department.name);
  await page.getByTestId('need-title').fill(needTitle);
  await page.getByTestId('need-problem').fill('高峰时段群众排队超过 40 分钟，投诉较多。');
  await page.getByTestId('need-kpi').fill('平均等候时长');
  await page.getByTestId('need-raised-by').fill('办公室主任');
  await addTag(page, 'need-tags', KEYWORD);
  await page.getByTestId('need-save').click();
  const needRow = page.locator('[data-testid="needs-table-row"]').filter({ hasText: needTitle });
  await needRow.waitFor({ timeout: 30_000 });
  expect(await needRow.getByTestId('need-status').textContent()).toBe('待认领');

  // 2. The resource: the branch's pioneer post, with the same keyword.
  await page.getByTestId('menu-fusion/resources').click();
  await page.getByTestId('resources-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('resource-new').click();
  await pickTreeNode(page, 'resource-branch', branch.name);
  await pickOption(page, 'resource-kind', '党员先锋岗');
  await page.getByTestId('resource-title').fill(resourceTitle);
  await addTag(page, 'resource-tags', KEYWORD);
  await page.getByTestId('resource-save').click();
  await page.locator('[data-testid="resources-table-row"]').filter({ hasText: resourceTitle }).waitFor();

  // 3. The board suggests the pair, explained, and the officer accepts it: the project draft opens.
  await page.getByTestId('menu-fusion/board').click();
  const suggestion = page.locator('[data-testid="board-suggestion"]').filter({ hasText: needTitle }).filter({
    hasText: resourceTitle,
  });
  await suggestion.waitFor({ timeout: 30_000 });
  const reasons = (await suggestion.getByTestId('suggestion-reasons').textContent()) ?? '';
  expect(reasons).toContain(`${branch.name}联系${department.name}（支部建在科上）`);
  expect(reasons).toContain(`共同关键词：${KEYWORD}`);
  expect(reasons).toContain('还可承担 1 个项目（共 1 个）');
  expect(Number(await suggestion.getByTestId('suggestion-score').locator('strong').textContent())).toBe(
    40 + 15 + 5,
  );
  await suggestion.getByTestId('suggestion-accept').click();
  await page.getByTestId('pair-accept-dialog').waitFor();
  await page.getByTestId('pair-accept-confirm').click();
  await page.getByTestId('project-page').waitFor({ timeout: 30_000 });
  const stage = page.getByTestId('project-page').getByTestId('project-stage').first();
  expect(await stage.textContent()).toBe('论证');
  expect(await page.getByTestId('project-title-text').textContent()).toBe(needTitle);

  // 4. 立项 waits for the goal, a milestone and a KPI: the dialog says so before the officer tries.
  await page.getByTestId('project-step-approve').click();
  const gaps = page.getByTestId('step-gaps');
  await gaps.waitFor();
  expect(await gaps.locator('li').count()).toBe(3);
  await closeDialog(page, gaps);

  await page.getByTestId('project-edit').click();
  await page.getByTestId('project-goal').fill('高峰时段平均等候时长降到 15 分钟以内。');
  await page.getByTestId('project-save').click();
  await page.getByTestId('project-goal').waitFor({ state: 'hidden' });

  await page.getByTestId('milestone-new').click();
  await page.getByTestId('milestone-title').fill('先锋岗上岗，高峰时段引导分流');
  await page.getByTestId('milestone-due').click();
  await page.keyboard.type(`${new Date().getFullYear()}-12-31`);
  await page.keyboard.press('Enter');
  await page.getByTestId('milestone-save').click();
  const milestone = page.getByTestId('milestone').filter({ hasText: '先锋岗上岗' });
  await milestone.waitFor({ timeout: 30_000 });

  // A KPI (the need's KPI comes in as its name).
  await page.getByTestId('kpi-new').click();
  expect(await page.getByTestId('kpi-name').inputValue()).toBe('平均等候时长');
  await page.getByTestId('kpi-unit').fill('分钟');
  await page.locator('.ant-modal:visible').getByText('越低越好').click();
  await fillNumber(page, 'kpi-baseline', '40');
  await fillNumber(page, 'kpi-target', '15');
  await page.getByTestId('kpi-save').click();
  const kpiTable = page.getByTestId('kpi-table');
  await kpiTable.getByText('平均等候时长').waitFor({ timeout: 30_000 });

  await page.getByTestId('project-step-approve').click();
  expect(await page.getByTestId('step-gaps').count()).toBe(0);
  await page.getByTestId('step-confirm').click();
  await expect.poll(() => stage.textContent(), { timeout: 30_000 }).toBe('立项');
  // The approval's dialog gone (not merely closing), so the next confirm is the start's own.
  await expect.poll(() => page.getByTestId('step-confirm').count(), { timeout: 30_000 }).toBe(0);

  // 5. 推进; the milestone done, the KPI measured.
  await page.getByTestId('project-step-start').click();
  await page.locator('.ant-modal:visible').getByTestId('step-confirm').click();
  await expect.poll(() => stage.textContent(), { timeout: 30_000 }).toBe('推进');
  await expect.poll(() => page.getByTestId('step-confirm').count(), { timeout: 30_000 }).toBe(0);
  await milestone.getByTestId('milestone-done').click();
  await expect.poll(() => milestone.textContent(), { timeout: 30_000 }).toContain('完成');

  // Acceptance names the KPI still lacking its result.
  await page.getByTestId('project-step-accept').click();
  await page.getByTestId('step-kpis-lacking').waitFor();
  expect(await page.getByTestId('step-kpis-lacking').textContent()).toContain('平均等候时长');
  await closeDialog(page, page.getByTestId('step-kpis-lacking'));

  await page.getByTestId('kpi-record-result').click();
  await fillNumber(page, 'kpi-result', '12');
  await page.getByTestId('kpi-result-save').click();
  await kpiTable.getByTestId('kpi-met').waitFor({ timeout: 30_000 });
  expect(await kpiTable.getByTestId('kpi-met').textContent()).toBe('达标');

  // 6. 验收 with the outcome.
  await page.getByTestId('project-step-accept').click();
  expect(await page.getByTestId('step-kpis-lacking').count()).toBe(0);
  await page.getByTestId('step-outcome').fill('增设党员先锋岗引导分流，高峰等候由 40 分钟降至 12 分钟。');
  await page.getByTestId('step-confirm').click();
  await expect.poll(() => stage.textContent(), { timeout: 30_000 }).toBe('验收');
  expect(await page.getByTestId('project-outcome').textContent()).toContain('12 分钟');
  expect(await page.getByTestId('project-step-accept').count()).toBe(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('project-document').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);

  // 7. The need is closed (已销号) on the needs page, the project listed under it.
  await page.getByTestId('menu-fusion/needs').click();
  const closedRow = page.locator('[data-testid="needs-table-row"]').filter({ hasText: needTitle });
  await closedRow.waitFor({ timeout: 30_000 });
  await expect
    .poll(() => closedRow.getByTestId('need-status').textContent(), { timeout: 30_000 })
    .toBe('已销号');
}, 240_000);

it('offers a pair by dragging a resource onto a need, or by the resource card’s 「匹配到…」', async () => {
  const page = await signIn('jiguan');
  await page.goto(`${server.url}/fusion/board`);
  const need = page.getByTestId('board-need').first();
  const resource = page.getByTestId('board-resource').first();
  await need.waitFor({ timeout: 30_000 });
  const needTitle = (await need.locator('strong').first().textContent()) ?? '';
  const dialog = page.getByTestId('pair-accept-dialog');

  await resource.dragTo(need);
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(needTitle);
  await closeDialog(page, dialog);

  await resource.getByTestId('board-match-to').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await dialog.waitFor();
  await closeDialog(page, dialog);
}, 120_000);

it('keeps the fusion pages within a phone’s width', async () => {
  const page = await signIn('jiguan', { width: 390, height: 844 });
  const projects = await api<{ id: string }[]>(
    page,
    `/api/fusion/projects?unitId=${(await api<{ id: string }[]>(page, '/api/units'))[0]?.id}`,
  );
  const paths = ['/fusion/needs', '/fusion/resources', '/fusion/board', '/fusion/projects'];
  if (projects[0]) paths.push(`/fusion/projects/${projects[0].id}`);
  for (const path of paths) {
    await page.goto(`${server.url}${path}`);
    const testId = path.startsWith('/fusion/projects/') ? 'project-page' : `${path.split('/')[2]}-page`;
    await page.getByTestId(testId).waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
}, 180_000);
