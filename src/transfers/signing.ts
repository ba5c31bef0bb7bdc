import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Ed25519 signatures for cross-border files. The deployment has one signing key, created on first
 * use and kept in signing_keys (the private key never leaves the database). What is signed is the
 * canonical JSON of the summary (object keys sorted, no spaces), so the receiver can re-derive the
 * exact bytes from the parsed file whatever its own JSON library does with key order.
 * The receiver verifies with a key it already trusts (trust-store.ts), never with the public key
 * a file carries.
 */
export type SigningKey = { id: string; publicKey: string; privateKey: string };

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => [k, sortKeys(obj[k])]));
  }
  return value;
}

/**
 * A key's id names it by its public half (base64 SPKI DER), so that an id can be checked against a
 * key: `ed25519-` and the first 16 hex digits of its SHA-256.
 */
export function keyIdOf(publicKeyBase64: string): string {
  return `ed25519-${createHash('sha256').update(publicKeyBase64).digest('hex').slice(0, 16)}`;
}

/** The shape of a key id; anything else named in a file is never used to build a path. */
export const KEY_ID = /^ed25519-[0-9a-f]{16}$/;

/** The SHA-256 of the key's DER bytes in groups of four hex digits: what two operators read to each other. */
export function fingerprintOf(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex');
  return hex.match(/.{4}/g)!.join(' ');
}

/** The deployment's key: the oldest in the table, or a new one if there is none yet. */
export async function signingKey(db: Kysely<DB>): Promise<SigningKey> {
  const existing = await db.selectFrom('signing_keys').select(['id', 'public_key', 'private_key']).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  if (existing) return { id: existing.id, publicKey: existing.public_key, privateKey: existing.private_key };
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const priv = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const id = keyIdOf(pub);
  await db.insertInto('signing_keys').values({ id, public_key: pub, private_key: priv }).onConflict((oc) => oc.column('id').doNothing()).execute();
  return signingKey(db);
}

export async function publicKeyOf(db: Kysely<DB>, keyId: string): Promise<string | null> {
  const row = await db.selectFrom('signing_keys').select('public_key').where('id', '=', keyId).executeTakeFirst();
  return row?.public_key ?? null;
}

/** The base64 Ed25519 signature of the value's canonical JSON. */
export function signValue(value: unknown, key: SigningKey): string {
  const privateKey = createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(canonicalJson(value), 'utf8'), privateKey).toString('base64');
}

/** True when `signature` is the key's signature of the value's canonical JSON; false on any malformed input. */
export function verifyValue(value: unknown, signature: string, publicKeyBase64: string): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(canonicalJson(value), 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
