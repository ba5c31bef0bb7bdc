import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase, prepareDatabase } from '../db/open.ts';
import { CrossBorderFile } from './transfer-schema.ts';
import { KEY_ID, fingerprintOf, signingKey, verifyValue } from './signing.ts';
import { type PublicKey, keyFile, listTrustedKeys, readPublicKey, trustKey, trustStoreDir, trustedKey, untrustKey } from './trust-store.ts';

/**
 * `safetynet verify-cross-border <file> [--key <key file>]`: checks a cross-border file's Ed25519
 * signature against a key this deployment already trusts (imported with `cross-border key trust`)
 * or the key given with --key — never against the public key the file carries, which anyone
 * forging a file could replace. Offline: no database. Prints the reference and key ids only —
 * never the child's name — and exits 1 when it fails. `cross-border key export|trust|list|untrust`
 * exchange the keys between deployments.
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

/** Reads a file, or says plainly that it is not there. */
function readText(path: string): string | null {
  if (fs.existsSync(path) && fs.statSync(path).isFile()) return fs.readFileSync(path, 'utf8');
  console.error(`No file ${path}.`);
  process.exitCode = 1;
  return null;
}

function readKeyFile(path: string): PublicKey | null {
  const text = readText(path);
  if (text === null) return null;
  try {
    return readPublicKey(text);
  } catch (err) {
    console.error(`Not a usable public key in ${path}: ${(err as Error).message}.`);
    process.exitCode = 1;
    return null;
  }
}

export function registerTransfersCommands(program: Command): void {
  program
    .command('verify-cross-border <file>')
    .description('check the signature of a cross-border file against a trusted key (exit 1 when it fails)')
    .option('--key <keyFile>', "the sender's public key (a key file or PEM), instead of the trust store")
    .action((path: string, opts: { key?: string }) => {
      const text = readText(path);
      if (text === null) return;
      let keys: VerifyKey;
      if (opts.key) {
        const given = readKeyFile(opts.key);
        if (!given) return;
        keys = { given };
      } else {
        const dir = trustStoreDir(loadConfig().dataDir);
        keys = { trusted: (keyId) => trustedKey(dir, keyId) };
      }
      const result = verifyCrossBorderText(text, keys);
      if (result.ok) {
        console.log(`Signature valid: referral ${result.referenceId}, key ${result.keyId}.`);
      } else {
        console.error(`Signature INVALID: ${result.problem}.`);
        process.exitCode = 1;
      }
    });

  const key = program.command('cross-border').description('cross-border files between deployments').command('key').description("this deployment's signing key and the keys it trusts");
  key
    .command('export')
    .description("write this deployment's public key (a key file) for the deployments that receive its files")
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { out?: string }) => {
      const database = await openConfiguredDatabase(loadConfig(), 'safetynet cross-border key export');
      try {
        await prepareDatabase(database);
        const own = await signingKey(database.owner);
        const text = `${JSON.stringify(keyFile({ keyId: own.id, publicKey: own.publicKey }), null, 2)}\n`;
        if (!opts.out) {
          process.stdout.write(text);
          return;
        }
        fs.writeFileSync(opts.out, text);
        console.log(`Public key ${own.id} written to ${opts.out}. Fingerprint: ${fingerprintOf(own.publicKey)}`);
      } finally {
        await database.close();
      }
    });
  key
    .command('trust <keyFile>')
    .description("trust a sending deployment's public key for verify-cross-border (compare its fingerprint with the sender first)")
    .option('--label <text>', 'whose key it is, e.g. "Hellenic child protection, Thessaloniki"')
    .action((path: string, opts: { label?: string }) => {
      const given = readKeyFile(path);
      if (!given) return;
      const added = trustKey(trustStoreDir(loadConfig().dataDir), given, opts.label ?? null);
      console.log(`${added ? 'Trusted' : 'Already trusted:'} key ${given.keyId}. Fingerprint: ${fingerprintOf(given.publicKey)} — compare it with the sender's over another channel (telephone, letter).`);
    });
  key
    .command('list')
    .description('list the trusted public keys')
    .action(() => {
      const keys = listTrustedKeys(trustStoreDir(loadConfig().dataDir));
      if (keys.length === 0) console.log('No trusted keys.');
      for (const k of keys) console.log(`${k.keyId}  ${fingerprintOf(k.publicKey)}  ${k.trustedAt ?? ''}  ${k.label ?? ''}`.trimEnd());
    });
  key
    .command('untrust <keyId>')
    .description('stop trusting a public key')
    .action((keyId: string) => {
      if (untrustKey(trustStoreDir(loadConfig().dataDir), keyId)) console.log(`Key ${keyId} is no longer trusted.`);
      else {
        console.error(`Key ${KEY_ID.test(keyId) ? keyId : '(not a key id)'} is not trusted here.`);
        process.exitCode = 1;
      }
    });
}
