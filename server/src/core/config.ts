import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may name the client address (X-Forwarded-For, X-Forwarded-Proto): none (`false`), the nearest N hops,
 * or the listed proxy addresses and ranges. `true` (trust whoever sends the header) is refused: any client could then
 * choose the address that the audit trail records and the per-address lockout counts.
 */
const TrustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): false | number | string[] => {
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') {
      ctx.addIssue({
        code: 'custom',
        message:
          "'true' would trust a client-supplied X-Forwarded-For; give the number of proxy hops (e.g. 1) or the proxies' addresses (e.g. 10.0.0.5,10.1.0.0/16) / 不安全：请填写代理的跳数或代理地址",
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops > 10) {
        ctx.addIssue({ code: 'custom', message: 'at most 10 proxy hops' });
        return z.NEVER;
      }
      return hops;
    }
    const entries = value.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `not a proxy address or range: ${bad.join(', ')} (use a hop count, or IP addresses / CIDR ranges separated by commas)`,
      });
      return z.NEVER;
    }
    return entries;
  });

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  AUDIT_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional()
    .or(z.literal('').transform(() => undefined))
    .describe('keys the audit chain; when unset it is derived from the encryption key'),
  LOG_LEVEL: LogLevel.default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  SESSION_MAX_PER_USER: z.coerce.number().int().min(1).max(100).default(3),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe('auto: Secure cookies when the request came over TLS (directly or via X-Forwarded-Proto)'),
  TRUST_PROXY: TrustProxy,
  API_DOCS: z.enum(['public', 'signed-in', 'off']).default('signed-in'),
  UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(200).default(20),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://host:port or smtps://user:password@host:port')
    .optional()
    .or(z.literal('').transform(() => undefined))
    .describe('the mail server deliveries go through; unset: no e-mail deliveries'),
  SMTP_FROM: z
    .string()
    .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be an address such as ronghe@example.gov.cn')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  encryptionKey: string | undefined;
  auditKey: string | undefined;
  logLevel: z.infer<typeof LogLevel>;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  sessionMaxPerUser: number;
  cookieSecure: 'auto' | 'true' | 'false';
  trustProxy: false | number | string[];
  apiDocs: 'public' | 'signed-in' | 'off';
  uploadLimitBytes: number;
  /** Mail for deliveries (ADR 30); both unset: the e-mail channel is unavailable and says so. */
  smtp: { url: string; from: string } | undefined;
};

export class ConfigError extends Error {}

/** Reads and validates the environment once at start; a bad value stops the process with a readable list. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    encryptionKey: e.ENCRYPTION_KEY,
    auditKey: e.AUDIT_KEY,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    sessionMaxPerUser: e.SESSION_MAX_PER_USER,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    apiDocs: e.API_DOCS,
    uploadLimitBytes: e.UPLOAD_LIMIT_MB * 1024 * 1024,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM ?? 'ronghe@localhost' } : undefined,
    ...overrides,
  });
}

/** The table in README.md is checked against this list by a test, so the two cannot drift apart. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
