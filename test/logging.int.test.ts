import { randomBytes } from 'node:crypto';
import { LogController } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/core/config.ts';
import type { Database } from '../server/src/core/db.ts';
import { secretsFromKey } from '../server/src/core/secrets.ts';
import { createTestDatabase } from './db.ts';

// `npm start` keeps the terminal readable: no line per request unless LOG_LEVEL asks for debugging.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function requestLoggingOff(level: string): Promise<boolean> {
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: level, DATA_DIR: '/nonexistent' }),
    services: { db: database.db, secrets: secretsFromKey(randomBytes(32)), kind: database.kind },
  });
  // What the app's log controller decides for a real request (a line per request is written unless disabled).
  const decided = vi.spyOn(LogController.prototype, 'isLogDisabled');
  try {
    await app.inject({ method: 'GET', url: '/api/health' });
    expect(decided).toHaveBeenCalled();
    return decided.mock.results.every((r) => r.value === true);
  } finally {
    decided.mockRestore();
    await app.close();
  }
}

describe('request logging', () => {
  it('is off at the default level and on at debug and trace', async () => {
    expect(await requestLoggingOff('info')).toBe(true);
    expect(await requestLoggingOff('warn')).toBe(true);
    expect(await requestLoggingOff('debug')).toBe(false);
    expect(await requestLoggingOff('trace')).toBe(false);
  });
});
