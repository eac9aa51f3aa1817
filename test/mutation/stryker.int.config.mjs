// @ts-check
// Mutation testing of sign-in, sessions and lockout, which only the PGlite integration tests reach
// (`npm run mutate:int`).
import { shared } from './stryker.shared.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...shared,
  vitest: { configFile: 'test/mutation/vitest.int.config.ts', related: false },
  // Loading the actor, sign-in, session resolution and logout, and the lockout; password changes and the account
  // administration are left to the ordinary tests (each mutant here costs several seconds).
  mutate: [
    'server/src/modules/identity/identity.service.ts:34-178',
    'server/src/modules/identity/identity.lockout.ts',
  ],
  incrementalFile: 'reports/mutation/int-incremental.json',
  htmlReporter: { fileName: 'reports/mutation/int.html' },
  jsonReporter: { fileName: 'reports/mutation/int.json' },
};
