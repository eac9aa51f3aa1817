import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import { type RunningServer, startServer } from './harness.ts';

// A power cut during a large import: the server is killed with SIGKILL while it writes a 40,000-row roster (it says
// how far it got through a test-only progress file). After a restart on the same data directory — no manual repair,
// the stale lock is taken over — the roster is all or nothing:
// - killed while the checked rows were still being staged (before the import committed): nothing of it is left;
// - killed while a committed import was being published into member in chunks (the embedded database, ADR 19):
//   the restart finishes the publication, and every row is there once.

const ROWS = 40_000;
let server: RunningServer | null = null;
afterAll(async () => {
  await server?.stop();
});

async function signIn(url: string) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'jiguan', password: 'Demo-Pass-2026' }),
  });
  expect(r.status).toBe(200);
  return {
    cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    csrf: ((await r.json()) as { csrfToken: string }).csrfToken,
  };
}

async function memberCount(url: string, cookie: string): Promise<number> {
  const r = await fetch(`${url}/api/members?pageSize=1`, { headers: { cookie } });
  return ((await r.json()) as { total: number }).total;
}

async function bigRoster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(['姓名', '身份证号', '人员类别', '所在党组织编码']);
  for (let i = 0; i < ROWS; i++) {
    const first17 = `330281${1950 + Math.floor(i / 1000)}0101${String(i % 1000).padStart(3, '0')}`;
    ws.addRow([`压测${i}`, `${first17}${idNumberCheckChar(first17)}`, '正式党员', 'JG-B01']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let roster: Buffer | null = null;

/** Starts a 40,000-row import and kills the server once a line of its progress file matches `when`. */
async function importAndKill(when: RegExp) {
  // The server appends "done/total" to this file after each chunk the import has staged, and "publish done/total"
  // after each chunk it has published (test-only hooks).
  const progress = join(mkdtempSync(join(tmpdir(), 'ronghe-crash-')), 'progress.txt');
  await server?.stop();
  const running = await startServer({ RONGHE_TEST_IMPORT_PROGRESS_FILE: progress });
  server = running;
  const first = await signIn(server.url);
  const before = await memberCount(server.url, first.cookie);
  roster ??= await bigRoster();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(roster)]), 'big.xlsx');
  const pending = fetch(`${server.url}/api/members/import`, {
    method: 'POST',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
    body: form,
  }).then(
    async (r) => ((await r.json()) as { applied: boolean }).applied,
    () => null,
  );
  const deadline = Date.now() + 300_000;
  while (!(existsSync(progress) && when.test(readFileSync(progress, 'utf8')))) {
    if (Date.now() > deadline) throw new Error(`the import never got there:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await running.kill();
  const lines = readFileSync(progress, 'utf8').trim().split('\n');
  return { before, lines, applied: await pending, dataDir: running.dataDir };
}

it('survives being killed in the middle of writing a large import with nothing half-written', async () => {
  // Kill as soon as the first chunk has been staged (ADR 15).
  const { before, lines: written, applied, dataDir } = await importAndKill(/\n/);
  // The import streams the file, so the total is not known while it stages rows ('?').
  const done = Number((written.at(-1) ?? '').split('/')[0]);
  // Writing (staging) had started and was not finished when the power went.
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(ROWS);

  server = await startServer({}, { dataDir });
  const again = await signIn(server.url);
  const after = await memberCount(server.url, again.cookie);
  // The client saw its connection drop, and none of the written rows survived the restart.
  expect(applied).toBeNull();
  expect(after).toBe(before);
}, 600_000);

it('finishes, at the restart, a committed import that was killed while it was being published', async () => {
  // Kill between two chunks of the publication (the first one is in member, the rest is not).
  const { before, lines, applied, dataDir } = await importAndKill(/^publish \d+\/\d+$/m);
  const published = lines.filter((l) => l.startsWith('publish '));
  const [done, total] = (published.at(-1) ?? '').slice('publish '.length).split('/').map(Number);
  expect(total).toBe(ROWS);
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(ROWS);

  server = await startServer({}, { dataDir });
  const again = await signIn(server.url);
  // The client saw its connection drop; the restart published the rest of the committed batch, each row once.
  expect(applied).toBeNull();
  expect(await memberCount(server.url, again.cookie)).toBe(before + ROWS);
}, 600_000);
