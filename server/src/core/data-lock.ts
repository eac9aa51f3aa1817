import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export type DataLock = { path: string; release: () => void };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `数据目录 ${dataDir} 已被另一个进程 (PID ${holderPid}) 使用。请先停止该进程，或用 DATA_DIR 指定另一个目录。\n` +
        `The data directory ${dataDir} is in use by another process (PID ${holderPid}). Stop it first, or set DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes DATA_DIR/ronghe.lock with O_EXCL. A lock left by a process that died (same host, PID gone) is taken over;
 * a live holder makes this throw DataDirLockedError with a message a person can act on.
 */
export function acquireDataLock(dataDir: string): DataLock {
  const path = join(dataDir, 'ronghe.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const holder = JSON.parse(readFileSync(path, 'utf8')) as { pid: number };
          if (holder.pid === process.pid) unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        // a half-written lock file counts as stale
      }
      const pid = Number(holder.pid);
      const sameHost = !holder.host || holder.host === hostname();
      if (Number.isInteger(pid) && pid > 0 && (!sameHost || isAlive(pid))) {
        throw new DataDirLockedError(dataDir, pid);
      }
      unlinkSync(path);
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
