import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Demo signals, created after the demo organisations, users and children. */
export async function seedDemoSignals(_db: Kysely<DB>): Promise<void> {}
