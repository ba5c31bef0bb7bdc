import { addHours, deadlinesFor } from '../domain/deadlines.ts';
import type { SignalInput, SignalView } from './signal-schema.ts';
import { ConflictError, ForbiddenError, InputError } from '../errors.ts';
import { type UserActor, hasRole } from '../policy/actor.ts';
import { checkNewChildren, duplicateConflict, overrideDetail } from '../children/child-duplicates.ts';
import { baseQuery, insertChildRow } from '../children/child-records.ts';
import type { AuditDraft, AuditFn, Door, Tx } from '../policy/door.ts';
import { findSignalIn } from './signal-records.ts';
import { signalInReach } from './signal-reach.ts';
import { protectionUnitFor } from '../organisations/protection-unit.ts';

/**
 * Registering a signal: the signal, its children (known ones from the caller's reach, new ones
 * created in the responsible unit) and, for a partner or the police-station team, their
 * organisation's 'signal' grant to those children, all in one audited transaction: a refused
 * signal stores nothing.
 */
type Issue = { path: string; message: string };

const REGISTERING_ROLES = ['caseworker', 'supervisor', 'partner', 'police_support'] as const;

/** The responsible unit: the registering worker's own unit, else the municipality's CPU (or none). */
async function responsibleUnit(tx: Tx, registrar: UserActor, municipalityCode: string): Promise<string | null> {
  if (registrar.isProtectionUnit && hasRole(registrar, 'caseworker', 'supervisor')) return registrar.organisationId;
  return protectionUnitFor(tx, registrar.country, municipalityCode);
}

