import type { TestApp } from '../testing/app.ts';

/** Shared by the signals test files: a valid signal body, and row counts to prove nothing was stored. */
export const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/**
 * Each default child is born on another day: the same name and birth date twice would be the same
 * child, refused by the duplicate rule (a test about duplicates names its children itself).
 */
let born = 0;
function nextBirthDate(): string {
  born += 1;
  return new Date(Date.UTC(2015, 1, 1) + born * 86_400_000).toISOString().slice(0, 10);
}

export function signalBody(over: Record<string, unknown> = {}) {
  return {
    receivedAt: hoursAgo(2),
    channel: 'phone',
    source: 'neighbour',
    reporterName: 'A neighbour',
    reporterContact: '+355 69 000 0000',
    harmTypes: ['physical'],
    place: 'family',
    perpetrators: ['father'],
    description: 'Shouting and a crying child every night.',
    urgency: 'urgent',
    municipalityCode: 'AL-06-03',
    children: [{ givenName: 'Dea', familyName: 'Kola', sex: 'female', birthDate: nextBirthDate() }],
    ...over,
  };
}

export async function rowCounts(t: TestApp) {
  const db = t.database.unguarded;
  const n = async (table: 'signals' | 'signal_children' | 'children' | 'child_access') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { signals: await n('signals'), signalChildren: await n('signal_children'), children: await n('children'), access: await n('child_access') };
}
