// B2 (BENCHMARKS.md): one record written → that organisation's scores and ranks current. A branch secretary's study
// session is written through the API (validated, the prefill, the obligations settled, the audit trail) and, in the
// same request, the open cycles whose period covers its day score that branch again; the latency is the request's,
// as the secretary waits for it, p50 and p95 over a run. Floor: a single-row insert and commit on the same database.
// After the run the branch's year result must count every session written: the scores are current, not queued.
// Beside it (issue 13 point 6): the record marks its branch for the warnings, and the minute's job evaluates the
// marked branch and its organ's root — the time of that one evaluation, p50 and p95, after each of a second run of
// writes (the request itself only adds the mark, so B2's own figure includes it).
import { sql } from 'kysely';
import { evaluateMarked } from '../server/src/modules/warning/index.ts';
import {
  type BenchResult,
  type DbKind,
  openBenchDatabase,
  percentile,
  type Scale,
  startBenchServer,
} from './harness.ts';
import { demoOrganOf, loadW1 } from './workload.ts';

const SAMPLES = 60;

export async function runB2(
  db: DbKind,
  log: (line: string) => void,
  scale: Scale = 'W1',
  size: { samples: number; w1Scale: number } = { samples: SAMPLES, w1Scale: 1 },
): Promise<BenchResult[]> {
  const { samples } = size;
  const server = await startBenchServer(await openBenchDatabase(db, scale, log));
  try {
    const ctx = server.ctx();
    const w1 = scale === 'W1' ? await loadW1(ctx, size.w1Scale) : await demoOrganOf(ctx, 0);
    const officer = await server.signIn(w1.officer.username, w1.officer.password);
    const member = await ctx.db
      .selectFrom('member')
      .select('id')
      .where('partyOrgId', '=', w1.branchId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const year = today.slice(0, 4);
    const studies = async () => {
      const r = await ctx.db
        .selectFrom('assessmentResult as r')
        .innerJoin('assessmentCycle as c', 'c.id', 'r.cycleId')
        .select('r.leafValues')
        .where('r.subjectId', '=', w1.branchId)
        .where('c.periodKind', '=', 'year')
        .where('c.periodKey', '=', year)
        .executeTakeFirstOrThrow();
      return (
        (r.leafValues as { k: string; v: number | null }[]).find((e) => e.k === 'cadres.study_applied')?.v ??
        0
      );
    };
    const before = await studies();

    const write = async (i: number) => {
      const t0 = performance.now();
      const res = await officer.fetch('/api/branch/records', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          partyOrgId: w1.branchId,
          kind: 'study',
          heldOn: today,
          topic: `B2 学习 ${i}`,
          studied: '《优化营商环境条例》',
          appliedTo: '窗口服务提速',
          attendees: [{ memberId: member.id, attendance: 'present' }],
        }),
      });
      const body = await res.text();
      if (!res.ok) throw new Error(`B2: a record answered ${res.status} ${body.slice(0, 300)}`);
      return performance.now() - t0;
    };
    // Two unmeasured writes warm the statements' plans.
    await write(-1);
    await write(-2);
    const took: number[] = [];
    for (let i = 0; i < samples; i++) took.push(await write(i));
    const after = await studies();

    // The warnings of the written branch: its mark evaluated by the job's function, once per write.
    await evaluateMarked(ctx);
    const marked: number[] = [];
    for (let i = 0; i < Math.min(samples, 20); i++) {
      await write(1000 + i);
      const t0 = performance.now();
      const done = await evaluateMarked(ctx);
      marked.push(performance.now() - t0);
      if (done.organisations === 0) throw new Error('B2: the record marked nothing for the warnings');
    }
    marked.sort((a, b) => a - b);
    const [m50, m95] = [percentile(marked, 50), percentile(marked, 95)];

    await sql`create temporary table if not exists b2_floor (id serial primary key, v text)`.execute(ctx.db);
    const floor: number[] = [];
    for (let i = 0; i < samples + 2; i++) {
      const t0 = performance.now();
      await sql`insert into b2_floor (v) values (${`B2 ${i}`})`.execute(ctx.db);
      if (i >= 2) floor.push(performance.now() - t0);
    }
    took.sort((a, b) => a - b);
    floor.sort((a, b) => a - b);
    const [p50, p95, f50, f95] = [
      percentile(took, 50),
      percentile(took, 95),
      percentile(floor, 50),
      percentile(floor, 95),
    ];
    const current = after - before === samples + 2;
    const target = scale === 'W2' || db === 'server' ? 50 : 100;
    const notes = `${samples} 次新增学习记录（经 HTTP，含校验、责任清单结算与审计），每次同一请求内重算覆盖该日的各期考核中该支部的得分；写入后该支部年度“学用融合次数”由 ${before} 变为 ${after}（${current ? '即时反映' : '未即时反映'}）`;
    log(
      `B2 ${db} ${scale}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; floor p50 ${f50.toFixed(2)} ms; ${notes}`,
    );
    return [
      {
        id: 'B2',
        scale,
        db,
        figure: '写入一条记录至得分与排名更新 p95',
        value: p95,
        unit: 'ms',
        floorName: '单行插入+提交 p95',
        floor: f95,
        target: `p95 ≤ ${target} ms`,
        met: current && p95 <= target,
        notes,
        details: { p50, p95, floorP50: f50, floorP95: f95 },
      },
      {
        id: 'B2',
        scale,
        db,
        figure: '写入一条记录后融合度与预警更新（每分钟任务处理该支部及机关党委）p95',
        value: m95,
        unit: 'ms',
        floorName: '',
        floor: null,
        target: 'p95 ≤ 1000 ms（后台任务，不在请求内）',
        met: m95 <= 1000,
        notes: `${marked.length} 次写入后各处理一次；p50 ${m50.toFixed(1)} ms；请求本身只多写一条待评估标记`,
        details: { p50: m50, p95: m95 },
      },
      {
        id: 'B2',
        scale,
        db,
        figure: '写入一条记录至得分与排名更新 p50',
        value: p50,
        unit: 'ms',
        floorName: '单行插入+提交 p50',
        floor: f50,
        target: '（p50 仅供对照）',
        met: current,
        notes: `${samples} 次`,
      },
    ];
  } finally {
    await server.close();
  }
}