async function municipalityOf(tx: Tx, code: string, country: string) {
  return tx
    .selectFrom('jurisdictions')
    .select(['code', 'parent_code'])
    .where('code', '=', code)
    .where('level', '=', 'municipality')
    .where('country', '=', country)
    .executeTakeFirst();
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export type RegisterResult = { signal: SignalView; created: boolean };

/**
 * Registers a signal for the door's user; a system handle (seeding, import) names the user it
 * registers for in `onBehalfOf`. The same `ref` twice gives the first signal back (created: false).
 */
export async function registerSignal(door: Door, input: SignalInput, opts: { onBehalfOf?: UserActor } = {}): Promise<RegisterResult> {
  const registrar = door.actor.kind === 'user' ? door.actor : opts.onBehalfOf;
  if (!registrar) throw new Error('A system handle must name the user a signal is registered for');
  if (!hasRole(registrar, ...REGISTERING_ROLES)) throw new ForbiddenError('Your role does not register signals');
  try {
    return await attempt(door, registrar, input);
  } catch (error) {
    // Two requests with the same ref at once: the loser finds the winner's signal on a second try.
    if (input.ref && isUniqueViolation(error)) return attempt(door, registrar, input);
    throw error;
  }
}

async function attempt(door: Door, registrar: UserActor, input: SignalInput): Promise<RegisterResult> {
  const outcome = await door.transaction((tx, audit) => registerSignalIn(door, tx, audit, registrar, input));
  if (outcome === 'ref_taken') throw new ConflictError('This ref is already used by another signal', { issues: [{ path: 'ref', message: 'is already used' }] });
  if ('duplicate' in outcome) throw duplicateConflict(outcome.duplicate!);
  return outcome;
}

export type RegisterOutcome = RegisterResult | 'ref_taken' | { duplicate: Awaited<ReturnType<typeof checkNewChildren>>['found'] };

/**
 * The registration's work in a transaction the caller holds (a police-station intake refers its
 * child as a signal in its own transaction): answers the signal, or why it was refused.
 */
export async function registerSignalIn(door: Door, tx: Tx, audit: AuditFn, registrar: UserActor, input: SignalInput): Promise<RegisterOutcome> {
  const country = registrar.country;
  if (input.ref) {
    const existing = await tx.selectFrom('signals').select('id').where('country', '=', country).where('ref_scope', '=', '').where('ref', '=', input.ref).executeTakeFirst();
    if (existing) {
      const inReach = await tx.selectFrom('signals as s').select('s.id').where('s.id', '=', existing.id).where(signalInReach(door.actor)).executeTakeFirst();
      if (!inReach) return 'ref_taken' as const;
      const signal = await findSignalIn(door, tx, audit, existing.id);
      return { signal: signal!, created: false };
    }
  }

  const issues: Issue[] = [];
  const municipality = await municipalityOf(tx, input.municipalityCode, country);
  if (!municipality) issues.push({ path: 'municipalityCode', message: 'is not a municipality of your country' });
  // Known children must be within the caller's reach; out of reach and absent read the same.
  const known = new Map<string, string>();
  for (const [i, c] of input.children.entries()) {
    if (!c.childId) continue;
    const child = await baseQuery(door, tx).where('c.id', '=', c.childId).where('c.country', '=', country).executeTakeFirst();
    if (child) known.set(c.childId, child.access_reason as string);
    else issues.push({ path: `children.${i}.childId`, message: 'is not a child you can reach' });
  }
  if (issues.length > 0) throw new InputError('The signal has errors', issues);
  // One child, one record: a new child like a registered one is refused unless notDuplicate.
  const fresh = input.children.flatMap((c, index) =>
    c.childId ? [] : [{ index, givenName: c.givenName!, familyName: c.familyName!, birthDate: c.birthDate ?? null, notDuplicate: c.notDuplicate }]);
  const check = await checkNewChildren(door, tx, country, fresh);
  await audit(check.entries);
  if (check.conflict) return { duplicate: check.found };

  const receivedAt = new Date(input.receivedAt);
  const unitId = await responsibleUnit(tx, registrar, input.municipalityCode);
  const byUnit = unitId !== null && unitId === registrar.organisationId;
  const reason = door.actor.kind === 'system' ? 'system' : byUnit ? (hasRole(registrar, 'supervisor') ? 'unit_supervisor' : 'unit_caseworker') : 'signal';
  const signal = await tx
    .insertInto('signals')
    .values({
      country,
      ref: input.ref ?? null,
      received_at: receivedAt,
      jurisdiction_code: municipality!.code,
      region_code: municipality!.parent_code!,
      unit_id: unitId,
      channel: input.channel,
      // An anonymous report: the source says so, and no reporter is kept.
      source: input.source,
      reporter_name: input.source === 'anonymous' ? null : (input.reporterName || null),
      reporter_contact: input.source === 'anonymous' ? null : (input.reporterContact || null),
      harm_types: [...new Set(input.harmTypes)],
      place: input.place,
      perpetrators: input.perpetrators.length > 0 ? [...new Set(input.perpetrators)] : ['unknown'],
      description: input.description || null,
      urgency: input.urgency,
      registered_by: registrar.userId,
      registered_org: registrar.organisationId,
      screening_due_at: addHours(receivedAt, deadlinesFor(country).screeningHours),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const entries: AuditDraft[] = [];
  const childIds: string[] = [];
  for (const [index, c] of input.children.entries()) {
    if (c.childId) {
      childIds.push(c.childId);
      entries.push({ chain: country, action: 'link', entity: 'child', entityId: c.childId, childId: c.childId, reason: known.get(c.childId) ?? reason, outcome: 'ok', detail: { signal: signal.id } });
      continue;
    }
    const childId = await insertChildRow(
      tx,
      { givenName: c.givenName!, familyName: c.familyName!, sex: c.sex!, birthDate: c.birthDate ?? null, municipalityCode: municipality!.code },
      { country, unitId, ownerId: byUnit ? registrar.userId : null, createdBy: registrar.userId },
    );
    childIds.push(childId);
    entries.push({ chain: country, action: 'create', entity: 'child', entityId: childId, childId, reason, outcome: 'ok', detail: { via: 'signal', signal: signal.id, fields: ['birthDate', 'familyName', 'givenName', 'sex'].filter((f) => f !== 'birthDate' || c.birthDate), ...overrideDetail(check.found, index, c.notDuplicate) } });
  }
  await tx.insertInto('signal_children').values(childIds.map((child_id) => ({ country, signal_id: signal.id, child_id }))).execute();
  if (!byUnit) {
    // The registering organisation keeps seeing the children it reported.
    await tx
      .insertInto('child_access')
      .values(childIds.map((child_id) => ({ country, child_id, reason: 'signal' as const, organisation_id: registrar.organisationId, user_id: null, source_id: signal.id })))
      .onConflict((oc) => oc.columns(['country', 'child_id', 'reason', 'organisation_id', 'source_id']).doUpdateSet({ revoked_at: null }))
      .execute();
    for (const child_id of childIds) {
      entries.push({ chain: country, action: 'grant_access', entity: 'child', entityId: child_id, childId: child_id, reason, outcome: 'ok', detail: { grant: 'signal', organisation: registrar.organisationId } });
    }
  }
  await audit([
    { chain: country, action: 'create', entity: 'signal', entityId: signal.id, reason, outcome: 'ok', detail: { children: childIds.length, newChildren: childIds.length - known.size, unit: unitId } },
    ...entries,
  ]);
  const view = await findSignalIn(door, tx, audit, signal.id);
  return { signal: view!, created: true };
}
