import type { Door } from '../policy/door.ts';
import type { Task } from '../tasks/task-sources.ts';
import { iso } from '../domain/dates.ts';
import { isShelterStaff, isUnitMember } from './shelter-reach.ts';

/**
 * An emergency admission not yet linked to a case: on the responsible unit's list (the unit's
 * shared work, in both scopes, like a signal to screen) and on the shelter's, due at the
 * country's `shelterCaseLinkHours` after the admission, overdue after it.
 */
export async function shelterLinkTasks(door: Door, scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (actor.kind !== 'user' || (!isUnitMember(actor) && !isShelterStaff(actor))) return [];
  return door.read(async (tx, audit) => {
    let q = tx.selectFrom('shelter_admissions as a').innerJoin('organisations as s', 's.id', 'a.shelter_org_id')
      .select(['a.id', 'a.link_due_at', 's.name as shelter_name'])
      .where('a.country', '=', actor.country).where('a.case_id', 'is', null).where('a.link_due_at', 'is not', null);
    q = isShelterStaff(actor) ? q.where('a.shelter_org_id', '=', actor.organisationId) : q.where('a.responsible_unit_id', '=', actor.organisationId);
    const rows = await q.orderBy('a.link_due_at').limit(500).execute();
    if (rows.length > 0) await audit([{ chain: actor.country, action: 'task_list', entity: 'shelter_admission', outcome: 'ok', detail: { count: rows.length, scope } }]);
    return rows.map((r) => ({
      kind: 'shelter_case_link',
      id: r.id,
      link: `/shelters/stays/${r.id}`,
      title: isShelterStaff(actor) ? 'Emergency admission awaiting the unit\'s case' : `Link the emergency admission at ${r.shelter_name} to a case`,
      dueAt: iso(r.link_due_at!),
      overdue: new Date(r.link_due_at!).getTime() < now.getTime(),
      ownerName: null,
    }));
  });
}
