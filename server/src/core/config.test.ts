import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has defaults for a first start', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/data$/);
    expect(c.auditKey).toBeUndefined();
  });

  it('takes an audit key of 32 bytes in base64 and refuses anything else', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ AUDIT_KEY: key }).auditKey).toBe(key);
    expect(() => loadConfig({ AUDIT_KEY: 'short' })).toThrow(/AUDIT_KEY/);
  });

  it('stops with a readable list of every bad value', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('DATABASE_URL');
    }
  });

  it('names the proxies to trust: none by default, a hop count or addresses and ranges; never "true" (6.3)', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['true', 'yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '11']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
    }
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*X-Forwarded-For/s);
  });

  it('limits sessions per account (default 3) and keeps the API documentation behind sign-in by default (6.10)', () => {
    expect(loadConfig({}).sessionMaxPerUser).toBe(3);
    expect(loadConfig({ SESSION_MAX_PER_USER: '1' }).sessionMaxPerUser).toBe(1);
    expect(() => loadConfig({ SESSION_MAX_PER_USER: '0' })).toThrow(ConfigError);
    expect(loadConfig({}).apiDocs).toBe('signed-in');
    expect(loadConfig({ API_DOCS: 'off' }).apiDocs).toBe('off');
    expect(() => loadConfig({ API_DOCS: 'yes' })).toThrow(ConfigError);
  });

  it('is documented: every variable has a row in the README table and a line in .env.example', () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = readFileSync('.env.example', 'utf8');
    for (const name of CONFIG_VARIABLES) {
      expect(readme).toContain(`| \`${name}\` |`);
      expect(example).toContain(name);
    }
  });

  it('never reads from the shared folder beside the project', async () => {
    const { execSync } = await import('node:child_process');
    const hits = execSync(
      "git grep -l -E '\\.\\./shared' -- server contracts web/src bin scripts .ci || true",
      { encoding: 'utf8' },
    );
    expect(hits.trim()).toBe('');
  });
});
