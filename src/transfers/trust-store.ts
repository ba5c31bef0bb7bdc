import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KEY_ID, fingerprintOf, keyIdOf } from './signing.ts';

/**
 * The public keys this deployment trusts for cross-border files: one file per key,
 * `<SAFETYNET_DATA_DIR>/trusted-keys/<keyId>.json`. In the data directory, not the database, so
 * that `verify-cross-border` stays an offline check that needs no database (and works while a
 * running server holds PGlite's lock), and so that the operator can see, provision and review
 * the trusted keys as plain files. A deployment's own key is exported as a key file (the same
 * format) that the other deployment imports.
 */
export const KEY_FILE_FORMAT = 'safetynet-signing-key/1';

export type PublicKey = { keyId: string; publicKey: string };

const KeyFile = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  keyId: z.string().regex(KEY_ID),
  algorithm: z.literal('ed25519'),
  publicKey: z.string().min(1),
  fingerprint: z.string().optional(),
});

/** The key file of a key: what `cross-border key export` writes and `key trust` / `--key` read. */
export function keyFile(key: PublicKey): z.infer<typeof KeyFile> {
  return { format: KEY_FILE_FORMAT, keyId: key.keyId, algorithm: 'ed25519', publicKey: key.publicKey, fingerprint: fingerprintOf(key.publicKey) };
}

/** An Ed25519 public key as base64 SPKI DER; throws on anything else. */
function ed25519(key: Parameters<typeof createPublicKey>[0]): string {
  const k = createPublicKey(key);
  if (k.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return k.export({ format: 'der', type: 'spki' }).toString('base64');
}

/**
 * A public key from a key file (our JSON), or from a PEM public key. The id is always derived from
 * the key itself; a key file whose stated id is not its key's is refused.
 */
export function readPublicKey(text: string): PublicKey {
  if (text.trimStart().startsWith('-----BEGIN PUBLIC KEY-----')) {
    const publicKey = ed25519(text);
    return { keyId: keyIdOf(publicKey), publicKey };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('not a key file (neither JSON nor a PEM public key)');
  }
  const parsed = KeyFile.safeParse(json);
  if (!parsed.success) throw new Error(`not a Safetynet key file (${parsed.error.issues.map((i) => i.path.join('.') || 'file').join(', ')})`);
  let publicKey: string;
  try {
    publicKey = ed25519({ key: Buffer.from(parsed.data.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new Error('the key file does not hold an Ed25519 public key');
  }
  if (keyIdOf(publicKey) !== parsed.data.keyId) throw new Error(`the key file names key ${parsed.data.keyId}, but its key is ${keyIdOf(publicKey)}`);
  return { keyId: parsed.data.keyId, publicKey };
}

export const trustStoreDir = (dataDir: string) => path.join(dataDir, 'trusted-keys');

/** Trusts a key (idempotent); `label` says whose it is. Returns false when it was already trusted. */
export function trustKey(dir: string, key: PublicKey, label: string | null): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${key.keyId}.json`);
  if (trustedKey(dir, key.keyId)) return false;
  fs.writeFileSync(file, `${JSON.stringify({ ...keyFile(key), label, trustedAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
  return true;
}

/** The trusted key of that id, or null (an id of any other shape, or a store file whose key is not its id's, is not trusted). */
export function trustedKey(dir: string, keyId: string): PublicKey | null {
  if (!KEY_ID.test(keyId)) return null;
  const file = path.join(dir, `${keyId}.json`);
  if (!fs.existsSync(file)) return null;
  try {
    const key = readPublicKey(fs.readFileSync(file, 'utf8'));
    return key.keyId === keyId ? key : null;
  } catch {
    return null;
  }
}

export function listTrustedKeys(dir: string): Array<PublicKey & { label: string | null; trustedAt: string | null }> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => KEY_ID.test(f.replace(/\.json$/, '')))
    .sort()
    .flatMap((f) => {
      const key = trustedKey(dir, f.replace(/\.json$/, ''));
      if (!key) return [];
      const raw = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { label?: string | null; trustedAt?: string };
      return [{ ...key, label: raw.label ?? null, trustedAt: raw.trustedAt ?? null }];
    });
}

/** Stops trusting a key; false when it was not trusted. */
export function untrustKey(dir: string, keyId: string): boolean {
  if (!KEY_ID.test(keyId)) return false;
  const file = path.join(dir, `${keyId}.json`);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file);
  return true;
}
