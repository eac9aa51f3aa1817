// `ronghe serve` as a process of its own (B6 measures its memory alone): started with the run's key over a database
// the bench prepared, or on its own embedded database in a temporary directory, loading the demo organ when empty.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/throwaway-postgres.ts';
import { benchEncryptionKey } from './harness.ts';

export type ServeProcess = {
  url: string;
  /** Resident set size of the process now, from /proc (Linux), in bytes. */
  rss: () => number;
  stop: () => Promise<void>;
};

/** Starts the server (`databaseUrl` null: embedded) and resolves once /api/health answers. */
export async function startServeProcess(databaseUrl: string | null): Promise<ServeProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ronghe-bench-serve-'));
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli/main.ts', 'serve', '--demo-if-empty', '--demo-organ-only'],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl ?? '',
        ENCRYPTION_KEY: benchEncryptionKey(),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATA_DIR: dir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 100) output.shift();
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  // The first start on the embedded database loads the demo organ before it listens.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (proc.exitCode !== null) {
      await stop();
      throw new Error(`ronghe serve exited: ${output.join('')}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`ronghe serve did not answer: ${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const rss = () => {
    const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
    return kb * 1024;
  };
  return { url, rss, stop };
}
