import type { Door } from '../policy/door.ts';
import { localDay } from '../domain/deadlines.ts';
import { attendedEnough, daysOf, keeper } from './trainings-reach.ts';
import { sessionQuery, sessionView } from './registry.ts';
import type { SessionView } from './trainings-schema.ts';

/** The trainer's Home (issue 14 §5): sessions that have not ended, and participants of ended sessions who attended enough but have no certificate yet. */
export async function trainerHome(door: Door, share: number, timezone = 'Europe/Tirane'): Promise<{ upcoming: SessionView[]; toIssue: Array<{ participantId: string; name: string; sessionId: string; moduleTitle: string; endsOn: string }> }> {
  const k = keeper(door.actor);
  const today = localDay(new Date(), timezone);
  return door.read(async (tx, audit) => {
    const upcoming = await sessionQuery(tx, k).where('s.ends_on', '>=', today).orderBy('s.starts_on').limit(10).execute();
    const ended = await sessionQuery(tx, k).where('s.ends_on', '<', today).orderBy('s.ends_on', 'desc').limit(50).execute();
    const people = ended.length === 0 ? [] : await tx.selectFrom('training_participants as p').leftJoin('training_certificates as c', 'c.participant_id', 'p.id')
      .select(['p.id', 'p.name', 'p.session_id'])
      .select((eb) => eb.selectFrom('training_attendance as a').whereRef('a.participant_id', '=', 'p.id').select((e) => e.fn.countAll<string>().as('n')).as('days'))
      .where('p.session_id', 'in', ended.map((s) => s.id)).where('c.code', 'is', null).orderBy('p.name').execute();
    const toIssue = people.flatMap((p) => {
      const s = ended.find((x) => x.id === p.session_id)!;
      return attendedEnough(Number(p.days ?? 0), daysOf(s.starts_on, s.ends_on).length, share) ? [{ participantId: p.id, name: p.name, sessionId: s.id, moduleTitle: s.module_title, endsOn: s.ends_on }] : [];
    }).slice(0, 20);
    await audit([{ chain: k.country, action: 'read', entity: 'trainer_home', reason: 'trainings', outcome: 'ok', detail: { upcoming: upcoming.length, toIssue: toIssue.length } }]);
    return { upcoming: upcoming.map(sessionView), toIssue };
  });
}
