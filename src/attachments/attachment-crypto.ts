import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * Attachments are encrypted at rest with AES-256-GCM (authenticated: a changed byte fails to
 * open). The 32-byte key is SAFETYNET_ATTACHMENT_KEY (base64 or 64 hex digits) or, without it,
 * the file `attachment.key` in the data directory, created on first start (mode 0600). The key
 * never enters the database nor a backup: keep it apart (README, "Attachments").
 */
export type AttachmentKey = { key: Buffer; id: string };

export const KEY_FILE = 'attachment.key';

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('The attachment key must be 32 bytes: 64 hex digits or 44 base64 characters (openssl rand -base64 32)');
  return key;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** The deployment's key: from the environment, or the data directory's key file (made once). */
export function loadAttachmentKey(opts: { envKey: string | undefined; dataDir: string }): AttachmentKey {
  if (opts.envKey) {
    const key = parseKey(opts.envKey);
    return { key, id: keyId(key) };
  }
  const file = path.join(opts.dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    // 'wx': never overwrite a key another process has just written.
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = parseKey(fs.readFileSync(file, 'utf8'));
  return { key, id: keyId(key) };
}

export type Sealed = { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer };

export function seal(key: AttachmentKey, plain: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyId: key.id, iv, tag: cipher.getAuthTag(), ciphertext };
}

/** A file sealed with another key, or changed since: a clear 500 that names no file content. */
export class AttachmentKeyError extends AppError {
  constructor(message: string) {
    super(500, message);
  }
}

export function open(key: AttachmentKey, sealed: Sealed, aad: string): Buffer {
  if (sealed.keyId !== key.id) {
    throw new AttachmentKeyError(`This file was encrypted with another attachment key (${sealed.keyId}); the server has ${key.id}. Start it with the key the files were written with.`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.iv);
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new AttachmentKeyError('A stored file failed its integrity check: it was changed after it was written.');
  }
}
