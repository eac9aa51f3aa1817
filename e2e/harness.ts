import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { freePort } from '../test/throwaway-postgres.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type RunningServer = {
  url: string;
  dataDir: string;
  output: () => string;
  /** Stops the server and removes its data directory. */
  stop: () => Promise<void>;
  /** SIGKILL, as a power cut would: the data directory stays for a restart. */
  kill: () => Promise<void>;
};

/**
 * Starts the real product as a person would (`ronghe serve --demo-if-empty`) on a fresh data directory and a free
 * port, and waits until it answers.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<RunningServer> {
  if (!existsSync('web/dist/index.html'))
    throw new Error('web/dist is missing: run `npm run build:web` first');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ronghe-e2e-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    // The demo organ alone: each browser test starts its own server, and the committee's ten other organs would
    // only lengthen every start (the committee is loaded and checked by demo.committee.int.test.ts).
    ['--import', 'tsx', 'server/src/cli/main.ts', 'serve', '--demo-if-empty', '--demo-organ-only'],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Runs the CLI with the same environment as a started server (a server-mode database needs no lock). */
export function runCli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: sudo apt-get install -y chromium fonts-noto-cjk`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Closes the dialog in front until `gone` is hidden. Under load a click can land while the dialog is still opening
 * and be lost (a CI run waited 30 s on a dialog that never closed), so it is clicked again until it closes.
 */
export async function closeDialog(page: Page, gone: Locator, timeout = 30_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    await page
      .locator('.ant-modal:visible .ant-modal-close')
      .first()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    try {
      await gone.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
    }
  }
}

/**
 * Picks `name` in the searchable select `testId` until the select shows it. Under load the option's click can land
 * while the list is still filtering and choose nothing (a CI run saved a record without its joint branch).
 */
export async function chooseInSelect(
  page: Page,
  testId: string,
  name: string,
  timeout = 30_000,
): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    await page.getByTestId(testId).click();
    // The list is virtual (only the first options are drawn): search for the one wanted.
    await page.keyboard.type(name);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: name })
      .first()
      .click({ timeout: 10_000 })
      .catch(() => undefined);
    await page.keyboard.press('Escape');
    const shown = async () => ((await page.getByTestId(testId).textContent()) ?? '').includes(name);
    for (let i = 0; i < 20 && !(await shown()); i++) await page.waitForTimeout(300);
    if (await shown()) return;
    if (Date.now() > until) throw new Error(`${testId}: ${name} was not chosen`);
  }
}
