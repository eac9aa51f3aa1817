import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Short public fingerprints of the keys: written into backups so that a restore can refuse the wrong key. */
export type KeyFingerprints = { encryption: string; audit: string };

/**
 * Field encryption for personal data (身份证号, phone numbers): AES-256-GCM with a key kept outside the database,
 * plus a keyed hash (HMAC-SHA256) so that a number can be looked up and de-duplicated without decrypting anything;
 * and the audit key, which keys the audit chain, its head and its checkpoints (ADR 12).
 */
export type Secrets = {
  encrypt: (plain: string) => string;
  decrypt: (cipher: string) => string;
  /** AES-256-GCM for whole files kept in the database for a short while (uploaded rosters, error reports). */
  sealBytes: (plain: Uint8Array) => Buffer;
  /** Opens what sealBytes sealed; throws when it was sealed under another key or altered. */
  openBytes: (sealed: Uint8Array) => Buffer;
  /** Stable keyed hash for equality look-ups. */
  blindIndex: (plain: string) => string;
  /** HMAC-SHA256 (hex) with the audit key: nobody with only database access can recompute it. */
  auditMac: (data: string) => string;
  fingerprints: KeyFingerprints;
};

/** One-way and truncated: a fingerprint tells keys apart and reveals nothing usable about them. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('ronghe key fingerprint v1\n').update(key).digest('hex').slice(0, 16);
}

/** The audit key when none is configured: derived from the master key, so there is nothing more to keep or lose. */
export function deriveAuditKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ronghe audit chain v1', 32));
}

export function secretsFromKey(masterKey: Buffer, auditKey: Buffer = deriveAuditKey(masterKey)): Secrets {
  if (masterKey.length !== 32) throw new Error('encryption key must be 32 bytes');
  if (auditKey.length !== 32) throw new Error('audit key must be 32 bytes');
  const encKey = Buffer.from(
    hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ronghe field encryption v1', 32),
  );
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ronghe blind index v1', 32));
  const fileKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ronghe kept files v1', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(value) {
      if (!value.startsWith('v1:')) throw new Error('unknown cipher format');
      const raw = Buffer.from(value.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    sealBytes(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', fileKey, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    openBytes(sealed) {
      const raw = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      const decipher = createDecipheriv('aes-256-gcm', fileKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    },
    blindIndex(plain) {
      return createHmac('sha256', macKey).update(plain, 'utf8').digest('base64url');
    },
    auditMac(data) {
      return createHmac('sha256', auditKey).update(data, 'utf8').digest('hex');
    },
    fingerprints: { encryption: keyFingerprint(masterKey), audit: keyFingerprint(auditKey) },
  };
}

/** A key the command needs is not there and may not be created (a restore must use the backup's keys). */
export class KeyMissingError extends Error {}

export const MASTER_KEY_FILE = join('keys', 'master.key');

/**
 * The encryption key comes from ENCRYPTION_KEY when set; otherwise from DATA_DIR/keys/master.key, created on first
 * start with mode 0600 (unless `create` is false). Either way it is never stored in the database, and a backup alone
 * cannot reveal the numbers. The audit key comes from AUDIT_KEY when set, otherwise it is derived from the
 * encryption key.
 */
export function loadSecrets(options: {
  encryptionKey: string | undefined;
  auditKey?: string | undefined;
  dataDir: string;
  create?: boolean;
}): Secrets {
  const audit = options.auditKey ? Buffer.from(options.auditKey, 'base64') : undefined;
  if (options.encryptionKey) return secretsFromKey(Buffer.from(options.encryptionKey, 'base64'), audit);
  const path = join(options.dataDir, MASTER_KEY_FILE);
  if (!existsSync(path)) {
    if (options.create === false) {
      throw new KeyMissingError(
        `缺少加密密钥 ${path}：请把备份所用的密钥文件复制到该位置，或设置 ENCRYPTION_KEY（以及 AUDIT_KEY，如备份时设置过）。 ` +
          `(the encryption key is missing: copy the backup's key file to ${path} or set ENCRYPTION_KEY)`,
      );
    }
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  return secretsFromKey(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'), audit);
}
