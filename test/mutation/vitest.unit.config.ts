import { defineConfig } from 'vitest/config';

// For `npm run mutate:unit` (Stryker) only: the unit tests of the pure security-relevant files. One worker: the
// machine is shared, and Stryker runs one mutant at a time.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 60_000,
    env: { CELLS_PROPERTY_RUNS: '200' },
    include: [
      'server/src/modules/identity/identity.scope.test.ts',
      'server/src/modules/identity/identity.plugin.test.ts',
      'server/src/modules/audit/audit.chain.test.ts',
      'server/src/modules/member/member.policy.test.ts',
      'server/src/modules/member/member.view.test.ts',
      'server/src/modules/org/org.tree.test.ts',
      'server/src/modules/org/org.policy.test.ts',
      'server/src/core/spreadsheet/cells.test.ts',
    ],
  },
});
