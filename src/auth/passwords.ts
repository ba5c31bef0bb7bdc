import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm) with OWASP's second recommended setting:
 * 19 MiB of memory, 2 passes, 1 lane.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the user does not exist keeps the timing of both answers alike. */
let dummy: Promise<string> | null = null;
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('safetynet-timing-equaliser');
  await verifyPassword(await dummy, password);
}

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
