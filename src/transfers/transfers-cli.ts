import fs from 'node:fs';
import type { Command } from 'commander';
import { CrossBorderFile } from '../domain/schemas/transfer.ts';
import { verifyValue } from './signing.ts';

/**
 * `safetynet verify-cross-border <file>`: checks a cross-border file's Ed25519 signature against
 * the public key it carries, offline (the receiving authority has no access to our database).
 * Prints the reference and key ids only — never the child's name — and exits 1 when it fails.
 */
export type VerifyResult = { ok: true; referenceId: string; keyId: string } | { ok: false; problem: string };

export function verifyCrossBorderText(text: string): VerifyResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the file is not JSON' };
  }
  const parsed = CrossBorderFile.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `not a Safetynet cross-border file (${parsed.error.issues.map((i) => i.path.join('.') || 'file').join(', ')})` };
  const file = parsed.data;
  // Verify what was received (the raw summary), not the parsed copy: unknown keys count too.
  const summary = (json as { summary: unknown }).summary;
  if (!verifyValue(summary, file.signature, file.publicKey)) return { ok: false, problem: 'the signature does not match the summary' };
  return { ok: true, referenceId: file.summary.referenceId, keyId: file.keyId };
}

export function registerTransfersCommands(program: Command): void {
  program
    .command('verify-cross-border <file>')
    .description('check the signature of a cross-border file (exit 1 when it fails)')
    .action((path: string) => {
      if (!fs.existsSync(path)) {
        console.error(`No file ${path}.`);
        process.exitCode = 1;
        return;
      }
      const result = verifyCrossBorderText(fs.readFileSync(path, 'utf8'));
      if (result.ok) {
        console.log(`Signature valid: referral ${result.referenceId}, key ${result.keyId}.`);
      } else {
        console.error(`Signature INVALID: ${result.problem}.`);
        process.exitCode = 1;
      }
    });
}
