// B3's load generator: autocannon, in a child process of its own so that it neither shares the server's event loop
// (one core's worth of JavaScript would be split between them) nor counts in the server's memory (B6).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { idNumberCheckChar } from '#contracts/id-number';

export type LoadSpec = {
  /** Base URL, http://127.0.0.1:port */
  url: string;
  method: 'GET' | 'POST';
  /** Request paths, taken in turn (one per request across all connections). */
  paths: string[];
  headers?: Record<string, string>;
  /** A JSON body; `uniqueIdNumber` names a field given a fresh valid ID number (benchIdNumber) in every request. */
  body?: { json: Record<string, unknown>; uniqueIdNumber?: string; firstId?: number };
  connections: number;
  seconds: number;
};

export type LoadResult = {
  requests: number;
  seconds: number;
  /** Mean of autocannon's per-second samples. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Socket errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Answers other than 2xx (each one a failed request for B3). */
  non2xx: number;
  statusCodes: Record<string, number>;
};

/** Failed requests of any kind: socket errors, timeouts, non-2xx answers. */
export const failures = (r: LoadResult) => r.errors + r.timeouts + r.non2xx;

/**
 * The i-th of a series of distinct, valid resident ID numbers in a region (110105) that the demo organ never uses:
 * a birth date per thousand, a sequence number within it.
 */
export function benchIdNumber(i: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `110105${date}${String(i % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

export type LoadClient = {
  /** Runs one bounded load and returns autocannon's figures. */
  run: (spec: LoadSpec) => Promise<LoadResult>;
  close: () => Promise<void>;
};

/** A child process that runs loads one after another (started once: a start costs about a second). */
export function openLoadClient(): LoadClient {
  const child = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let pending: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | null = null;
  let exited = false;
  child.on('message', (message) => {
    const m = message as { result?: LoadResult; error?: string };
    const p = pending;
    pending = null;
    if (m.result) p?.resolve(m.result);
    else p?.reject(new Error(`load client: ${m.error}`));
  });
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = true;
      pending?.reject(new Error(`load client exited with ${code}`));
      pending = null;
      resolve();
    }),
  );
  return {
    run: (spec) =>
      new Promise((resolve, reject) => {
        if (pending) return reject(new Error('load client: one load at a time'));
        if (exited) return reject(new Error('load client: not running'));
        pending = { resolve, reject };
        child.send(spec);
      }),
    close: async () => {
      if (!exited) child.disconnect();
      await exit;
    },
  };
}
