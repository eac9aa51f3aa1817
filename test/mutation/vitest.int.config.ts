import { defineConfig } from 'vitest/config';

// For `npm run mutate:int` (Stryker) only: the PGlite integration tests that drive sign-in, sessions and lockout
// through HTTP. One worker, as above.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TEST_DB: 'pglite' },
    include: [
      'server/src/modules/identity/identity.int.test.ts',
      'server/src/modules/identity/identity.hardening.int.test.ts',
    ],
  },
});
