// @ts-check
// Mutation testing of the security-relevant code (issue 5.3): `npm run mutate`. Not part of `npm test` or CI.
// The score per file and the equivalent survivors are written up in docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'server/src/modules/identity/identity.scope.ts',
    'server/src/modules/identity/identity.service.ts',
    'server/src/modules/identity/identity.plugin.ts',
    'server/src/modules/audit/audit.chain.ts',
    'server/src/modules/member/member.policy.ts',
    'server/src/modules/member/member.view.ts',
    'server/src/modules/org/org.policy.ts',
    'server/src/core/spreadsheet/cells.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared: one test process.
  concurrency: 1,
  // Re-uses the results of the last run for mutants whose code and covering tests are unchanged.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // The sandbox is a copy of the project; node_modules (itself a symlink to the main checkout) is linked, not copied.
  symlinkNodeModules: true,
  ignorePatterns: ['.toolchain', '.toolchain22', 'data', 'web/dist', 'coverage', 'bench/results', 'test-results', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  timeoutMS: 30_000,
  thresholds: { high: 90, low: 80, break: null },
};
export default config;
