import { appendFileSync } from 'node:fs';

/**
 * A hook for the crash test (e2e/crash.e2e.test.ts) only: when RONGHE_TEST_IMPORT_PROGRESS_FILE names a file, an
 * import over HTTP appends "done/total" to it after each chunk it has written, so the test can kill the server
 * once writing has started rather than after a guessed delay. Unset in every real deployment: then it does nothing.
 */
export function importProgressHook(): ((done: number, total?: number) => void) | undefined {
  const file = process.env.RONGHE_TEST_IMPORT_PROGRESS_FILE;
  if (!file) return undefined;
  // A streamed import does not know its total in advance: then it is written as '?'.
  return (done, total) => appendFileSync(file, `${done}/${total ?? '?'}\n`);
}

/**
 * The same file, for the publication of a committed import (ADR 19): "publish done/total" after each chunk written
 * into member, so that the crash test can kill the server between two chunks.
 */
export function importPublishHook(): ((done: number, total: number) => void) | undefined {
  const file = process.env.RONGHE_TEST_IMPORT_PROGRESS_FILE;
  if (!file) return undefined;
  return (done, total) => appendFileSync(file, `publish ${done}/${total}\n`);
}
