import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Field encryption for personal data (身份证号, phone numbers): AES-256-GCM with a key kept outside the database,
 * plus a keyed hash (HMAC-SHA256) so that a number can be looked up and de-duplicated without decrypting anything.
 */
export type Secrets = {
  encrypt: (plain: string) => string;
  decrypt: (cipher: string) => string;
  /** Stable keyed hash for equality look-ups. */
  blindIndex: (plain: string) => string;
};

export function secretsFromKey(masterKey: Buffer): Secrets {
  if (masterKey.length !== 32) throw new Error('encryption key must be 32 bytes');
  const encKey = Buffer.from(
    hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ronghe field encryption v1', 32),
  );
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ronghe blind index v1', 32));
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
    blindIndex(plain) {
      return createHmac('sha256', macKey).update(plain, 'utf8').digest('base64url');
    },
  };
}

/**
 * The key comes from ENCRYPTION_KEY when set; otherwise from DATA_DIR/keys/master.key, created on first start with
 * mode 0600. Either way it is never stored in the database, and a backup alone cannot reveal the numbers.
 */
export function loadSecrets(options: { encryptionKey: string | undefined; dataDir: string }): Secrets {
  if (options.encryptionKey) return secretsFromKey(Buffer.from(options.encryptionKey, 'base64'));
  const path = join(options.dataDir, 'keys', 'master.key');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  return secretsFromKey(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'));
}
