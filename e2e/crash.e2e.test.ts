import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import { type RunningServer, startServer } from './harness.ts';

// A power cut during a large import: the server is killed with SIGKILL once it has started writing a 40,000-row
// roster (it says so through a test-only progress file). After a restart on the same data directory — no manual repair, the stale lock is taken over — the
// members are exactly as before: nothing of the interrupted import is left.

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

it('survives being killed in the middle of writing a large import with nothing half-written', async () => {
  // The server appends "done/total" to this file after each chunk the import has written (a test-only hook).
  const progress = join(mkdtempSync(join(tmpdir(), 'ronghe-crash-')), 'progress.txt');
  server = await startServer({ RONGHE_TEST_IMPORT_PROGRESS_FILE: progress });
  const first = await signIn(server.url);
  const before = await memberCount(server.url, first.cookie);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await bigRoster())]), 'big.xlsx');
  const pending = fetch(`${server.url}/api/members/import`, {
    method: 'POST',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
    body: form,
  }).then(
    async (r) => ((await r.json()) as { applied: boolean }).applied,
    () => null,
  );
  // Kill as soon as the first chunk has been staged (ADR 15).
  const deadline = Date.now() + 300_000;
  while (!(existsSync(progress) && readFileSync(progress, 'utf8').includes('\n'))) {
    if (Date.now() > deadline) throw new Error(`the import never started writing:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.kill();
  const written = readFileSync(progress, 'utf8').trim().split('\n');
  // The import streams the file, so the total is not known while it stages rows ('?').
  const done = Number((written.at(-1) ?? '').split('/')[0]);
  // Writing (staging) had started and was not finished when the power went.
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(ROWS);
  const applied = await pending;

  server = await startServer({}, { dataDir: server.dataDir });
  const again = await signIn(server.url);
  const after = await memberCount(server.url, again.cookie);
  // The client saw its connection drop, and none of the written rows survived the restart.
  expect(applied).toBeNull();
  expect(after).toBe(before);
}, 600_000);
