import { ForbiddenError } from '../errors.ts';
import type { Door } from '../policy/door.ts';
import type { FigureTable } from '../reports/figure-table.ts';
import { unitFeedbackFigures } from './feedback-figures.ts';
import { isKioskStaff, ownKiosk } from './kiosks.ts';

/** The results of a unit or a provider, all its kiosks or one (another organisation's kiosk: 404), suppressed under 5 answers; audited. */
export async function feedbackResults(door: Door, kioskId?: string): Promise<{ tables: FigureTable[] }> {
  const actor = door.actor;
  if (!isKioskStaff(actor)) throw new ForbiddenError("Only a unit's or a provider's staff see its kiosks' results");
  return door.read(async (tx, audit) => {
    if (kioskId) await ownKiosk(tx, actor, kioskId);
    const tables = await unitFeedbackFigures(tx, { country: actor.country, orgId: actor.organisationId }, kioskId);
    await audit([{ chain: actor.country, action: 'read', entity: 'kiosk_results', entityId: kioskId ?? null, reason: 'unit', outcome: 'ok' }]);
    return { tables };
  });
}
