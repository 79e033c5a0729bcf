import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from './errors';

/**
 * Secrets (SMTP passwords, camera credentials, outside services' tokens) are sealed with AES-256-GCM
 * before they reach the database. The key lives outside it: CANHGAC_SECRET_KEY, or a key file in the
 * data folder created with mode 0600 on first start. Several nodes on one PostgreSQL must share the key.
 */
export type SecretBox = {
  seal(plain: string): string;
  open(sealed: string): string;
};

const VERSION = 'v1';

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join(
        ':',
      );
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new AppError('SECRET_UNREADABLE');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new AppError('SECRET_UNREADABLE');
      }
    },
  };
}

/** The key from configuration, else from `<dataDir>/secret.key`, created on first use. */
export function loadSecretKey(dataDir: string, keyHex: string | undefined): Buffer {
  if (keyHex) return Buffer.from(keyHex, 'hex');
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} is not a 64-hex-character key`);
    return Buffer.from(hex, 'hex');
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

let platformBox: SecretBox | undefined;

/** Set once at boot (server, CLI, tests) from the configured key; services and jobs seal with it. */
export function setPlatformSecretBox(box: SecretBox): void {
  platformBox = box;
}

export function platformSecretBox(): SecretBox {
  if (!platformBox) throw new Error('the platform secret box is not configured (setPlatformSecretBox)');
  return platformBox;
}
