/** Module boundaries (see ARCHITECTURE.md): checked by `npm run lint`, which `npm test` runs. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-knows-no-module',
      comment: 'core/ is domain-free infrastructure; modules build on it, never the reverse.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'modules-only-through-index',
      comment: 'A module is used by others only through its index.ts.',
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { path: '^server/src/modules/([^/]+)/(?!index\\.ts$)', pathNot: '^server/src/modules/$1/' },
    },
    {
      name: 'outside-uses-module-index',
      comment: 'The app, CLI and tests reach a module through its index.ts too.',
      severity: 'error',
      from: { path: '^(server/src/(app|server)\\.ts|server/src/cli/|test/|e2e/|bench/)' },
      to: { path: '^server/src/modules/[^/]+/(?!index\\.ts$)' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'Contracts are shared by server and web and import neither.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(server|web)/' },
    },
    { name: 'web-not-server', severity: 'error', from: { path: '^web/' }, to: { path: '^server/' } },
    { name: 'server-not-web', severity: 'error', from: { path: '^server/' }, to: { path: '^web/' } },
    {
      name: 'migrations-frozen',
      comment:
        'Migrations never import application code: they must keep meaning what they meant when written.',
      severity: 'error',
      from: { path: '^server/migrations/' },
      to: { path: '^(server/src|contracts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.toolchain)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
