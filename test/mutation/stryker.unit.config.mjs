// @ts-check
// Mutation testing of the pure security-relevant files against their unit tests (fast: `npm run mutate:unit`).
import { shared } from './stryker.shared.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...shared,
  vitest: { configFile: 'test/mutation/vitest.unit.config.ts', related: false },
  mutate: [
    'server/src/modules/identity/identity.scope.ts',
    'server/src/modules/identity/identity.plugin.ts',
    'server/src/modules/audit/audit.chain.ts',
    'server/src/modules/member/member.policy.ts',
    'server/src/modules/member/member.view.ts',
    'server/src/modules/org/org.policy.ts',
    'server/src/core/spreadsheet/cells.ts',
  ],
  incrementalFile: 'reports/mutation/unit-incremental.json',
  htmlReporter: { fileName: 'reports/mutation/unit.html' },
  jsonReporter: { fileName: 'reports/mutation/unit.json' },
};
