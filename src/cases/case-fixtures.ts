import { loadUserActor } from '../policy/actor.ts';
import { openCase } from '../policy/case-open.ts';
import { openDoor } from '../policy/door.ts';
import type { Client, TestApp } from '../testing/app.ts';

/**
 * Shared by the case test files: a new child registered by a worker of the Korçë unit (or the
 * unit of `username`) and a case opened for it through the policy layer, as that worker.
 */
let counter = 0;

export async function openTestCase(
  t: TestApp,
  opts: { username?: string; riskLevel?: 'high' | 'medium' | 'low'; municipalityCode?: string; birthDate?: string } = {},
): Promise<{ caseId: string; childId: string; client: Client }> {
  const username = opts.username ?? 'caseworker';
  const client = await t.login(username);
  counter += 1;
  const res = await client.post('/api/v1/children', {
    givenName: `Test${counter}`,
    familyName: 'Fixture',
    sex: counter % 2 ? 'female' : 'male',
    birthDate: opts.birthDate ?? '2014-04-04',
    municipalityCode: opts.municipalityCode ?? 'AL-06-03',
  });
  if (res.statusCode !== 201) throw new Error(`registering a child as ${username} answered ${res.statusCode}: ${res.body}`);
  const childId = res.json().id as string;
  const user = await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = await loadUserActor(t.database.db, user.id);
  const kase = await openCase(openDoor(t.database.db, actor!), { childId, riskLevel: opts.riskLevel ?? 'medium' });
  return { caseId: kase.id, childId, client };
}
