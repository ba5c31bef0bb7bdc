import type { z } from 'zod';
import type { Door } from '../policy/door.ts';
import { dueForRetention } from './retention.ts';
import type { RetentionPreview } from './retention-schema.ts';

/**
 * The administrator's dry run (GET /retention/due): what is due now in their country — case
 * numbers and ids, closed and due days, never names (the admin sees no case content) — audited.
 */
export async function retentionPreview(door: Door): Promise<z.infer<typeof RetentionPreview>> {
  const actor = door.actor;
  const country = actor.kind === 'user' ? actor.country : undefined;
  const { due, held } = await dueForRetention(door, new Date(), country);
  await door.auditAlone([{ chain: country, action: 'retention_preview', entity: 'retention', outcome: 'ok', detail: { due: due.length, held } }]);
  return { due, held };
}
