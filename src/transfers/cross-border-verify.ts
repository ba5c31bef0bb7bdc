import { CrossBorderFile } from './transfer-schema.ts';
import { KEY_ID, verifyValue } from './signing.ts';
import type { PublicKey } from './trust-store.ts';

/**
 * The check of `safetynet verify-cross-border`: a cross-border file's Ed25519 signature against a
 * key this deployment already trusts (imported with `cross-border key trust`) or the key given
 * with --key — never against the public key the file carries, which anyone forging a file could
 * replace. Offline: no database. The result names the reference and key ids only — never the
 * child's name.
 */
export type VerifyResult = { ok: true; referenceId: string; keyId: string } | { ok: false; problem: string };

/** Where the key to verify with comes from: the trust store (by the file's key id), or one key given. */
export type VerifyKey = { trusted: (keyId: string) => PublicKey | null } | { given: PublicKey };

export function verifyCrossBorderText(text: string, keys: VerifyKey): VerifyResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the file is not JSON' };
  }
  const parsed = CrossBorderFile.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `not a Safetynet cross-border file (${parsed.error.issues.map((i) => i.path.join('.') || 'file').join(', ')})` };
  const file = parsed.data;
  // The file's key id is only a name to look up; one of another shape is not echoed back.
  const named = KEY_ID.test(file.keyId) ? file.keyId : 'of an unknown form';
  let key: PublicKey;
  if ('given' in keys) {
    if (keys.given.keyId !== file.keyId) return { ok: false, problem: `the file names key ${named}, not the key given (${keys.given.keyId})` };
    key = keys.given;
  } else {
    const found = keys.trusted(file.keyId);
    if (!found) {
      return { ok: false, problem: `the file names key ${named}, which is not trusted here: import the sender's public key first (safetynet cross-border key trust <key file>), or give it with --key <key file>` };
    }
    key = found;
  }
  // Verify what was received (the raw summary), not the parsed copy: unknown keys count too.
  const summary = (json as { summary: unknown }).summary;
  if (!verifyValue(summary, file.signature, key.publicKey)) {
    return { ok: false, problem: `the signature does not match the summary under the trusted key ${key.keyId}: the file was altered or forged` };
  }
  return { ok: true, referenceId: file.summary.referenceId, keyId: key.keyId };
}
