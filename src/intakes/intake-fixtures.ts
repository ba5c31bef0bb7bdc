import type { TestApp } from '../testing/app.ts';

/** Shared by the intake test files: a valid intake body, the stations, and row counts to prove nothing was stored. */
export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

let born = 0;
/** Each default child is born on another day (the same name and birth date twice would be one child). */
function nextBirthDate(): string {
  born += 1;
  return new Date(Date.UTC(2010, 5, 1) + born * 86_400_000).toISOString().slice(0, 10);
}

export async function stationId(t: TestApp, name = 'Drejtoria Vendore e Policisë Korçë'): Promise<string> {
  return (await t.database.unguarded.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export function intakeBody(station: string, over: Record<string, unknown> = {}) {
  return {
    stationId: station,
    calledAt: minutesAgo(120),
    arrivedAt: minutesAgo(85),
    teamMembers: [{ name: 'Dritan Shehu', role: 'Social worker' }, { name: 'Alma Rexha', role: 'Psychologist' }],
    municipalityCode: 'AL-06-03',
    children: [{ givenName: 'Ilir', familyName: 'Marku', sex: 'male', birthDate: nextBirthDate() }],
    legalSituation: 'in_conflict_with_law',
    harmTypes: ['conflict_with_law'],
    parentPresent: true,
    lawyerPresent: true,
    psychologistPresent: true,
    childFriendlyRoom: false,
    supportGiven: 'Calmed the boy, explained the interview, stayed until his mother came.',
    outcome: 'returned_to_family',
    ...over,
  };
}

export async function intakeRowCounts(t: TestApp) {
  const db = t.database.unguarded;
  const n = async (table: 'police_intakes' | 'signals' | 'signal_children' | 'children' | 'child_access') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { intakes: await n('police_intakes'), signals: await n('signals'), signalChildren: await n('signal_children'), children: await n('children'), access: await n('child_access') };
}
