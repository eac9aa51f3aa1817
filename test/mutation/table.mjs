// @ts-check
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the patches below are source text, template literals included
// `npm run mutate:table`: the mutations of issue 5's table, each applied by hand to a copy of the project, with the
// tests that must fail under it. Stryker (npm run mutate) mutates operators and literals; these are the breakages a
// reviewer tried on purpose (a wrong permission on a route, a role granted too much, a list that shows full numbers,
// names rendered as markup …), which no operator mutation produces. Each must be killed: its tests must fail.
// Not part of `npm test` (about 12 minutes on two cores); the result is written up in docs/testing.md.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * @typedef {{ file: string; from: string; to: string }} Patch
 * @typedef {{ name: string; patches: Patch[]; tests: string[]; env?: Record<string, string>; web?: boolean }} Mutation
 */

const matrix = ['--project', 'pglite', 'test/authorization-matrix.int.test.ts'];

/** @type {Mutation[]} */
const MUTATIONS = [
  {
    name: 'PATCH /api/members/:id declared with member.read instead of member.write',
    patches: [
      {
        file: 'server/src/modules/member/member.routes.ts',
        from: "      '/api/members/:id',\n      {\n        config: write,",
        to: "      '/api/members/:id',\n      {\n        config: read,",
      },
    ],
    tests: matrix,
  },
  {
    name: '/api/security/lockouts and /unlock opened to any signed-in user',
    patches: [
      {
        file: 'server/src/modules/identity/identity.routes.ts',
        from: "const security = { access: { kind: 'permission', permission: 'security.manage' } } as const;",
        to: "const security = { access: { kind: 'signed_in' } } as const;",
      },
    ],
    tests: matrix,
  },
  {
    name: 'supervisor granted member.sensitive, member.export and member.write',
    patches: [
      {
        file: 'contracts/identity.ts',
        from: "  supervisor: ['org.read', 'member.read'],",
        to: "  supervisor: ['org.read', 'member.read', 'member.sensitive', 'member.export', 'member.write'],",
      },
    ],
    tests: matrix,
  },
  {
    name: 'isInScope always false for branch secretaries',
    patches: [
      {
        file: 'server/src/modules/identity/identity.scope.ts',
        from: "  return scope === 'all' || scope.some((p) => path.startsWith(p));",
        to: "  if (actor?.assignments.some((a) => a.role === 'branch_secretary')) return false;\n  return scope === 'all' || scope.some((p) => path.startsWith(p));",
      },
    ],
    tests: matrix,
  },
  {
    name: 'the audit chain hash ignoring the previous hash',
    patches: [
      {
        file: 'server/src/modules/audit/audit.chain.ts',
        from: '  return `${prevHash}\\n${body}`;',
        to: '  return `\\n${body}`;',
      },
    ],
    tests: [
      '--project',
      'unit',
      'server/src/modules/audit/audit.chain.test.ts',
      '--project',
      'pglite',
      'server/src/modules/audit/audit.int.test.ts',
    ],
  },
  {
    name: 'the member list returning full ID and phone numbers to every member.read role',
    patches: [
      {
        file: 'server/src/modules/member/member.service.ts',
        from: '  return { items: rows.map((r) => memberFor(ctx, r)), total,',
        to: '  return { items: rows.map((r) => ({ ...memberFor(ctx, r), idNumber: ctx.secrets.decrypt(r.idNumberCipher), phone: r.phoneCipher ? ctx.secrets.decrypt(r.phoneCipher) : null })), total,',
      },
    ],
    tests: [...matrix, 'server/src/modules/member/member.masking.int.test.ts'],
  },
  {
    name: 'the lockout window ignored (a 100-year lock)',
    patches: [
      {
        file: 'server/src/modules/identity/identity.lockout.ts',
        from: '  const until = new Date(now.getTime() + minutes(LOCKOUT_WINDOW_MINUTES));',
        to: '  const until = new Date(now.getTime() + minutes(100 * 365 * 24 * 60));',
      },
    ],
    tests: [
      '--project',
      'pglite',
      'server/src/modules/identity/identity.int.test.ts',
      'server/src/modules/identity/identity.hardening.int.test.ts',
    ],
  },
  {
    name: 'every write service throwing, under the fuzz test',
    patches: [
      {
        file: 'server/src/core/context.ts',
        from: '  if (ctx.db.isTransaction) return fn(ctx);',
        to: "  throw new Error('mutant: the write service fails');",
      },
    ],
    // The full 100 runs per route: with 20, a route may meet none of its business rules by chance, and the
    // unmutated baseline itself fails (seen on POST /api/users).
    tests: ['--project', 'pglite', 'test/fuzz.int.test.ts'],
  },
  {
    name: 'member names rendered as HTML in the member table',
    patches: [
      {
        file: 'web/src/modules/member/members-page.tsx',
        from: '        <Link to={`/members/${m.id}`} onClick={(e) => e.stopPropagation()}>\n          {name}',
        to: '        <Link to={`/members/${m.id}`} onClick={(e) => e.stopPropagation()}>\n          <span dangerouslySetInnerHTML={{ __html: name }} />',
      },
    ],
    // The whole file: its tests run in order on one server (the first one changes the password the later ones
    // sign in with), so the XSS test alone fails without any mutation — the baseline showed it.
    tests: ['--project', 'e2e', 'e2e/newcomer.e2e.test.ts'],
    web: true,
  },
  // Found caught by the review already; kept so that it stays caught.
  {
    name: 'the access plugin skipping *.manage permissions',
    patches: [
      {
        file: 'server/src/modules/identity/identity.plugin.ts',
        from: "    if (access.kind === 'permission' && !hasPermission(request.actor, access.permission)) {",
        to: "    if (access.kind === 'permission' && !access.permission.endsWith('.manage') && !hasPermission(request.actor, access.permission)) {",
      },
    ],
    tests: matrix,
  },
];

