import { defineConfig } from 'vitest/config';

// Only for `npm run mutate` (Stryker): the unit and PGlite integration tests that exercise the security-relevant
// files listed in stryker.config.mjs. One worker: the machine is shared, and Stryker runs one mutant at a time.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TEST_DB: 'pglite' },
    include: [
      'server/src/modules/identity/**/*.test.ts',
      'server/src/modules/audit/**/*.test.ts',
      'server/src/modules/member/member.policy.test.ts',
      'server/src/modules/member/member.view.test.ts',
      'server/src/modules/member/member.int.test.ts',
      'server/src/modules/org/org.tree.test.ts',
      'server/src/core/spreadsheet/cells.test.ts',
      'test/authorization-matrix.int.test.ts',
    ],
  },
});
