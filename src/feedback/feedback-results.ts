import { ForbiddenError } from '../errors.ts';
import type { Door } from '../policy/door.ts';
import type { FigureTable } from '../reports/figure-table.ts';
import { unitFeedbackFigures } from './feedback-figures.ts';
import { isUnitStaff, ownKiosk } from './kiosks.ts';

/** A unit's results, all its kiosks or one (another unit's kiosk: 404), suppressed under 5 answers; audited. */
export async function feedbackResults(door: Door, kioskId?: string): Promise<{ tables: FigureTable[] }> {
  const actor = door.actor;
  if (!isUnitStaff(actor)) throw new ForbiddenError("Only a unit's caseworkers and supervisors see its kiosks' results");
  return door.read(async (tx, audit) => {
    if (kioskId) await ownKiosk(tx, actor, kioskId);
    const tables = await unitFeedbackFigures(tx, { country: actor.country, orgId: actor.organisationId }, kioskId);
    await audit([{ chain: actor.country, action: 'read', entity: 'kiosk_results', entityId: kioskId ?? null, reason: 'unit', outcome: 'ok' }]);
    return { tables };
  });
}
