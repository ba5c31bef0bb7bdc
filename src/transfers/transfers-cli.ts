import fs from 'node:fs';
import type { Command } from 'commander';
import { withDatabase } from '../cli/cli-support.ts';
import type { VerifyKey } from './cross-border-verify.ts';
import { KEY_ID, fingerprintOf } from './signing.ts';
import type { PublicKey } from './trust-store.ts';

/**
 * `safetynet verify-cross-border <file> [--key <key file>]` (the check: cross-border-verify.ts)
 * exits 1 when it fails; `safetynet cross-border key export|trust|list|untrust` exchange the keys
 * between deployments.
 */

/** The trust store's folder under the configured data directory. */
async function trustStore() {
  const { loadConfig } = await import('../config.ts');
  const store = await import('./trust-store.ts');
  return { dir: store.trustStoreDir(loadConfig().dataDir), store };
}

/** Reads a file, or says plainly that it is not there. */
function readText(path: string): string | null {
  if (fs.existsSync(path) && fs.statSync(path).isFile()) return fs.readFileSync(path, 'utf8');
  console.error(`No file ${path}.`);
  process.exitCode = 1;
  return null;
}

async function readKeyFile(path: string): Promise<PublicKey | null> {
  const text = readText(path);
  if (text === null) return null;
  const { readPublicKey } = await import('./trust-store.ts');
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
    .action(async (path: string, opts: { key?: string }) => {
      const text = readText(path);
      if (text === null) return;
      let keys: VerifyKey;
      if (opts.key) {
        const given = await readKeyFile(opts.key);
        if (!given) return;
        keys = { given };
      } else {
        const { dir, store } = await trustStore();
        keys = { trusted: (keyId) => store.trustedKey(dir, keyId) };
      }
      const { verifyCrossBorderText } = await import('./cross-border-verify.ts');
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
      const { signingKey } = await import('./signing.ts');
      const { keyFile } = await import('./trust-store.ts');
      await withDatabase('cross-border key export', async (database) => {
        const own = await signingKey(database.owner);
        const text = `${JSON.stringify(keyFile({ keyId: own.id, publicKey: own.publicKey }), null, 2)}\n`;
        if (!opts.out) {
          process.stdout.write(text);
          return;
        }
        fs.writeFileSync(opts.out, text);
        console.log(`Public key ${own.id} written to ${opts.out}. Fingerprint: ${fingerprintOf(own.publicKey)}`);
      });
    });
  key
    .command('trust <keyFile>')
    .description("trust a sending deployment's public key for verify-cross-border (compare its fingerprint with the sender first)")
    .option('--label <text>', 'whose key it is, e.g. "Hellenic child protection, Thessaloniki"')
    .action(async (path: string, opts: { label?: string }) => {
      const given = await readKeyFile(path);
      if (!given) return;
      const { dir, store } = await trustStore();
      const added = store.trustKey(dir, given, opts.label ?? null);
      console.log(`${added ? 'Trusted' : 'Already trusted:'} key ${given.keyId}. Fingerprint: ${fingerprintOf(given.publicKey)} — compare it with the sender's over another channel (telephone, letter).`);
    });
  key
    .command('list')
    .description('list the trusted public keys')
    .action(async () => {
      const { dir, store } = await trustStore();
      const keys = store.listTrustedKeys(dir);
      if (keys.length === 0) console.log('No trusted keys.');
      for (const k of keys) console.log(`${k.keyId}  ${fingerprintOf(k.publicKey)}  ${k.trustedAt ?? ''}  ${k.label ?? ''}`.trimEnd());
    });
  key
    .command('untrust <keyId>')
    .description('stop trusting a public key')
    .action(async (keyId: string) => {
      const { dir, store } = await trustStore();
      if (store.untrustKey(dir, keyId)) console.log(`Key ${keyId} is no longer trusted.`);
      else {
        console.error(`Key ${KEY_ID.test(keyId) ? keyId : '(not a key id)'} is not trusted here.`);
        process.exitCode = 1;
      }
    });
}
