import { ForbiddenError, NotFoundError } from '../errors.ts';
import { iso } from '../domain/dates.ts';
import type { UserActor } from '../policy/actor.ts';
import type { Door, Tx } from '../policy/door.ts';
import { duplicateConflict } from '../children/child-duplicates.ts';
import { registerSignalIn } from '../signals/signal-register.ts';
import type { Task } from '../tasks/task-sources.ts';
import type { FreeTextView, MakeSignalInput } from './feedback-schema.ts';
import { isUnitSupervisor } from './kiosks.ts';
import { reviewedOrganisations } from './kiosk-reach.ts';

/**
 * The children's free texts, for the review of the kiosk unit's supervisor only: a child may
 * disclose harm there. A provider's kiosk's texts go to the supervisor of the unit responsible
 * for the provider's municipality (src/feedback/kiosk-reach.ts), never to the provider's staff. Each text is marked reviewed, or turned into a signal of the unit (source
 * `child_self`, the text its narrative) linked back from the answer. Every read is audited; the
 * text itself never goes into the audit, a log or an error.
 */
function supervisorOnly(door: Door): UserActor {
  if (!isUnitSupervisor(door.actor)) throw new ForbiddenError("Only the unit's supervisor reads the children's free texts");
  return door.actor;
}

function textsQuery(tx: Tx, actor: UserActor, orgs: string[]) {
  return tx.selectFrom('kiosk_answers as a').innerJoin('kiosks as k', 'k.id', 'a.kiosk_id').innerJoin('organisations as o', 'o.id', 'k.org_id')
    .select(['a.id', 'a.kiosk_id', 'k.label', 'o.name as org_name', 'a.submitted_on', 'a.age_band', 'a.free_text', 'a.reviewed_at', 'a.signal_id'])
    .where('a.country', '=', actor.country).where('k.org_id', 'in', orgs).where('a.free_text', 'is not', null);
}
type TextRow = Awaited<ReturnType<ReturnType<typeof textsQuery>['executeTakeFirstOrThrow']>>;
const textView = (r: TextRow): FreeTextView => ({
  id: r.id, kioskId: r.kiosk_id, kioskLabel: r.label, orgName: r.org_name, submittedOn: r.submitted_on, ageBand: r.age_band, text: r.free_text!,
  reviewedAt: r.reviewed_at ? iso(r.reviewed_at) : null, signalId: r.signal_id,
});

export async function listFreeTexts(door: Door, state: 'unreviewed' | 'reviewed' | 'all'): Promise<{ items: FreeTextView[] }> {
  const actor = supervisorOnly(door);
  return door.read(async (tx, audit) => {
    let q = textsQuery(tx, actor, await reviewedOrganisations(tx, actor));
    if (state === 'unreviewed') q = q.where('a.reviewed_at', 'is', null);
    if (state === 'reviewed') q = q.where('a.reviewed_at', 'is not', null);
    const rows = await q.orderBy('a.submitted_on', 'desc').orderBy('a.id').limit(200).execute();
    await audit([{ chain: actor.country, action: 'list', entity: 'kiosk_answer', reason: 'unit_supervisor', outcome: 'ok', detail: { count: rows.length, state } }]);
    return { items: rows.map(textView) };
  });
}

async function ownText(tx: Tx, actor: UserActor, id: string) {
  const row = await textsQuery(tx, actor, await reviewedOrganisations(tx, actor)).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
  if (!row) throw new NotFoundError('free text');
  return row;
}

export async function markReviewed(door: Door, id: string): Promise<FreeTextView> {
  const actor = supervisorOnly(door);
  return door.transaction(async (tx, audit) => {
    const row = await ownText(tx, actor, id);
    const reviewedAt = row.reviewed_at ?? new Date();
    if (!row.reviewed_at) {
      await tx.updateTable('kiosk_answers').set({ reviewed_at: reviewedAt, reviewed_by: actor.userId }).where('country', '=', actor.country).where('id', '=', id).execute();
      await audit([{ chain: actor.country, action: 'review', entity: 'kiosk_answer', entityId: id, reason: 'unit_supervisor', outcome: 'ok' }]);
    }
    return textView({ ...row, reviewed_at: reviewedAt });
  });
}

/** Turns a free text into a signal of the unit, in one transaction: the answer is reviewed and names the signal. Twice: the same signal. */
export async function makeSignal(door: Door, id: string, input: MakeSignalInput): Promise<{ signalId: string }> {
  const actor = supervisorOnly(door);
  return door.transaction(async (tx, audit) => {
    const row = await ownText(tx, actor, id);
    if (row.signal_id) return { signalId: row.signal_id };
    const outcome = await registerSignalIn(door, tx, audit, actor, {
      ref: `kiosk-${id}`, receivedAt: iso(new Date()), channel: 'written', source: 'child_self', reporterName: null, reporterContact: null,
      harmTypes: input.harmTypes, place: 'unknown', perpetrators: [], description: row.free_text, urgency: input.urgency,
      municipalityCode: input.municipalityCode ?? actor.jurisdictionCode, children: [{ ...input.child, birthDate: null }],
    });
    if (outcome === 'ref_taken') throw new NotFoundError('free text');
    if ('duplicate' in outcome) throw duplicateConflict(outcome.duplicate!);
    const signalId = outcome.signal.id;
    await tx.updateTable('kiosk_answers').set({ signal_id: signalId, reviewed_at: row.reviewed_at ?? new Date(), reviewed_by: actor.userId })
      .where('country', '=', actor.country).where('id', '=', id).execute();
    await audit([{ chain: actor.country, action: 'make_signal', entity: 'kiosk_answer', entityId: id, reason: 'unit_supervisor', outcome: 'ok', detail: { signal: signalId } }]);
    return { signalId };
  });
}

/** The supervisor's task list: one task per kiosk with free texts to review, due the day after the oldest. */
export async function freeTextTasks(door: Door, _scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (!isUnitSupervisor(actor)) return [];
  return door.read(async (tx, audit) => {
    const rows = await tx.selectFrom('kiosk_answers as a').innerJoin('kiosks as k', 'k.id', 'a.kiosk_id')
      .select(['k.id', (eb) => eb.fn.min('a.submitted_on').as('oldest'), (eb) => eb.fn.countAll<string>().as('n')])
      .where('a.country', '=', actor.country).where('k.org_id', 'in', await reviewedOrganisations(tx, actor)).where('a.free_text', 'is not', null).where('a.reviewed_at', 'is', null)
      .groupBy('k.id').execute();
    if (rows.length > 0) await audit([{ chain: actor.country, action: 'task_list', entity: 'kiosk_answer', outcome: 'ok', detail: { count: rows.length } }]);
    return rows.map((r) => {
      const due = new Date(`${String(r.oldest)}T23:59:59Z`);
      due.setUTCDate(due.getUTCDate() + 1);
      return { kind: 'kiosk_free_text', id: r.id, link: `/feedback/review?kiosk=${r.id}`, title: "Review the children's words left at a feedback kiosk",
        dueAt: iso(due), overdue: due.getTime() < now.getTime(), ownerName: null };
    });
  });
}
