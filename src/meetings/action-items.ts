import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { endOfLocalDay, localDay } from '../domain/deadlines.ts';
import { actionItemDueProblem, defaultActionItemDue, initialMeetingDueAt, VIOLENCE_HARM_TYPES } from './meeting-rules.ts';
import type { ActionItemInput, ActionItemView } from './meeting-schema.ts';
import { ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import type { Task } from '../tasks/task-sources.ts';
import type { Door, Tx } from '../policy/door.ts';
import { isResponsible, isUnitReason, itemQuery, itemView, itemVisible, meetingBase, meetingInReach } from './meeting-reach.ts';

/**
 * Action items of a meeting: what, who (an organisation or a user), by when — followed until
 * done. The convening unit adds them; the responsible organisation's users (or the user named)
 * mark them done, as may the unit; only the unit reopens one.
 */

export async function addActionItem(door: Door, meetingId: string, input: ActionItemInput): Promise<ActionItemView> {
  const outcome = await door.transaction(async (tx, audit) => {
    const m = await meetingBase(door, tx).where('m.id', '=', meetingId).executeTakeFirst();
    if (!m) return 'not_found' as const;
    if (!isUnitReason(m.access_reason)) {
      await audit([{ chain: m.country, action: 'add_action_item', entity: 'meeting', entityId: meetingId, reason: m.access_reason, outcome: 'refused' }]);
      return 'forbidden' as const;
    }
    // The one responsible takes part in the meeting (or is the unit), so that they see the item.
    const parts = await tx.selectFrom('meeting_participants').select('organisation_id').where('country', '=', m.country).where('meeting_id', '=', meetingId).where('organisation_id', 'is not', null).execute();
    const orgs = new Set([...parts.map((p) => p.organisation_id!), ...(m.unit_id ? [m.unit_id] : [])]);
    const issues: Array<{ path: string; message: string }> = [];
    if (input.responsibleOrganisationId && !orgs.has(input.responsibleOrganisationId)) {
      issues.push({ path: 'responsibleOrganisationId', message: 'is not an organisation taking part in this meeting' });
    }
    if (input.responsibleUserId) {
      const u = await tx.selectFrom('users').select(['organisation_id', 'disabled_at']).where('id', '=', input.responsibleUserId).executeTakeFirst();
      if (!u || u.disabled_at || !orgs.has(u.organisation_id)) issues.push({ path: 'responsibleUserId', message: 'is not an active user of an organisation taking part in this meeting' });
    }
    const heldDay = localDay(new Date(m.held_at), m.timezone);
    const due = input.dueDate ?? defaultActionItemDue(new Date(m.held_at), m.country, m.timezone);
    const dueProblem = actionItemDueProblem(due, heldDay);
    if (dueProblem) issues.push(dueProblem);
    if (issues.length > 0) throw new InputError('The action item could not be recorded', issues);
    const row = await tx
      .insertInto('action_items')
      .values({
        country: m.country,
        meeting_id: meetingId,
        description: input.description,
        responsible_org_id: input.responsibleOrganisationId ?? null,
        responsible_user_id: input.responsibleUserId ?? null,
        due_date: due,
        created_by: door.actor.kind === 'user' ? door.actor.userId : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit([{ chain: m.country, action: 'create', entity: 'action_item', entityId: row.id, reason: m.access_reason, outcome: 'ok', detail: { meeting: meetingId, dueDate: due } }]);
    return { id: row.id };
  });
  if (outcome === 'not_found') {
    await door.auditAlone([{ action: 'add_action_item', entity: 'meeting', entityId: meetingId, outcome: 'denied' }]);
    throw new NotFoundError('meeting');
  }
  if (outcome === 'forbidden') throw new ForbiddenError('Only the unit that convened this meeting adds action items');
  return getActionItem(door, outcome.id);
}

/** An item with its meeting, if the caller sees both. */
async function itemInReach(door: Door, tx: Tx, id: string, lock = false) {
  const item = await itemQuery(tx).where('ai.id', '=', id).$if(lock, (q) => q.forUpdate('ai')).executeTakeFirst();
  if (!item) return null;
  const m = await meetingBase(door, tx).where('m.country', '=', item.country).where('m.id', '=', item.meeting_id).executeTakeFirst();
  if (!m || !itemVisible(door.actor, m.access_reason, item)) return null;
  return { item, meeting: m };
}

export async function getActionItem(door: Door, id: string): Promise<ActionItemView> {
  const found = await door.read(async (tx, audit) => {
    const r = await itemInReach(door, tx, id);
    if (!r) return null;
    await audit([{ chain: r.item.country, action: 'read', entity: 'action_item', entityId: id, reason: r.meeting.access_reason, outcome: 'ok' }]);
    return itemView(door.actor, r.meeting.access_reason, r.item, r.meeting.timezone);
  });
  if (!found) {
    await door.auditAlone([{ action: 'read', entity: 'action_item', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('action item');
  }
  return found;
}

async function setDone(door: Door, id: string, done: boolean, note?: string): Promise<ActionItemView> {
  const action = done ? 'complete' : 'reopen';
  const outcome = await door.transaction(async (tx, audit) => {
    const r = await itemInReach(door, tx, id, true);
    if (!r) return 'not_found' as const;
    const unit = isUnitReason(r.meeting.access_reason);
    const allowed = done ? unit || isResponsible(door.actor, r.item) : unit;
    if (!allowed) {
      await audit([{ chain: r.item.country, action, entity: 'action_item', entityId: id, reason: r.meeting.access_reason, outcome: 'refused' }]);
      return 'forbidden' as const;
    }
    // Marking done twice keeps the first completion: the record says who did it, and when.
    if (done === (r.item.done_at !== null)) return 'ok' as const;
    await tx
      .updateTable('action_items')
      .set(done
        ? { done_at: sql`now()`, done_by: door.actor.kind === 'user' ? door.actor.userId : null, done_note: note ?? null }
        : { done_at: null, done_by: null, done_note: null })
      .where('country', '=', r.item.country)
      .where('id', '=', id)
      .execute();
    await audit([{ chain: r.item.country, action, entity: 'action_item', entityId: id, reason: r.meeting.access_reason, outcome: 'ok', detail: { meeting: r.item.meeting_id } }]);
    return 'ok' as const;
  });
  if (outcome === 'not_found') {
    await door.auditAlone([{ action, entity: 'action_item', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('action item');
  }
  if (outcome === 'forbidden') {
    throw new ForbiddenError(done ? 'Only the responsible organisation or the convening unit marks this done' : 'Only the unit that convened the meeting reopens an action item');
  }
  return getActionItem(door, id);
}

export const completeActionItem = (door: Door, id: string, note?: string) => setDone(door, id, true, note);
export const reopenActionItem = (door: Door, id: string) => setDone(door, id, false);

/** Whose items: the caller's (their organisation's or their own), or every one they see. */
function responsibleCond(door: Door) {
  const actor = door.actor;
  return (eb: ExpressionBuilder<DB & { ai: DB['action_items'] }, 'ai'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    return eb.or([eb('ai.responsible_org_id', '=', actor.organisationId), eb('ai.responsible_user_id', '=', actor.userId)]);
  };
}

export async function listActionItems(door: Door, q: { mine: boolean; state: 'open' | 'done' | 'all'; limit: number; offset: number }) {
  return door.read(async (tx, audit) => {
    let rows = itemQuery(tx)
      .innerJoin('meetings as m', (j) => j.onRef('m.country', '=', 'ai.country').onRef('m.id', '=', 'ai.meeting_id'))
      .innerJoin('jurisdictions as j', 'j.code', 'm.jurisdiction_code')
      .select(['m.held_at as meeting_held_at', 'm.type as meeting_type', 'j.timezone'])
      .where(meetingInReach(door.actor));
    // Invited organisations see only their own items, whatever they ask for.
    const invitedOnly = !(door.actor.kind === 'system' || door.actor.roles.some((r) => r === 'caseworker' || r === 'supervisor'));
    if (q.mine || invitedOnly) rows = rows.where(responsibleCond(door));
    if (q.state === 'open') rows = rows.where('ai.done_at', 'is', null);
    if (q.state === 'done') rows = rows.where('ai.done_at', 'is not', null);
    const all = await rows.orderBy('ai.due_date').orderBy('ai.id').execute();
    const reasons = new Map<string, string | null>();
    const visible = [];
    for (const item of all) {
      if (!reasons.has(item.meeting_id)) {
        const m = await meetingBase(door, tx).where('m.country', '=', item.country).where('m.id', '=', item.meeting_id).executeTakeFirst();
        reasons.set(item.meeting_id, m?.access_reason ?? null);
      }
      if (itemVisible(door.actor, reasons.get(item.meeting_id)!, item)) visible.push(item);
    }
    const page = visible.slice(q.offset, q.offset + q.limit);
    if (page.length > 0) {
      await audit(page.map((i) => ({ chain: i.country, action: 'list', entity: 'action_item', entityId: i.id, reason: reasons.get(i.meeting_id) ?? null, outcome: 'ok' as const })));
    }
    return {
      items: page.map((i) => ({
        ...itemView(door.actor, reasons.get(i.meeting_id) ?? null, i, i.timezone),
        meetingHeldAt: new Date(i.meeting_held_at).toISOString(),
        meetingType: i.meeting_type,
      })),
      total: visible.length,
    };
  });
}

/**
 * The task source: open action items the caller must do ('mine'), the open items of meetings the
 * caller convened ('mine'), or every open item of a supervisor's unit ('unit'); and, for the
 * unit's caseworkers and supervisors, violence signals of the last 90 days still waiting for
 * their initial meeting. Titles carry no child data (no names, no descriptions typed by people).
 */
export async function meetingTasks(door: Door, scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (actor.kind !== 'user') return [];
  const unitMember = actor.isProtectionUnit && actor.roles.some((r) => r === 'caseworker' || r === 'supervisor');
  return door.transaction(async (tx) => {
    let q = itemQuery(tx)
      .innerJoin('meetings as m', (j) => j.onRef('m.country', '=', 'ai.country').onRef('m.id', '=', 'ai.meeting_id'))
      .innerJoin('jurisdictions as j', 'j.code', 'm.jurisdiction_code')
      .select(['m.held_at as meeting_held_at', 'm.type as meeting_type', 'j.timezone'])
      .where('ai.done_at', 'is', null)
      .where(meetingInReach(actor));
    if (scope === 'unit' && unitMember) q = q.where('m.country', '=', actor.country).where('m.unit_id', '=', actor.organisationId);
    else q = q.where((eb) => eb.or([responsibleCond(door)(eb), eb('m.convened_by', '=', actor.userId)]));
    const items = await q.orderBy('ai.due_date').limit(500).execute();
    const tasks: Task[] = items.map((i) => ({
      kind: 'action_item',
      id: i.id,
      link: `/meetings/${i.meeting_id}`,
      title: `Action item from the ${i.meeting_type.replaceAll('_', ' ')} meeting of ${localDay(new Date(i.meeting_held_at), i.timezone)}`,
      dueAt: endOfLocalDay(i.due_date, i.timezone).toISOString(),
      overdue: localDay(now, i.timezone) > i.due_date,
      ownerName: i.responsible_user_name ?? i.responsible_org_name,
    }));
    if (!unitMember) return tasks;
    const since = new Date(now.getTime() - 90 * 86_400_000);
    const signals = await tx
      .selectFrom('signals as s')
      .select(['s.id', 's.received_at', 's.urgency', 's.country'])
      .where('s.country', '=', actor.country)
      .where('s.unit_id', '=', actor.organisationId)
      .where('s.received_at', '>=', since)
      .where('s.origin', '=', 'app')
      .where(sql<SqlBool>`s.harm_types && ARRAY[${sql.join(VIOLENCE_HARM_TYPES.map((h) => sql.lit(h)))}]::text[]`)
      .where((eb) => eb.or([eb('s.screening_decision', 'is', null), eb('s.screening_decision', 'not in', ['refer_elsewhere', 'no_action'])]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('meetings as m2').select(sql`1`.as('one')).whereRef('m2.country', '=', 's.country').whereRef('m2.signal_id', '=', 's.id'))))
      .limit(200)
      .execute();
    for (const s of signals) {
      const due = initialMeetingDueAt({ receivedAt: new Date(s.received_at), urgency: s.urgency, country: s.country });
      tasks.push({
        kind: 'initial_meeting',
        id: s.id,
        link: `/meetings/new?signal=${s.id}`,
        title: s.urgency === 'immediate' ? 'Convene a crisis intervention on a signal' : 'Convene the initial meeting on a signal',
        dueAt: due.toISOString(),
        overdue: now.getTime() > due.getTime(),
        ownerName: null,
      });
    }
    return tasks;
  });
}
