import { endOfLocalDay, localDay } from '../domain/deadlines.ts';
import type { Door } from '../policy/door.ts';
import type { Task } from '../tasks/task-sources.ts';
import { isUnitMember } from './institution-reach.ts';
import { addMonthsToDay, followUpMonthsFor } from './resident-view.ts';

/** How far ahead a follow-up visit appears on the task list. */
export const FOLLOW_UP_HORIZON_DAYS = 30;

/**
 * Follow-up visits after a transition out of an institution: on the case owner's list (`mine`) and
 * the supervisor's view of the unit, one task per transition — its earliest visit not yet made —
 * from a month before it falls due; overdue after its day (in the unit's time zone). None for a
 * closed case.
 */
export async function followUpTasks(door: Door, scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (actor.kind !== 'user' || !isUnitMember(actor)) return [];
  const unitView = scope === 'unit' && actor.roles.includes('supervisor');
  return door.transaction(async (tx) => {
    const rows = await tx.selectFrom('di_transitions as t')
      .innerJoin('institution_residents as r', (j) => j.onRef('r.country', '=', 't.country').onRef('r.id', '=', 't.resident_id'))
      .innerJoin('placements as p', (j) => j.onRef('p.country', '=', 'r.country').onRef('p.id', '=', 'r.placement_id'))
      .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'r.country').onRef('k.id', '=', 'r.case_id'))
      .innerJoin('organisations as u', 'u.id', 'k.unit_id')
      .innerJoin('jurisdictions as j', 'j.code', 'u.jurisdiction_code')
      .leftJoin('users as o', 'o.id', 'k.owner_id')
      .select(['t.id', 't.country', 'r.id as resident_id', 'p.ended_on', 'j.timezone', 'o.display_name as owner_name'])
      .select((eb) => eb.fn.coalesce(
        eb.selectFrom('di_follow_ups as f').select((e) => e.fn.agg<number[]>('array_agg', ['f.months']).as('m')).whereRef('f.country', '=', 't.country').whereRef('f.transition_id', '=', 't.id'),
        eb.val<number[]>([]),
      ).as('done'))
      .where('t.country', '=', actor.country)
      .where('k.status', '<>', 'closed')
      .where('p.ended_on', 'is not', null)
      .where((eb) => (unitView ? eb('k.unit_id', '=', actor.organisationId) : eb('k.owner_id', '=', actor.userId)))
      .limit(1000)
      .execute();
    const tasks: Task[] = [];
    for (const r of rows) {
      const done = new Set((r.done ?? []).map(Number));
      const months = followUpMonthsFor(r.country).find((m) => !done.has(m));
      if (months === undefined) continue;
      const dueOn = addMonthsToDay(String(r.ended_on), months);
      const today = localDay(now, r.timezone);
      const horizon = localDay(new Date(now.getTime() + FOLLOW_UP_HORIZON_DAYS * 86_400_000), r.timezone);
      if (dueOn > horizon) continue;
      tasks.push({
        kind: 'di_follow_up',
        id: r.id,
        link: `/residents/${r.resident_id}`,
        title: `Follow-up visit ${months} months after leaving the institution`,
        dueAt: endOfLocalDay(dueOn, r.timezone).toISOString(),
        overdue: today > dueOn,
        ownerName: r.owner_name ?? null,
      });
    }
    return tasks;
  });
}
