// B3 (BENCHMARKS.md): the API under concurrent load — autocannon on loopback, 64 connections, signed in with a real
// session as the W1 demo organ's committee officer — for the member list with filters, the org tree, a member's
// record and a member create, each beside two floors measured in the same run: a bare Fastify route answering a
// constant (HTTP floor) and a bare Fastify route replaying the SQL the product's repository sent for that request,
// recorded from the product's own Kysely queries, through the same driver (database floor).
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../server/src/core/db-types.ts';
import {
  type BenchResult,
  type DbKind,
  openBenchDatabase,
  type Scale,
  startBenchServer,
  trackInFlight,
  w2LoadSeconds,
} from './harness.ts';
import { benchIdNumber, failures, type LoadResult, type LoadSpec, openLoadClient } from './load.ts';
import { replay, type Statement, sqlRecorder } from './sql-recorder.ts';
import { demoOrganOf, loadW1 } from './workload.ts';

export type B3Size = {
  /** W1 scale factor (1 = ~3,000 members). */
  scale: number;
  /** Length of each bounded load run. */
  seconds: number;
  connections: number;
};
export const B3_SIZE: B3Size = { scale: 1, seconds: 15, connections: 64 };

export type B3Report = { b3: BenchResult[] };

/** Statements that are not the repository's work for the request: the session check and the audit trail. */
const NOT_REPOSITORY =
  /"?\b(user_session|app_user|role_assignment|audit_log|audit_head)\b"?|pg_advisory_xact_lock|audit_chain_next/;

type Target = {
  key: 'list' | 'tree' | 'detail' | 'create';
  figure: string;
  write: boolean;
  load: Omit<LoadSpec, 'url' | 'connections' | 'seconds' | 'headers'>;
  floorLoad: Omit<LoadSpec, 'url' | 'connections' | 'seconds' | 'headers'>;
};

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** Starts the bare Fastify app of the floors: a constant, and each target's recorded SQL replayed. */
async function startFloors(
  db: Kysely<DB>,
  sqlOf: Record<Target['key'], Statement[]>,
  recorded: { memberId: string; idNumberHash: string },
) {
  const floors = Fastify({ logger: false });
  const drained = trackInFlight(floors);
  const run = async (statements: Statement[], replace?: Map<unknown, unknown>) => {
    const results = [];
    for (const s of statements) results.push((await replay(db, s, replace)).rows);
    return results;
  };
  floors.get('/floor/http', async () => ({ ok: true }));
  floors.get('/floor/list', () => run(sqlOf.list));
  floors.get('/floor/tree', () => run(sqlOf.tree));
  floors.get<{ Params: { id: string } }>('/floor/detail/:id', (request) =>
    run(sqlOf.detail, new Map([[recorded.memberId, request.params.id]])),
  );
  let n = 0;
  floors.post('/floor/create', () =>
    run(sqlOf.create, new Map([[recorded.idNumberHash, `${recorded.idNumberHash}~${n++}`]])),
  );
  const url = await floors.listen({ host: '127.0.0.1', port: 0 });
  return { url, drained, close: () => floors.close() };
}

