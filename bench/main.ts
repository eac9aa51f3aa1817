// `npm run bench [-- --only B7] [-- --db embedded|server]`: runs the benchmarks of BENCHMARKS.md that exist so far,
// prints a table (figure, floor, ratio, target, met or not) and writes docs/benchmarks.md and docs/benchmarks.json.
// Run it alone on the machine: its figures are only as quiet as the machine is.
import { writeFileSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runB7 } from './b7-responsiveness.ts';
import { type BenchResult, DB_LABEL, type DbKind } from './harness.ts';

// Issue 8 adds B3 (API under load), B4 (imports against COPY), B5 (the web app), B6 (memory) and the workloads.
const BENCHMARKS: Record<string, (db: DbKind, log: (line: string) => void) => Promise<BenchResult[]>> = {
  B7: runB7,
};

const { values } = parseArgs({
  options: { only: { type: 'string' }, db: { type: 'string' }, out: { type: 'string', default: 'docs' } },
});
const ids = values.only ? values.only.split(',') : Object.keys(BENCHMARKS);
const dbs = (values.db ? values.db.split(',') : ['embedded', 'server']) as DbKind[];
for (const id of ids)
  if (!BENCHMARKS[id]) throw new Error(`unknown benchmark ${id}; known: ${Object.keys(BENCHMARKS)}`);

const log = (line: string) => process.stdout.write(`${line}\n`);
const results: BenchResult[] = [];
for (const id of ids) {
  for (const db of dbs) {
    log(`… ${id} on ${DB_LABEL[db]}`);
    results.push(...(await (BENCHMARKS[id] as (typeof BENCHMARKS)[string])(db, log)));
  }
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const rows = results.map(
  (r) =>
    `| ${r.id} | ${DB_LABEL[r.db]} | ${r.figure} | ${fmt(r.value)} ${r.unit} | ${r.floorName}: ${fmt(r.floor)} ${r.unit} | ${(r.value / r.floor).toFixed(1)}× | ${r.target} | ${r.met ? '达标' : '**未达标**'} | ${r.notes ?? ''} |`,
);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? arch()}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.versions.node}`;
const table = [
  '| 编号 | 数据库 | 指标 | 测得 | 同轮基线 | 比值 | 目标 | 结论 | 说明 |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
log(`\n${table}\n`);
writeFileSync(
  `${values.out}/benchmarks.md`,
  `# 性能基准 Benchmarks\n\n由 \`npm run bench\` 生成（${new Date().toISOString().slice(0, 10)}，${machine}）。每个数字都与同一轮测得的基线相比（见 BENCHMARKS 的约定）；目标未达到的，说明写在下方。\n\n${table}\n`,
);
writeFileSync(`${values.out}/benchmarks.json`, `${JSON.stringify({ machine, results }, null, 2)}\n`);
process.exit(0);
