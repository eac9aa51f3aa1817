// Options shared by the two Stryker runs of `npm run mutate` (issue 5.3). Not part of `npm test` or CI; the score
// per file and the equivalent survivors are written up in docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export const shared = {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants, regexes, sets) would each re-run every test file: hours on this
  // machine. They are reported as ignored; the constants are pinned by the tests' literal expectations.
  ignoreStatic: true,
  // The machine is shared: one test process.
  concurrency: 1,
  // Re-uses the results of the last run for mutants whose code and covering tests did not change.
  incremental: true,
  // The sandbox is a copy of the project; node_modules (itself a symlink to the main checkout) is linked, not copied.
  symlinkNodeModules: true,
  ignorePatterns: [
    '.toolchain',
    '.toolchain22',
    'data',
    'web/dist',
    'coverage',
    'bench',
    'test-results',
    'reports',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { reportScoreTable: true, reportMutants: false, logTests: false },
  timeoutMS: 30_000,
  thresholds: { high: 90, low: 80, break: null },
};