const only = process.env.MUTATION ? new RegExp(process.env.MUTATION) : null;
const IGNORED = new Set([
  'node_modules',
  '.git',
  '.toolchain',
  '.toolchain22',
  'data',
  'reports',
  '.stryker-tmp',
]);

function copyProject() {
  const dir = mkdtempSync(join(tmpdir(), 'ronghe-mutant-'));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(ROOT, src);
      return !IGNORED.has(rel.split('/')[0] ?? '') && !rel.startsWith('web/dist');
    },
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function run(dir, args, env = {}) {
  const res = spawnSync('npx', args, {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: res.status === 0, out: `${res.stdout}\n${res.stderr}` };
}

// A mutant counts as killed only if its tests pass without it: each distinct set of tests runs once on an
// unmutated copy first, so a test that fails anyway (a broken set-up, a flaky run) cannot pass for a kill.
const selected = MUTATIONS.filter((m) => !only || only.test(m.name));
const baselines = new Map();
for (const m of selected) {
  const key = JSON.stringify([m.tests, m.env ?? {}, Boolean(m.web)]);
  if (baselines.has(key)) continue;
  const dir = copyProject();
  try {
    if (m.web) {
      const built = run(dir, ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
      if (!built.ok) throw new Error(`baseline: the web build failed\n${built.out}`);
    }
    process.stdout.write(`… baseline: ${m.tests.join(' ')}\n`);
    const res = run(dir, ['vitest', 'run', ...m.tests], m.env);
    if (!res.ok) {
      process.stdout.write(res.out.slice(-4000));
      throw new Error(`baseline: the tests of "${m.name}" fail without any mutation`);
    }
    baselines.set(key, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const m of selected) {
  const dir = copyProject();
  try {
    for (const p of m.patches) {
      const path = join(dir, p.file);
      const text = readFileSync(path, 'utf8');
      if (!text.includes(p.from)) throw new Error(`${m.name}: the code to mutate is gone from ${p.file}`);
      writeFileSync(path, text.replace(p.from, p.to));
    }
    if (m.web) {
      const built = run(dir, ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
      if (!built.ok) throw new Error(`${m.name}: the web build failed\n${built.out}`);
    }
    const started = Date.now();
    process.stdout.write(`… ${m.name}\n`);
    const res = run(dir, ['vitest', 'run', ...m.tests], m.env);
    const failed = /(\d+) failed/.exec(res.out)?.[1] ?? (res.ok ? '0' : '?');
    results.push({
      name: m.name,
      killed: !res.ok,
      failed,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    process.stdout.write(`${res.ok ? 'SURVIVED' : 'killed  '} ${m.name} (${failed} failing tests)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log('\n| mutation | killed | failing tests | seconds |\n|---|---|---|---|');
for (const r of results)
  console.log(`| ${r.name} | ${r.killed ? 'yes' : '**no**'} | ${r.failed} | ${r.seconds} |`);
if (existsSync(join(ROOT, 'reports'))) {
  writeFileSync(join(ROOT, 'reports/mutation-table.json'), `${JSON.stringify(results, null, 2)}\n`);
}
process.exit(results.every((r) => r.killed) ? 0 : 1);