/** B3 on `db`; `size` shrinks the run for the smoke test in `npm test`. */
export async function runB3(
  db: DbKind,
  log: (line: string) => void,
  size: B3Size = B3_SIZE,
  scale: Scale = 'W1',
): Promise<B3Report> {
  const database = await openBenchDatabase(db, scale, log);
  const server = await startBenchServer(database);
  try {
    // At W2 the officer is the same demo organ's, in a database holding 99 organs more.
    const w1 =
      scale === 'W2'
        ? await demoOrganOf(server.ctx(), w2LoadSeconds)
        : await loadW1(server.ctx(), size.scale);
    log(
      `B3 ${db} ${scale}: ${w1.members} members in the officer's organ, loaded in ${w1.loadSeconds.toFixed(1)} s`,
    );
    const officer = await server.signIn(w1.officer.username, w1.officer.password);

    const listPath = `/api/members?partyOrgId=${w1.organCommitteeId}&category=full&page=1&pageSize=20`;
    const detailPaths = w1.memberIds.slice(0, 500).map((id) => `/api/members/${id}`);
    const createBody = { name: '压测新党员', category: 'full', partyOrgId: w1.branchId };
    const targets: Target[] = [
      {
        key: 'list',
        figure: '党员列表（按组织+类别筛选，每页 20）',
        write: false,
        load: { method: 'GET', paths: [listPath] },
        floorLoad: { method: 'GET', paths: ['/floor/list'] },
      },
      {
        key: 'tree',
        figure: '组织树 GET /api/party-orgs',
        write: false,
        load: { method: 'GET', paths: ['/api/party-orgs'] },
        floorLoad: { method: 'GET', paths: ['/floor/tree'] },
      },
      {
        key: 'detail',
        figure: '党员详情',
        write: false,
        load: { method: 'GET', paths: detailPaths },
        floorLoad: {
          method: 'GET',
          paths: w1.memberIds.slice(0, 500).map((id) => `/floor/detail/${id}`),
        },
      },
      {
        key: 'create',
        figure: '新增党员',
        write: true,
        load: {
          method: 'POST',
          paths: ['/api/members'],
          body: { json: createBody, uniqueIdNumber: 'idNumber', firstId: 1 },
        },
        floorLoad: { method: 'POST', paths: ['/floor/create'], body: { json: createBody } },
      },
    ];

    // One request of each kind through a second app over the same database, recording the SQL it sends.
    const recorder = sqlRecorder(database.db);
    const recording = await startBenchServer(
      { ...database, db: recorder.db, close: async () => {} },
      { secrets: server.secrets },
    );
    const sent = {} as Record<Target['key'], Statement[]>;
    const sqlOf = {} as Record<Target['key'], Statement[]>;
    let createdId = '';
    try {
      const call = async (key: Target['key'], path: string, init: RequestInit = {}) => {
        sent[key] = await recorder.record(async () => {
          const res = await fetch(`${recording.url}${path}`, {
            ...init,
            headers: { ...(init.headers as Record<string, string>), ...officer.headers },
          });
          if (!res.ok) throw new Error(`B3 setup: ${path} answered ${res.status} ${await res.text()}`);
          const body = (await res.json()) as { id?: string };
          if (key === 'create') createdId = body.id ?? '';
        });
      };
      await call('list', listPath);
      await call('tree', '/api/party-orgs');
      await call('detail', detailPaths[0] as string);
      await call('create', '/api/members', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...createBody, idNumber: benchIdNumber(0) }),
      });
    } finally {
      await recording.close();
    }
    sqlOf.list = sent.list.filter((s) => !NOT_REPOSITORY.test(s.sql));
    sqlOf.tree = sent.tree.filter((s) => !NOT_REPOSITORY.test(s.sql));
    sqlOf.detail = sent.detail.filter((s) => !NOT_REPOSITORY.test(s.sql));
    sqlOf.create = sent.create.filter((s) => /^insert into "member" /.test(s.sql));
    for (const t of targets) {
      if (!sqlOf[t.key].length) throw new Error(`B3: no repository SQL recorded for ${t.key}`);
      log(
        `B3 ${db}: ${t.key} sends ${sent[t.key].length} statements; the floor replays ${sqlOf[t.key].length}: ` +
          sqlOf[t.key].map((s) => s.sql.replace(/\s+/g, ' ').trim().slice(0, 60)).join(' | '),
      );
    }
    const created = await database.db
      .selectFrom('member')
      .select('idNumberHash')
      .where('id', '=', createdId)
      .executeTakeFirstOrThrow();
    const floors = await startFloors(database.db, sqlOf, {
      memberId: w1.memberIds[0] as string,
      idNumberHash: created.idNumberHash,
    });

    const results = new Map<string, { product: LoadResult; floor: LoadResult }>();
    let httpFloor: LoadResult;
    const client = openLoadClient();
    const load = async (url: string, spec: Target['load'], what: string) => {
      const r = await client.run({
        ...spec,
        url,
        headers: officer.headers,
        connections: size.connections,
        seconds: size.seconds,
      });
      // The requests the load left queued (up to one per connection) still run; the next measurement waits for them.
      const settled = await (url === floors.url ? floors.drained() : server.drained());
      log(
        `B3 ${db}: ${what}: ${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, ` +
          `${r.requests} requests, ${failures(r)} failed ${JSON.stringify(r.statusCodes)}; ` +
          `settled in ${settled.toFixed(0)} ms`,
      );
      return r;
    };
    try {
      httpFloor = await load(floors.url, { method: 'GET', paths: ['/floor/http'] }, 'HTTP floor');
      // Reads before the create, so that every read sees W1 as loaded; each floor just before its product run.
      for (const t of targets) {
        const floor = await load(floors.url, t.floorLoad, `${t.key} database floor`);
        // A floor whose replayed SQL fails (a statement that should not have been replayed) measures errors.
        if (floor.non2xx > 0) throw new Error(`B3: the ${t.key} database floor answered errors`);
        const product = await load(server.url, t.load, t.key);
        results.set(t.key, { product, floor });
      }
    } finally {
      await client.close();
      await floors.close();
    }

    const b3: BenchResult[] = [];
    for (const t of targets) {
      const { product: p, floor: f } = results.get(t.key) as { product: LoadResult; floor: LoadResult };
      const failed = failures(p);
      const details = {
        rps: p.rps,
        p50: p.p50,
        p99: p.p99,
        max: p.max,
        requests: p.requests,
        errors: p.errors,
        timeouts: p.timeouts,
        non2xx: p.non2xx,
        floorRps: f.rps,
        floorP50: f.p50,
        floorP99: f.p99,
        floorFailed: failures(f),
        httpFloorRps: httpFloor.rps,
        httpFloorP99: httpFloor.p99,
        statements: sent[t.key].length,
        floorStatements: sqlOf[t.key].length,
        connections: size.connections,
        seconds: size.seconds,
      };
      const common =
        `p50 ${ms(p.p50)} ms，p99 ${ms(p.p99)} ms，${p.requests} 次请求，失败 ${failed}；` +
        `HTTP 基线 ${httpFloor.rps.toFixed(0)} req/s（本项为其 ${((100 * p.rps) / httpFloor.rps).toFixed(1)}%）；` +
        `每次请求 ${sent[t.key].length} 条 SQL，数据库基线重放其中 ${sqlOf[t.key].length} 条`;
      // Writes are held to p99 only (their throughput is shown for comparison); reads to throughput and p99.
      const p99Target = t.write ? 150 : 100;
      b3.push(
        {
          id: 'B3',
          db,
          scale,
          figure: `${t.figure} 吞吐`,
          value: p.rps,
          unit: 'req/s',
          floorName: t.write ? '数据库基线（单行插入+提交）' : '数据库基线（同样 SQL）',
          floor: f.rps,
          target: t.write ? '零错误（吞吐仅供对照）' : '≥ 数据库基线的 70%，零错误',
          met: (t.write || p.rps >= 0.7 * f.rps) && failed === 0,
          notes: common,
          details,
        },
        {
          id: 'B3',
          db,
          scale,
          figure: `${t.figure} p99`,
          value: p.p99,
          unit: 'ms',
          floorName: '数据库基线 p99',
          floor: f.p99,
          target: `p99 ≤ ${p99Target} ms`,
          met: p.p99 <= p99Target,
          notes: `${size.connections} 个连接，${size.seconds} s`,
        },
      );
    }
    return { b3 };
  } finally {
    await server.close();
  }
}
