import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { deadlinesFor } from '../domain/deadlines.ts';
import { iso } from '../domain/dates.ts';
import { actorName } from '../policy/actor.ts';
import type { Door, Tx } from '../policy/door.ts';
import { caseAccessReason, caseInReach, isCaseUnitReason } from '../cases/case-reach.ts';
import type { LegalHoldView, LegalHolds } from './retention-schema.ts';

/**
 * A case's legal hold (issue 15 §5): while one is in force the case — and so its child — is kept
 * from anonymisation. Seen by whoever sees the case whole (its unit); placed and lifted, each with
 * a reason, by the unit's supervisor (DOMAIN.md: the head of the unit; the admin sees no case
 * content). Both are audited (who and when; the reason stays on the hold, not in the log, which
 * is never anonymised). A case out of reach, or of an anonymised child, is 404.
 */
type Reached = { id: string; country: string; child_id: string; supervisor: boolean };

async function reachCase(door: Door, tx: Tx, caseId: string): Promise<Reached> {
  const row = await tx.selectFrom('cases as k')
    .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
    .select(['k.id', 'k.country', 'k.child_id'])
    .select(caseAccessReason(door.actor))
    .where('k.id', '=', caseId).where('ch.anonymised_at', 'is', null)
    .where(caseInReach(door.actor))
    .executeTakeFirst();
  // Only the unit sees a case's holds; anyone else (a partner with a grant) is told nothing.
  if (!row || !row.access_reason || !isCaseUnitReason(row.access_reason)) throw new NotFoundError('case');
  const actor = door.actor;
  const supervisor = actor.kind === 'system' || actor.roles.includes('supervisor');
  return { id: row.id, country: row.country, child_id: row.child_id, supervisor };
}

type HoldRow = {
  id: string; case_id: string; reason: string; placed_at: Date; placed_by_name: string;
  lifted_at: Date | null; lifted_by_name: string | null; lift_reason: string | null;
};

function view(h: HoldRow): LegalHoldView {
  return {
    id: h.id, caseId: h.case_id, reason: h.reason, placedAt: iso(h.placed_at), placedByName: h.placed_by_name,
    liftedAt: iso(h.lifted_at), liftedByName: h.lifted_by_name, liftReason: h.lift_reason,
  };
}

async function holdsOf(tx: Tx, c: Reached): Promise<LegalHolds> {
  const rows = await tx.selectFrom('case_legal_holds')
    .select(['id', 'case_id', 'reason', 'placed_at', 'placed_by_name', 'lifted_at', 'lifted_by_name', 'lift_reason'])
    .where('country', '=', c.country).where('case_id', '=', c.id)
    .orderBy('placed_at', 'desc').orderBy('id').execute();
  const inForce = rows.find((r) => r.lifted_at === null);
  let retentionYears: number | null = null;
  try {
    retentionYears = deadlinesFor(c.country).retentionYearsAfterClosure ?? null;
  } catch {
    retentionYears = null;
  }
  return {
    inForce: inForce ? view(inForce) : null,
    history: rows.filter((r) => r.lifted_at !== null).map(view),
    canChange: c.supervisor,
    retentionYears,
  };
}

export async function caseLegalHolds(door: Door, caseId: string): Promise<LegalHolds> {
  return door.read(async (tx) => holdsOf(tx, await reachCase(door, tx, caseId)));
}

export async function placeLegalHold(door: Door, caseId: string, reason: string): Promise<LegalHolds> {
  return door.transaction(async (tx, audit) => {
    const c = await reachCase(door, tx, caseId);
    if (!c.supervisor) throw new ForbiddenError('Only the unit\'s supervisor places a legal hold');
    const held = await tx.selectFrom('case_legal_holds').select('id')
      .where('country', '=', c.country).where('case_id', '=', c.id).where('lifted_at', 'is', null).forUpdate().executeTakeFirst();
    if (held) throw new ConflictError('The case is already on legal hold');
    const actor = door.actor;
    const hold = await tx.insertInto('case_legal_holds').values({
      country: c.country, case_id: c.id, reason, placed_by: actor.kind === 'user' ? actor.userId : null, placed_by_name: actorName(actor),
    }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: c.country, action: 'legal_hold_place', entity: 'case', entityId: c.id, childId: c.child_id, outcome: 'ok', detail: { hold: hold.id } }]);
    return holdsOf(tx, c);
  });
}

export async function liftLegalHold(door: Door, caseId: string, reason: string): Promise<LegalHolds> {
  return door.transaction(async (tx, audit) => {
    const c = await reachCase(door, tx, caseId);
    if (!c.supervisor) throw new ForbiddenError('Only the unit\'s supervisor lifts a legal hold');
    const actor = door.actor;
    const lifted = await tx.updateTable('case_legal_holds')
      .set({ lifted_at: new Date(), lifted_by: actor.kind === 'user' ? actor.userId : null, lifted_by_name: actorName(actor), lift_reason: reason })
      .where('country', '=', c.country).where('case_id', '=', c.id).where('lifted_at', 'is', null)
      .returning('id').executeTakeFirst();
    if (!lifted) throw new ConflictError('The case is not on legal hold');
    await audit([{ chain: c.country, action: 'legal_hold_lift', entity: 'case', entityId: c.id, childId: c.child_id, outcome: 'ok', detail: { hold: lifted.id } }]);
    return holdsOf(tx, c);
  });
}
