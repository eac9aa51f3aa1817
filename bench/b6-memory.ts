// B6 (BENCHMARKS.md): the server's peak RSS under B3's read load — measured on `ronghe serve` as a process of its own
// (as it runs in production: `npm start`), not on the bench process, which also holds the floors, the SQL recorder
// and the loaded workload. W1: the server loads the demo organ at first start (embedded: its own PGlite, in the
// process; server: a new database). W2: a copy of the province. Signed in as the demo organ's committee officer.
import { DEMO_PASSWORD } from '../server/src/modules/demo/index.ts';
import { type BenchResult, type DbKind, newServerDatabase, type Scale } from './harness.ts';
import { failures, openLoadClient } from './load.ts';
import { startServeProcess } from './serve-process.ts';

export type B6Size = { seconds: number; connections: number };
export const B6_SIZE: B6Size = { seconds: 10, connections: 64 };
const MB = 1024 * 1024;

export async function runB6(
  db: DbKind,
  log: (line: string) => void,
  scale: Scale = 'W1',
  size: B6Size = B6_SIZE,
): Promise<BenchResult[]> {
  const database = db === 'server' ? await newServerDatabase(scale, log) : null;
  const server = await startServeProcess(database?.url ?? null);
  const client = openLoadClient();
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jiguan', password: DEMO_PASSWORD }),
    });
    if (!login.ok) throw new Error(`B6: sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const get = async <T>(path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers });
      if (!res.ok) throw new Error(`B6: ${path} answered ${res.status}`);
      return (await res.json()) as T;
    };
    const orgs = await get<{ id: string; kind: string; code: string }[]>('/api/party-orgs');
    const organ = orgs.find((o) => o.kind === 'organ_committee' && o.code === 'JG');
    if (!organ) throw new Error('B6: the demo organ committee is not in the officer’s tree');
    const page = await get<{ items: { id: string }[]; total: number }>('/api/members?pageSize=100');

    const idle = server.rss();
    let peak = idle;
    let samples = 1;
    const timer = setInterval(() => {
      peak = Math.max(peak, server.rss());
      samples++;
    }, 100);
    const runs = [];
    try {
      for (const paths of [
        [`/api/members?partyOrgId=${organ.id}&category=full&page=1&pageSize=20`],
        ['/api/party-orgs'],
        page.items.map((m) => `/api/members/${m.id}`),
      ]) {
        const r = await client.run({
          url: server.url,
          method: 'GET',
          paths,
          headers,
          connections: size.connections,
          seconds: size.seconds,
        });
        runs.push(r);
        log(`B6 ${db} ${scale}: ${paths[0]} ${r.rps.toFixed(0)} req/s, ${failures(r)} failed`);
      }
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, server.rss());
    const requests = runs.reduce((n, r) => n + r.requests, 0);
    log(`B6 ${db} ${scale}: RSS ${(idle / MB).toFixed(0)} MB idle, peak ${(peak / MB).toFixed(0)} MB`);
    return [
      {
        id: 'B6',
        db,
        scale,
        figure: '读负载期间服务进程（独立进程 ronghe serve）RSS 峰值',
        value: peak / MB,
        unit: 'MB',
        floorName: `负载前 RSS（已载入 ${scale}，已登录）`,
        floor: idle / MB,
        target: '≤ 512 MB',
        met: peak <= 512 * MB,
        notes:
          `每 100 ms 采样，共 ${samples} 次；党员列表、组织树、党员详情各以 ${size.connections} 个连接压 ${size.seconds} s，共 ${requests} 次请求` +
          (db === 'server' ? '；PostgreSQL 服务器自身的进程不在其内' : '；内嵌 PGlite 在同一进程内'),
        details: { peakBytes: peak, idleBytes: idle, samples, requests },
      },
    ];
  } finally {
    await client.close();
    await server.stop();
    await database?.drop();
  }
}
