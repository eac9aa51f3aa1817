// B5 (BENCHMARKS.md): the web app. Initial JS: what web/dist/index.html loads up front (its module script and
// modulepreloads), each file gzip-compressed, summed. Time until the member list is usable: headless Chromium with
// 4× CPU slowdown, signed in as the W1 demo organ's committee officer, cold cache, from navigation to /members until
// the list's first row is painted — the median of a few runs, beside the same without slowdown (same run). The
// one-page overview (一张图, issue 13 point 5) the same way: from navigation to /warnings until the counts by level
// (and the list of open warnings, drawn from the same answer) are painted, the organ evaluated first; the treemap's
// canvas (ECharts, loaded lazily) is timed beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/harness.ts';
import { evaluateOrgan } from '../server/src/modules/warning/index.ts';
import { B3_SIZE } from './b3-api-load.ts';
import { type BenchResult, type DbKind, openBenchDatabase, startBenchServer } from './harness.ts';
import { loadW1 } from './workload.ts';

const DIST = 'web/dist';
const KB = 1024;
const ROW = '[data-testid="member-table"] tr.ant-table-row';
/** The overview is usable when its counts by level and its list of open warnings are painted (charts come later). */
const OVERVIEW = '[data-testid="warning-count-red-value"]';
const OVERVIEW_CHART = '[data-testid="warning-treemap"] canvas';

export type B5Size = { scale: number; runs: number; cpuSlowdown: number };
export const B5_SIZE: B5Size = { scale: B3_SIZE.scale, runs: 3, cpuSlowdown: 4 };

const gzipBytes = (path: string) => gzipSync(readFileSync(path)).length;

/** The JS files index.html loads before anything runs: its module scripts and modulepreloads. */
export function initialScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1] as string);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set([...srcs, ...preloads])];
}

type Marked = Window & { __firstRowAt?: number };

