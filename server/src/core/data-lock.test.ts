import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataLock, DataDirLockedError } from './data-lock.ts';

describe('data directory lock', () => {
  it('refuses a second opener while the first holds the lock, and frees it on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronghe-lock-'));
    const first = acquireDataLock(dir);
    expect(() => acquireDataLock(dir)).toThrow(DataDirLockedError);
    first.release();
    const again = acquireDataLock(dir);
    again.release();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronghe-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(join(dir, 'ronghe.lock'), JSON.stringify({ pid: dead, host: hostname() }));
    const lock = acquireDataLock(dir);
    lock.release();
  });

  it('makes a second process on the same directory exit with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronghe-lock-'));
    const held = acquireDataLock(dir);
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'migrate'], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('已被另一个进程');
      expect(r.stderr).toContain(String(process.pid));
    } finally {
      held.release();
    }
  });
});
