import { iso } from '../domain/dates.ts';
import type { Door } from '../policy/door.ts';
import type { Task } from '../tasks/task-sources.ts';
import { referralQuery, relation } from './referrals.ts';

/**
 * Tasks: for the referring unit, referrals gone overdue (the case owner's; a supervisor's unit
 * scope sees the unit's); for the provider, the referrals it has to answer or complete.
 */
export async function referralTasks(door: Door, scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (actor.kind !== 'user') return [];
  const unitMember = actor.roles.includes('caseworker') || actor.roles.includes('supervisor');
  return door.read(async (tx, audit) => {
    const tasks: Task[] = [];
    const open = (q: ReturnType<typeof referralQuery>) => q.where('r.country', '=', actor.country).where('r.status', 'in', ['pending', 'accepted']);
    if (unitMember) {
      let q = open(referralQuery(door, tx)).where('k.unit_id', '=', actor.organisationId)
        .where((eb) => eb.or([
          eb.and([eb('r.status', '=', 'pending'), eb('r.respond_by', '<', now)]),
          eb.and([eb('r.status', '=', 'accepted'), eb('r.complete_by', '<', now)]),
        ]));
      if (scope === 'mine') q = q.where('k.owner_id', '=', actor.userId);
      for (const r of await q.orderBy('r.respond_by').limit(500).execute()) {
        const due = r.r_status === 'pending' ? r.respond_by : r.complete_by!;
        tasks.push({ kind: 'referral_overdue', id: r.r_id, link: `/cases/${r.id}`, title: `Follow up the ${r.r_status} referral (${r.service}) with ${r.provider_name}`, dueAt: iso(due), overdue: true, ownerName: r.owner_name ?? null });
      }
    }
    const incoming = (await open(referralQuery(door, tx)).where('r.provider_org_id', '=', actor.organisationId).orderBy('r.respond_by').limit(500).execute())
      .filter((r) => relation(door, r).provider);
    for (const r of incoming) {
      const due = r.r_status === 'pending' ? r.respond_by : r.complete_by!;
      tasks.push({
        kind: r.r_status === 'pending' ? 'referral_to_answer' : 'referral_to_complete', id: r.r_id, link: `/referrals/${r.r_id}`,
        title: r.r_status === 'pending' ? `Answer the referral (${r.service})` : `Complete the referral (${r.service})`,
        dueAt: iso(due), overdue: new Date(due).getTime() < now.getTime(), ownerName: null,
      });
    }
    if (tasks.length > 0) await audit([{ chain: actor.country, action: 'task_list', entity: 'referral', outcome: 'ok', detail: { count: tasks.length, scope } }]);
    return tasks;
  });
}
