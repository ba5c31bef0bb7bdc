import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { admitChildren } from './admissions.ts';
import { addPlanStep, setPlanGoal } from './shelter-stay.ts';

/**
 * Demo data of the emergency shelter (issue 13 §2): the capacity of the shelters in Elbasan and
 * Sofia, and in each an emergency admission of this night awaiting the responsible unit's case —
 * in Elbasan two sisters from Korçë with their mother (a mother-and-child place), in Sofia a boy
 * alone (a bed). Made as the shelters' staff (a.shelter, r.todorova), so the audit names them.
 */
export const DEMO_SHELTERS = [
  { name: 'Qendra Emergjente "Shtëpia e Ngjyrave" Elbasan', beds: 12, motherChildPlaces: 3 },
  { name: 'Кризисен център за деца – София', beds: 16, motherChildPlaces: 4 },
] as const;

export async function seedDemoShelters(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  for (const s of DEMO_SHELTERS) {
    await db.updateTable('organisations').set({ beds: s.beds, mother_child_places: s.motherChildPlaces }).where('id', '=', dir.orgId(s.name)).execute();
  }
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const al = await admitChildren(await dir.door('a.shelter'), {
    admittedAt: hoursAgo(5), referredBy: 'police_station', harmTypes: ['physical', 'psychological'],
    companionName: 'Mira Doda', companionRelation: 'mother',
    children: [
      { newChild: { givenName: 'Besa', familyName: 'Doda', sex: 'female', birthDate: '2013-04-09', municipalityCode: 'AL-06-03', languages: ['sq'] } },
      { newChild: { givenName: 'Dea', familyName: 'Doda', sex: 'female', birthDate: '2017-08-14', municipalityCode: 'AL-06-03', languages: ['sq'] } },
    ],
  });
  const shelter = await dir.door('a.shelter');
  await setPlanGoal(shelter, al.items[0]!.id, 'return_to_family');
  const inWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await addPlanStep(shelter, al.items[0]!.id, { description: 'Vlerësim i sigurisë në shtëpi me njësinë', ownerName: 'Anila Bregu', dueOn: inWeek });
  await admitChildren(await dir.door('r.todorova'), {
    admittedAt: hoursAgo(3), referredBy: 'self_referral', harmTypes: ['neglect'],
    children: [{ newChild: { givenName: 'Калоян', familyName: 'Илиев', sex: 'male', birthDate: '2012-10-03', municipalityCode: 'BG-22-01', languages: ['bg'] } }],
  });
}
