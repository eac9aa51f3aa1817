// B1 (BENCHMARKS.md): a full recompute of one period for every organisation — the year's cycle of every organ's
// branches, as the product computes it (each computed leaf's measure asked once per organ, every branch scored, the
// leaf values and totals written) — beside a floor: the same leaf values aggregated by one hand-written SQL statement
// straight on the database and written as one row per branch. The floor's values are compared with the product's, so
// the two are known to compute the same thing. Beside it (issue 13 point 6), the nightly evaluation of the fusion
// index and warnings: every organ evaluated in full, each in its own transaction, as the job does — held to B1's
// time limit (no floor: BENCHMARKS.md names none; its cost is reported against the assessment's in the notes).
import { sql } from 'kysely';
import { inTransaction } from '../server/src/core/context.ts';
import { computeCycle } from '../server/src/modules/assessment/index.ts';
import { organRoots } from '../server/src/modules/org/index.ts';
import { evaluateOrgan } from '../server/src/modules/warning/index.ts';
import { type BenchResult, type DbKind, openBenchDatabase, type Scale, startBenchServer } from './harness.ts';
import { loadW1 } from './workload.ts';

type FloorRow = { subjectId: string; key: string; v: number | null };

/** The leaf values of the default system for every branch of the year's cycles, in one statement. */
const FLOOR_SQL = (year: string, today: string) => sql<FloorRow>`
  with cyc as (
    select c.id, c.owner_unit_id as unit_id, c.starts_on as f, c.ends_on as t
    from assessment_cycle c
    where c.period_kind = 'year' and c.period_key = ${year} and c.level = 'branch'
  ),
  subj as (
    select o.unit_id, o.id, cyc.f, cyc.t
    from cyc join party_org o on o.unit_id = cyc.unit_id and o.kind = 'branch' and o.status = 'active'
  ),
  periods as (
    select s.id as subject, i.record_kind, i.domain, p.status, p.due_on, p.done_on
    from subj s
    join responsibility_item i on i.unit_id = s.unit_id and i.owner_org_id = s.id
    join responsibility_period p on p.unit_id = i.unit_id and p.item_id = i.id
    where p.due_on between s.f and s.t
  ),
  ob as (
    select subject,
      count(*) filter (where record_kind is not null and status = 'done') as held,
      count(*) filter (where record_kind is not null and status = 'open' and due_on < ${today}::date) as missing,
      count(*) filter (where record_kind is null and domain = 'party' and status <> 'exempt'
        and (status = 'done' or due_on < ${today}::date)) as pj,
      count(*) filter (where record_kind is null and domain = 'party' and status = 'done' and done_on <= due_on) as pn,
      count(*) filter (where record_kind is null and domain = 'business' and status <> 'exempt'
        and (status = 'done' or due_on < ${today}::date)) as bj,
      count(*) filter (where record_kind is null and domain = 'business' and status = 'done' and done_on <= due_on) as bn
    from periods group by subject
  ),
  recs as (
    select s.id as subject, r.id, r.kind, r.party_org_id = s.id as hosted, r.applied_to,
      exists (select 1 from fusion_project_record l where l.unit_id = r.unit_id and l.record_id = r.id) as linked
    from subj s
    join branch_record r on r.unit_id = s.unit_id and r.status = 'held' and r.kind <> 'talk'
      and r.held_on between s.f and s.t
      and (r.party_org_id = s.id or exists (
        select 1 from branch_record_joint j where j.unit_id = r.unit_id and j.record_id = r.id and j.party_org_id = s.id))
  ),
  rc as (
    select subject,
      count(*) filter (where hosted and kind = 'study' and trim(coalesce(applied_to, '')) <> '') as study,
      count(*) as n, count(*) filter (where linked) as linked
    from recs group by subject
  ),
  holds as (
    select s.id as subject, p.unit_id, p.id as project, p.stage, p.lead_org_id = s.id as leads, p.accepted_on, s.f, s.t
    from subj s join fusion_project p on p.unit_id = s.unit_id
    where p.lead_org_id = s.id
      or exists (select 1 from fusion_project_party j where j.unit_id = p.unit_id and j.project_id = p.id and j.party_org_id = s.id)
      or exists (select 1 from fusion_project_member m where m.unit_id = p.unit_id and m.project_id = p.id and m.party_org_id = s.id)
  ),
  ms as (
    select h.subject,
      count(*) filter (where m.done_on is not null or m.due_on < ${today}::date) as judged,
      count(*) filter (where m.done_on is not null and m.done_on <= m.due_on) as on_time
    from holds h join fusion_milestone m on m.unit_id = h.unit_id and m.project_id = h.project
    where h.stage <> 'terminated' and m.due_on between h.f and h.t
    group by h.subject
  ),
  kp as (
    select h.subject, count(*) as n,
      count(*) filter (where (k.direction = 'increase' and k.result >= k.target) or (k.direction <> 'increase' and k.result <= k.target)) as met
    from holds h join fusion_kpi k on k.unit_id = h.unit_id and k.project_id = h.project
    where h.stage <> 'terminated' and k.result is not null and k.measured_on between h.f and h.t
    group by h.subject
  ),
  acc as (
    select subject, count(*) filter (where leads and stage = 'accepted' and accepted_on between f and t) as n
    from holds group by subject
  ),
  br as (
    select s.id as subject, avg(case last.status when 'exemplary' then 100 when 'qualified' then 85
      when 'cultivating' then 60 when 'rectifying' then 40 else 0 end) as score
    from subj s join brand b on b.unit_id = s.unit_id and b.party_org_id = s.id
    join lateral (select r.status from brand_review r where r.unit_id = b.unit_id and r.brand_id = b.id
      and r.reviewed_on <= s.t order by r.reviewed_on desc, r.created_at desc limit 1) last on true
    group by s.id
  )
  select s.id as "subjectId", v.key, v.v from subj s
  left join ob on ob.subject = s.id left join rc on rc.subject = s.id left join ms on ms.subject = s.id
  left join kp on kp.subject = s.id left join acc on acc.subject = s.id left join br on br.subject = s.id
  cross join lateral (values
    ('party_function.life.on_time', case when coalesce(ob.held, 0) + coalesce(ob.missing, 0) > 0
      then ob.held::float8 / (ob.held + ob.missing) end),
    ('party_function.life.missed', case when coalesce(ob.held, 0) + coalesce(ob.missing, 0) > 0 then ob.missing::float8 end),
    ('decisions.party_duties', case when coalesce(ob.pj, 0) > 0 then ob.pn::float8 / ob.pj end),
    ('decisions.business_duties', case when coalesce(ob.bj, 0) > 0 then ob.bn::float8 / ob.bj end),
    ('cadres.study_applied', coalesce(rc.study, 0)::float8),
    ('cadres.records_linked', case when coalesce(rc.n, 0) > 0 then rc.linked::float8 / rc.n end),
    ('spirit.milestones', case when coalesce(ms.judged, 0) > 0 then ms.on_time::float8 / ms.judged end),
    ('central_work.project_kpis', case when coalesce(kp.n, 0) > 0 then kp.met::float8 / kp.n end),
    ('spirit.accepted', coalesce(acc.n, 0)::float8),
    ('party_function.brand', br.score::float8)
  ) as v(key, v)`;

