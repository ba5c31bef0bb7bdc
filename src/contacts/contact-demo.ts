import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { systemDoor } from '../policy/door.ts';
import { recordContact } from './contacts.ts';

const DAY = 86_400_000;

/**
 * Demo contacts with the child's views (issue 14 §2) in Plovdiv: the boy placed in foster care
 * (the deinstitutionalisation demo), visited by his caseworker at the foster family and at school.
 * The Albanian ones are in the cases' demo (src/cases/case-demo.ts). Run after the institutions' demo.
 */
export async function seedDemoContacts(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  const caseId = await systemDoor(db, 'seed-demo').read((tx) => tx
    .selectFrom('cases as k').innerJoin('children as c', (j) => j.onRef('c.country', '=', 'k.country').onRef('c.id', '=', 'k.child_id'))
    .select('k.id').where('k.country', '=', 'BG').where('c.given_name', '=', 'Георги').where('c.family_name', '=', 'Маринов')
    .executeTakeFirst());
  if (!caseId) return;
  const worker = await dir.door('m.ivanova');
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  await recordContact(worker, caseId.id, {
    kind: 'home_visit', occurredAt: ago(80), present: ['Приемната майка', 'Георги'], childSeen: true, childHeardAlone: true,
    notes: 'Детето се адаптира добре в приемното семейство.',
    childSaid: 'Харесва ми тук, но не искам да говорим пред всички. Може ли да се видим в училище?', preferredPlace: 'school',
  });
  await recordContact(worker, caseId.id, {
    kind: 'school_visit', occurredAt: ago(40), present: ['Учителката на класа', 'Георги'], childSeen: true, childHeardAlone: true,
    notes: 'Редовно посещава училище; има приятели в класа.',
    childSaid: 'В училище е по-добре да си говорим. Искам да остана при семейство Колеви.', preferredPlace: 'school',
  });
}
