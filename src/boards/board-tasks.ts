import { endOfLocalDay, localDay } from '../domain/deadlines.ts';
import type { Door } from '../policy/door.ts';
import type { Task } from '../tasks/task-sources.ts';
import { BOARD_ANSWER_DAYS, mayManageBoards, plusDays } from './boards-reach.ts';

/** How far ahead a view waiting for an answer appears on the task list. */
export const VIEW_TASK_HORIZON_DAYS = 7;

/**
 * The views of a consultation board still waiting for an answer, on the task list of the convening
 * organisation's staff (their own list and the unit's view alike: a board is the organisation's
 * shared work): from a week before the answer falls due (BOARD_ANSWER_DAYS after the meeting),
 * overdue after that day in the municipality's time zone. The task names the board, never a child.
 */
export async function boardViewTasks(door: Door, _scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (!mayManageBoards(actor)) return [];
  return door.transaction(async (tx) => {
    const rows = await tx.selectFrom('board_views as v')
      .innerJoin('consultation_boards as b', (j) => j.onRef('b.country', '=', 'v.country').onRef('b.id', '=', 'v.board_id'))
      .innerJoin('jurisdictions as m', 'm.code', 'b.municipality_code')
      .select(['v.id', 'v.board_id', 'v.raised_on', 'm.timezone'])
      .where('v.country', '=', actor.country)
      .where('b.org_id', '=', actor.organisationId)
      .where('v.status', '<>', 'answered')
      .orderBy('v.raised_on')
      .limit(1000)
      .execute();
    const tasks: Task[] = [];
    for (const r of rows) {
      const dueOn = plusDays(r.raised_on, BOARD_ANSWER_DAYS);
      const today = localDay(now, r.timezone);
      if (plusDays(today, VIEW_TASK_HORIZON_DAYS) < dueOn) continue;
      tasks.push({
        kind: 'board_view',
        id: r.id,
        link: `/boards/${r.board_id}`,
        title: 'Answer a view raised at the consultation board',
        dueAt: endOfLocalDay(dueOn, r.timezone).toISOString(),
        overdue: today > dueOn,
        ownerName: null,
      });
    }
    return tasks;
  });
}