/** Milliseconds from navigation start until `ready` is painted on `path` (the member list's first row by default). */
async function timeMemberList(
  browser: Browser,
  url: string,
  cookies: { name: string; value: string }[],
  slowdown: number,
  path = '/members',
  ready = ROW,
): Promise<{ ms: number; scripts: string[]; styles: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    await context.addCookies(cookies.map((c) => ({ ...c, url })));
    const page = await context.newPage();
    const scripts: string[] = [];
    const styles: string[] = [];
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (path.endsWith('.js')) scripts.push(path);
      if (path.endsWith('.css')) styles.push(path);
    });
    // Records, in the page's own clock, the frame after the first row appears. A string, not a function: tsx would
    // wrap a function's inner names in a helper that the page does not have.
    await page.addInitScript(`{
      const observer = new MutationObserver(() => {
        if (!document.querySelector(${JSON.stringify(ready)})) return;
        observer.disconnect();
        requestAnimationFrame(() => { window.__firstRowAt = performance.now(); });
      });
      observer.observe(document, { childList: true, subtree: true });
    }`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await page.goto(`${url}${path}`, { waitUntil: 'commit' });
    // Functions here (the page's CSP forbids evaluating strings), without inner names.
    await page.waitForFunction(() => (window as Marked).__firstRowAt !== undefined, undefined, {
      timeout: 60_000,
      polling: 50,
    });
    const ms = (await page.evaluate(() => (window as Marked).__firstRowAt)) as number;
    return { ms, scripts, styles };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

export async function runB5(
  db: DbKind,
  log: (line: string) => void,
  size: B5Size = B5_SIZE,
): Promise<BenchResult[]> {
  if (!existsSync(join(DIST, 'index.html'))) {
    log('B5: web/dist is missing; building the web app (npm run build:web) …');
    const built = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('B5: npm run build:web failed');
  }
  const initial = initialScripts(readFileSync(join(DIST, 'index.html'), 'utf8'));
  const initialGzip = initial.reduce((sum, src) => sum + gzipBytes(join(DIST, src)), 0);
  const initialRaw = initial.reduce((sum, src) => sum + readFileSync(join(DIST, src)).length, 0);
  log(`B5: initial JS ${initial.length} files, ${(initialGzip / KB).toFixed(1)} KB gzip`);

  const server = await startBenchServer(await openBenchDatabase(db));
  const browser = await launchBrowser();
  try {
    const w1 = await loadW1(server.ctx(), size.scale);
    const officer = await server.signIn(w1.officer.username, w1.officer.password);
    // A first, unmeasured load warms the server (JIT, database caches), not the browser: every run is a new context.
    const warm = await timeMemberList(browser, server.url, officer.cookies, 1);
    const listScripts = [...new Set(warm.scripts)];
    const listGzip = listScripts.reduce((sum, src) => sum + gzipBytes(join(DIST, src)), 0);
    // Not JS, so not in the figure; but the styles antd once generated in JS now come as a stylesheet (ADR 21).
    const listStyles = [...new Set(warm.styles)];
    const stylesGzip = listStyles.reduce((sum, src) => sum + gzipBytes(join(DIST, src)), 0);
    const plain: number[] = [];
    const slowed: number[] = [];
    for (let i = 0; i < size.runs; i++) {
      plain.push((await timeMemberList(browser, server.url, officer.cookies, 1)).ms);
      slowed.push((await timeMemberList(browser, server.url, officer.cookies, size.cpuSlowdown)).ms);
    }
    const usable = median(slowed);
    const floor = median(plain);
    // The overview: the organ evaluated (as the nightly job leaves it), then the same runs on /warnings.
    await evaluateOrgan(server.ctx(), w1.unitId);
    await timeMemberList(browser, server.url, officer.cookies, 1, '/warnings', OVERVIEW);
    const oPlain: number[] = [];
    const oSlowed: number[] = [];
    for (let i = 0; i < size.runs; i++) {
      oPlain.push((await timeMemberList(browser, server.url, officer.cookies, 1, '/warnings', OVERVIEW)).ms);
      oSlowed.push(
        (await timeMemberList(browser, server.url, officer.cookies, size.cpuSlowdown, '/warnings', OVERVIEW))
          .ms,
      );
    }
    const overview = median(oSlowed);
    const charts: number[] = [];
    for (let i = 0; i < size.runs; i++)
      charts.push(
        (
          await timeMemberList(
            browser,
            server.url,
            officer.cookies,
            size.cpuSlowdown,
            '/warnings',
            OVERVIEW_CHART,
          )
        ).ms,
      );
    log(
      `B5 ${db}: overview usable in ${overview.toFixed(0)} ms at ${size.cpuSlowdown}× slowdown ` +
        `(${oSlowed.map((x) => x.toFixed(0)).join(', ')}), ${median(oPlain).toFixed(0)} ms without`,
    );
    log(
      `B5 ${db}: member list usable in ${usable.toFixed(0)} ms at ${size.cpuSlowdown}× slowdown ` +
        `(${slowed.map((x) => x.toFixed(0)).join(', ')}), ${floor.toFixed(0)} ms without (${plain.map((x) => x.toFixed(0)).join(', ')})`,
    );
    return [
      {
        id: 'B5',
        db,
        figure: '首屏 JS（index.html 直接加载的脚本，gzip 后合计）',
        value: initialGzip / KB,
        unit: 'KB',
        floorName: '',
        floor: null,
        target: '≤ 350 KB gzip',
        met: initialGzip <= 350 * KB,
        notes: `${initial.length} 个文件，未压缩 ${(initialRaw / KB).toFixed(0)} KB；打开党员列表共加载 ${listScripts.length} 个脚本，gzip 后 ${(listGzip / KB).toFixed(0)} KB，另有 ${listStyles.length} 个样式表，gzip 后 ${(stylesGzip / KB).toFixed(0)} KB`,
        details: {
          initialGzipBytes: initialGzip,
          initialRawBytes: initialRaw,
          files: initial.join(' '),
          listStylesGzipBytes: stylesGzip,
        },
      },
      {
        id: 'B5',
        db,
        figure: `党员列表可用时间（Chromium，CPU 降速 ${size.cpuSlowdown}×，冷缓存）`,
        value: usable,
        unit: 'ms',
        floorName: '同一轮不降速',
        floor,
        target: '≤ 2000 ms',
        met: usable <= 2000,
        notes: `从导航开始到第一行绘出，${size.runs} 次取中位数（${slowed.map((x) => x.toFixed(0)).join('、')} ms）；W1 规模 ${size.scale}，${w1.members} 名党员`,
        details: { runs: slowed.join(' '), floorRuns: plain.join(' '), members: w1.members },
      },
      {
        id: 'B5',
        db,
        figure: `一张图可用时间（Chromium，CPU 降速 ${size.cpuSlowdown}×，冷缓存）`,
        value: overview,
        unit: 'ms',
        floorName: '同一轮不降速',
        floor: median(oPlain),
        target: '≤ 2000 ms',
        met: overview <= 2000,
        notes: `从导航到 /warnings 起到各级预警数与预警列表绘出，${size.runs} 次取中位数（${oSlowed.map((x) => x.toFixed(0)).join('、')} ms）；图表（ECharts 按需加载）随后绘出，色块图中位数 ${median(charts).toFixed(0)} ms；机关党委工作人员视角，评估后的 W1 机关`,
        details: { runs: oSlowed.join(' '), floorRuns: oPlain.join(' '), chartRuns: charts.join(' ') },
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