const near = (a: number | null, b: number | null) =>
  (a === null && b === null) || (a !== null && b !== null && Math.abs(a - b) < 1e-9);

/** `w1Scale` shrinks W1 for the smoke test in `npm test`; the benchmark uses BENCHMARKS.md's W1 (scale 1). */
export async function runB1(
  db: DbKind,
  log: (line: string) => void,
  scale: Scale = 'W1',
  w1Scale = 1,
): Promise<BenchResult[]> {
  const server = await startBenchServer(await openBenchDatabase(db, scale, log));
  try {
    const ctx = server.ctx();
    if (scale === 'W1') await loadW1(ctx, w1Scale);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const year = today.slice(0, 4);
    const cycles = await ctx.db
      .selectFrom('assessmentCycle')
      .select(['id', 'ownerUnitId'])
      .where('periodKind', '=', 'year')
      .where('periodKey', '=', year)
      .where('level', '=', 'branch')
      .execute();
    if (cycles.length === 0) throw new Error('B1: the workload holds no cycle of the year');

    // The product: every organ's year cycle computed in full, each in its own transaction, as the route does.
    const t0 = performance.now();
    for (const c of cycles) await inTransaction(ctx, (tx) => computeCycle(tx, c.id));
    const product = performance.now() - t0;
    const rows = await ctx.db
      .selectFrom('assessmentResult as r')
      .innerJoin('assessmentCycle as c', 'c.id', 'r.cycleId')
      .select(['r.subjectId', 'r.leafValues'])
      .where('c.periodKind', '=', 'year')
      .where('c.periodKey', '=', year)
      .execute();

    // The floor: the same leaf values in one statement, written as one row per branch.
    await sql`create temporary table if not exists b1_floor (subject uuid, values jsonb)`.execute(ctx.db);
    await sql`truncate b1_floor`.execute(ctx.db);
    const f0 = performance.now();
    const floorRows = (await FLOOR_SQL(year, today).execute(ctx.db)).rows;
    const bySubject = new Map<string, Record<string, number | null>>();
    for (const r of floorRows)
      bySubject.set(r.subjectId, { ...(bySubject.get(r.subjectId) ?? {}), [r.key]: r.v });
    const payload = JSON.stringify([...bySubject].map(([subject, values]) => ({ subject, values })));
    await sql`insert into b1_floor select (e->>'subject')::uuid, e->'values' from jsonb_array_elements(${payload}::jsonb) e`.execute(
      ctx.db,
    );
    const floor = performance.now() - f0;

    // Same results: every floor value equals the product's.
    let compared = 0;
    let differ = 0;
    for (const r of rows) {
      const mine = new Map(
        (r.leafValues as { k: string; v: number | null }[]).map((e) => [e.k, e.v] as const),
      );
      for (const [key, v] of Object.entries(bySubject.get(r.subjectId) ?? {})) {
        compared++;
        if (!near(mine.get(key) ?? null, v)) differ++;
      }
    }
    // The fusion index and warnings of every organ, as the nightly job evaluates them.
    const organs = await organRoots(ctx.db);
    const w0 = performance.now();
    let evaluated = 0;
    let raised = 0;
    for (const o of organs) {
      const e = await evaluateOrgan(ctx, o.unitId);
      evaluated += e.organisations;
      raised += e.raised;
    }
    const warnings = performance.now() - w0;

    const notes = `${cycles.length} 个机关的年度考核，${rows.length} 个党支部；产品 ${(product / 1000).toFixed(2)} s，SQL 基线 ${(floor / 1000).toFixed(2)} s；逐项核对 ${compared} 个指标值，不一致 ${differ} 个`;
    log(`B1 ${db} ${scale}: ${notes}`);
    const limit = scale === 'W2' ? 60_000 : 10_000;
    return [
      {
        id: 'B1',
        scale,
        db,
        figure: '全量重算一个期间（各机关年度考核：全部党支部的指标值、得分与结果）',
        value: product,
        unit: 'ms',
        floorName: '同样指标值由一条手写 SQL 汇总并写入',
        floor,
        target: scale === 'W2' ? '≤ SQL 基线的 2 倍，且 60 s 内' : '内嵌 10 s 内',
        met: differ === 0 && product <= limit && (scale !== 'W2' || product <= 2 * floor),
        notes,
        details: { subjects: rows.length, compared, differ },
      },
      {
        id: 'B1',
        scale,
        db,
        figure: '融合度与预警全量评估（所有机关：本季度融合度、启用的各项预警规则、等级与升级）',
        value: warnings,
        unit: 'ms',
        floorName: '',
        floor: null,
        target: scale === 'W2' ? '60 s 内' : '内嵌 10 s 内',
        met: warnings <= limit,
        notes: `${organs.length} 个机关、${evaluated} 个组织（机关党委与党支部）；新发预警 ${raised} 条；同一轮考核全量重算 ${(product / 1000).toFixed(2)} s`,
        details: { organs: organs.length, organisations: evaluated, raised },
      },
    ];
  } finally {
    await server.close();
  }
}
