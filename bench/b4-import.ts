// B4 (BENCHMARKS.md): a 100,000-row member roster (.xlsx, the template's four required columns) imported through
// the product — over real HTTP, `POST /api/members/import`, signed in as an organ committee officer, with every check
// of an interactive import — beside PostgreSQL's own COPY of the same 100,000 member rows into the same database in
// the same run. Also: the peak RSS of this process (the server's) during the import, with whether the memory the
// import holds stays flat while the file streams, and that a file with one bad row near its end changes nothing.
// The 1,000,000-row KPI .csv of BENCHMARKS.md waits for a KPI import to exist.

import { randomUUID } from 'node:crypto';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { sql } from 'kysely';
import { insertPartyOrg } from '../test/factories.ts';
import { copyField, openEmbeddedWithCopy, openServerWithCopy } from './copy-floor.ts';
import { type BenchResult, type DbKind, type Scale, sampleRss, startBenchServer } from './harness.ts';
import { bigRoster, multipartRoster } from './roster.ts';

export type B4Size = { rows: number };
export const B4_SIZE: B4Size = { rows: 100_000 };

const MB = 2 ** 20;
const BRANCH = 'B4-1';

/**
 * Every 100 ms: RSS and (once a second: walking PGlite's in-memory files takes a few milliseconds of the one thread
 * the import runs on) the database's own bytes; sampleRss keeps only the peak. And after every full (mark-compact)
 * garbage collection the V8 heap still in use: what the process holds live at that moment, without garbage.
 */
function memorySeries(databaseBytes: () => number) {
  const points: { t: number; rss: number; database: number }[] = [];
  const live: { t: number; heap: number }[] = [];
  let database = databaseBytes();
  const take = (fresh: boolean) => {
    if (fresh) database = databaseBytes();
    points.push({ t: performance.now(), rss: process.memoryUsage.rss(), database });
  };
  take(false);
  const timer = setInterval(() => take(points.length % 10 === 0), 100);
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[])
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        live.push({ t: performance.now(), heap: process.memoryUsage().heapUsed });
  });
  gcs.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      clearInterval(timer);
      gcs.disconnect();
      take(true);
      return { points, live };
    },
  };
}

