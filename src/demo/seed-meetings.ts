import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Demo meetings, created after the demo organisations, users and children. */
export async function seedDemoMeetings(_db: Kysely<DB>): Promise<void> {}
