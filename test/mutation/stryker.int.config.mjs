// @ts-check
// Mutation testing of sign-in, sessions, lockout and the access-control plugin, which only the PGlite integration
// tests reach (`npm run mutate:int`).
import { shared } from './stryker.shared.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...shared,
  vitest: { configFile: 'test/mutation/vitest.int.config.ts', related: false },
  mutate: ['server/src/modules/identity/identity.service.ts', 'server/src/modules/identity/identity.plugin.ts'],
  incrementalFile: 'reports/mutation/int-incremental.json',
  htmlReporter: { fileName: 'reports/mutation/int.html' },
  jsonReporter: { fileName: 'reports/mutation/int.json' },
};