/** `size` shrinks the run for the smoke test in `npm test`; the benchmark itself uses the size of BENCHMARKS.md. */
export async function runB4(
  db: DbKind,
  log: (line: string) => void,
  size: B4Size = B4_SIZE,
  scale: Scale = 'W1',
): Promise<BenchResult[]> {
  const { rows } = size;
  if (db === 'embedded' && scale !== 'W1') throw new Error('W2 runs on a PostgreSQL server only');
  const opened = db === 'embedded' ? await openEmbeddedWithCopy() : await openServerWithCopy(scale, log);
  const server = await startBenchServer(opened.database);
  try {
    const database = server.ctx().db;
    const committee = await insertPartyOrg(database, { kind: 'organ_committee', code: 'B4' });
    const branch = await insertPartyOrg(database, { parent: committee, kind: 'branch', code: BRANCH });
    const importer = await server.userWith('b4-importer', [
      { role: 'organ_committee_officer', partyOrgId: committee.id },
    ]);
    const members = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from member`.execute(database)).rows[0]?.n ?? -1,
      );
    const histories = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from member_org_history`.execute(database))
          .rows[0]?.n ?? -1,
      );
    const send = (file: Buffer) => {
      const { body, contentType } = multipartRoster(file);
      return importer.fetch('/api/members/import', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(body),
      });
    };

    // 1. The import, timed from the request to the answer: upload, parsing, every check, staging, publication.
    log(`B4 ${db}: 生成 ${rows} 行名册 …`);
    const good = await bigRoster(rows, BRANCH);
    const membersAtStart = await members();
    const rssBefore = process.memoryUsage.rss();
    const rss = sampleRss(100);
    const series = memorySeries(opened.databaseBytes);
    const started = performance.now();
    const answer = await send(good);
    const outcome = (await answer.json()) as { applied?: boolean; created?: number; issues?: unknown[] };
    const importMs = performance.now() - started;
    const { points, live } = series.stop();
    const { peak, samples } = rss.stop();
    if (!answer.ok || outcome.applied !== true || outcome.created !== rows)
      throw new Error(
        `B4: the import did not apply: ${answer.status} ${JSON.stringify(outcome).slice(0, 500)}`,
      );
    const imported = (await members()) - membersAtStart;
    if (imported !== rows) throw new Error(`B4: ${imported} members more after importing ${rows} rows`);
    log(`B4 ${db}: import ${rows} rows in ${(importMs / 1000).toFixed(1)} s`);

    // 2. A copy of the roster with other people (another region code, so every row would create a member) and one
    // invalid ID number near the end: all or nothing means nothing, though everything before it was read, checked
    // and staged.
    const badRow = Math.max(2, rows - 1);
    const bad = await bigRoster(rows, BRANCH, { region: '110109', badRow });
    const before = { members: await members(), histories: await histories() };
    const badStarted = performance.now();
    const refused = await send(bad);
    const refusal = (await refused.json()) as {
      applied?: boolean;
      created?: number;
      issues?: { row?: number; reason?: string }[];
    };
    const badMs = performance.now() - badStarted;
    const after = { members: await members(), histories: await histories() };
    const leftStaged = Number(
      (await sql<{ n: number }>`select count(*)::int as n from member_import_stage`.execute(database)).rows[0]
        ?.n ?? -1,
    );
    const named = refusal.issues?.find((i) => i.row === badRow);
    const unchanged =
      refused.ok &&
      refusal.applied === false &&
      (refusal.created ?? 0) === 0 &&
      named !== undefined &&
      after.members === before.members &&
      after.histories === before.histories &&
      leftStaged === 0;
    log(
      `B4 ${db}: bad file refused in ${(badMs / 1000).toFixed(1)} s: ${refused.status}, members ${before.members} → ${after.members}, staged left ${leftStaged}`,
    );

    // 3. The floor: COPY of the member rows the import wrote (read back, as PostgreSQL prints them) into member
    // itself, so that COPY pays for everything a row costs there whatever the schema holds by then (every index,
    // constraint, foreign key and trigger — the member_identity registry, say), inside a transaction that is rolled
    // back. The rows are there already, so each is copied under a fresh id and with its ID-number hash reversed
    // (same length, still unique); every other value is the import's own. Only the COPY statement is timed; the
    // history rows and staging rows the import also writes are the product's own cost, not the floor's. The table
    // then holds 100,000 rows where the import began with none: if anything, that makes the floor slower.
    const columns = (
      await sql<{ name: string }>`
        select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = 'member' order by ordinal_position`.execute(
        database,
      )
    ).rows.map((r) => r.name);
    const read = await sql<Record<string, string | null>>`
      select ${sql.join(columns.map((c) => sql`${sql.ref(c)}::text`))} from member
      where party_org_id = ${branch.id} order by id`.execute(database);
    const idAt = columns.indexOf('id');
    const hashAt = columns.indexOf('id_number_hash');
    const data = Buffer.from(
      read.rows
        .map((r) => {
          const values = Object.values(r);
          values[idAt] = randomUUID();
          values[hashAt] = [...(values[hashAt] ?? '')].reverse().join('');
          return `${values.map(copyField).join('\t')}\n`;
        })
        .join(''),
    );
    const triggers = Number(
      (
        await sql<{ n: number }>`
          select count(*)::int as n from pg_trigger where tgrelid = 'member'::regclass and not tgisinternal`.execute(
          database,
        )
      ).rows[0]?.n ?? 0,
    );
    const foreignKeys = Number(
      (
        await sql<{ n: number }>`
          select count(*)::int as n from pg_constraint where conrelid = 'member'::regclass and contype = 'f'`.execute(
          database,
        )
      ).rows[0]?.n ?? 0,
    );
    const membersBeforeCopy = await members();
    const floor = await opened.copyRolledBack(
      `member (${columns.map((c) => `"${c}"`).join(', ')})`,
      data,
      'select count(*)::int as n from member',
    );
    const copyMs = floor.ms;
    const copied = floor.rows;
    if (
      copied !== rows ||
      floor.counted !== membersBeforeCopy + rows ||
      (await members()) !== membersBeforeCopy
    )
      throw new Error(
        `B4: COPY wrote ${copied} rows (${floor.counted} members inside its transaction, ${membersBeforeCopy} before), not ${rows}, or was not rolled back`,
      );
    log(`B4 ${db}: COPY ${rows} rows in ${(copyMs / 1000).toFixed(2)} s`);

    const importRate = rows / (importMs / 1000);
    const copyRate = rows / (copyMs / 1000);
    // Flat: the V8 heap still in use after each full garbage collection (where the import's rows, cells, checks and
    // answers live) stays within 10% of what it was at the first one, in the import's first seconds: the import does
    // not hold on to what it has read. RSS cannot tell this: it keeps pages the process freed (after an embedded run
    // in the same process it starts high and stays there), and on the embedded database it holds the database
    // itself (PGlite's WebAssembly memory and in-memory files), which grows with its rows as any database does; that
    // growth is given beside it. Fewer than two full collections leave nothing to compare: not counted as met.
    const liveStart = live[0]?.heap ?? Number.NaN;
    const livePeak = live.length > 0 ? Math.max(...live.map((p) => p.heap)) : Number.NaN;
    const flat = live.length >= 2 && livePeak <= liveStart * 1.1;
    const databaseGrowth = (points.at(-1)?.database ?? 0) - (points[0]?.database ?? 0);
    const at = (f: number) => points[Math.min(points.length - 1, Math.round(f * (points.length - 1)))];
    const quarters = (of: (p: (typeof points)[number]) => number) =>
      [0, 0.25, 0.5, 0.75, 1].map((f) => (of(at(f) ?? { t: 0, rss: 0, database: 0 }) / MB).toFixed(0));
    const every = Math.max(1, Math.ceil(live.length / 12));
    log(
      `B4 ${db}: at 0/25/50/75/100% of the import, RSS ${quarters((p) => p.rss).join(' / ')} MB, the database's own ${quarters((p) => p.database).join(' / ')} MB; V8 heap live after ${live.length} full collections: ${live
        .filter((_, i) => i % every === 0 || i === live.length - 1)
        .map((p) => `${((p.t - (points[0]?.t ?? 0)) / 1000).toFixed(1)} s ${(p.heap / MB).toFixed(0)} MB`)
        .join(', ')}`,
    );
    const mb = (n: number) => (n / MB).toFixed(0);
    return [
      {
        id: 'B4',
        scale,
        db,
        figure: `导入 ${rows} 行党员名册（经 HTTP，全部校验）吞吐`,
        value: importRate,
        unit: '行/s',
        floorName: `COPY 同样 ${rows} 行党员数据`,
        floor: copyRate,
        target: '≥ COPY 吞吐的 25%',
        met: importRate >= 0.25 * copyRate,
        notes: `导入用时 ${(importMs / 1000).toFixed(1)} s（上传、解析、校验、暂存、发布），COPY 用时 ${(copyMs / 1000).toFixed(2)} s；COPY 直接写入 member（含其全部索引、约束、${foreignKeys} 个外键、${triggers} 个触发器）后回滚`,
        details: {
          rows,
          created: outcome.created ?? 0,
          importMs,
          copied,
          copyMs,
          foreignKeys,
          triggers,
        },
      },
      {
        id: 'B4',
        scale,
        db,
        figure: `导入 ${rows} 行期间进程 RSS 峰值`,
        value: peak / MB,
        unit: 'MB',
        floorName: '导入前 RSS',
        floor: rssBefore / MB,
        target: '内存平稳（流式读取）',
        met: flat,
        notes: `每 100 ms 采样，共 ${samples} 次；${live.length >= 2 ? `完整垃圾回收后仍占用的 V8 堆（${live.length} 次回收）：开始 ${mb(liveStart)} MB，最高 ${mb(livePeak)} MB（每 1000 行约 ${((((livePeak - liveStart) / rows) * 1000) / 1024).toFixed(0)} KB）` : `导入期间完整垃圾回收仅 ${live.length} 次，无从判断是否平稳`}${db === 'server' ? '；PostgreSQL 服务器自身的进程不在其内；RSS 不因释放而回落，同一进程先跑过内嵌库时导入前 RSS 含其遗留' : `；内存中的 PGlite 数据库（WebAssembly 内存与内存文件）增长 ${mb(databaseGrowth)} MB`}`,
        details: {
          rssBeforeMB: rssBefore / MB,
          liveHeapStartMB: liveStart / MB,
          liveHeapPeakMB: livePeak / MB,
          fullCollections: live.length,
          databaseGrowthMB: databaseGrowth / MB,
        },
      },
      {
        id: 'B4',
        scale,
        db,
        figure: `含 1 个错误行（第 ${badRow} 行身份证号）的 ${rows} 行新名册导入后的党员数`,
        value: after.members,
        unit: '人',
        floorName: '导入前党员数',
        floor: before.members,
        target: '含错误行的文件不改变任何数据',
        met: unchanged,
        notes: `答复 ${refused.status}，applied=${String(refusal.applied)}，${named ? `指出第 ${badRow} 行：${named.reason ?? ''}` : `未指出第 ${badRow} 行`}；党员 ${before.members} → ${after.members}，组织关系记录 ${before.histories} → ${after.histories}，暂存残留 ${leftStaged} 行；用时 ${(badMs / 1000).toFixed(1)} s`,
        details: {
          membersBefore: before.members,
          membersAfter: after.members,
          historiesBefore: before.histories,
          historiesAfter: after.histories,
          leftStaged,
          badMs,
        },
      },
    ];
  } finally {
    await server.close();
  }
}
