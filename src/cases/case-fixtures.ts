import { loadUserActor } from '../policy/actor.ts';
import { openCase } from './case-open.ts';
import { randomUUID } from 'node:crypto';
import { grantChildAccess } from '../children/child-records.ts';
import { openDoor, systemDoor } from '../policy/door.ts';
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
  const user = await t.database.unguarded.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = await loadUserActor(t.database.unguarded, user.id);
  const kase = await openCase(openDoor(t.database.unguarded, actor!), { childId, riskLevel: opts.riskLevel ?? 'medium' });
  return { caseId: kase.id, childId, client };
}

/** A case opened `daysAgo` days in the past (through a system door, the only one that may date it), owned by `owner`. */
export async function openPastCase(t: TestApp, opts: { daysAgo: number; riskLevel?: 'high' | 'medium' | 'low'; owner?: string | null }): Promise<{ caseId: string; childId: string }> {
  const client = await t.login('caseworker');
  counter += 1;
  const res = await client.post('/api/v1/children', { givenName: `Past${counter}`, familyName: 'Fixture', sex: 'male', birthDate: '2013-03-03', municipalityCode: 'AL-06-03' });
  if (res.statusCode !== 201) throw new Error(`registering a child answered ${res.statusCode}: ${res.body}`);
  const childId = res.json().id as string;
  const owner = opts.owner === null ? null : await userId(t, opts.owner ?? 'caseworker');
  const openedAt = new Date(Date.now() - opts.daysAgo * 86_400_000);
  const kase = await openCase(systemDoor(t.database.unguarded, 'test-fixture'), { childId, riskLevel: opts.riskLevel ?? 'high', ownerId: owner }, { openedAt });
  return { caseId: kase.id, childId };
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function orgIdOf(t: TestApp, username: string): Promise<string> {
  return (await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', username).executeTakeFirstOrThrow()).organisation_id;
}

/** Gives `username`'s organisation a live grant to the child (as a meeting invitation or a referral would). */
export async function grantTo(t: TestApp, childId: string, username: string, reason: 'meeting' | 'referral') {
  await grantChildAccess(systemDoor(t.database.unguarded, 'test-fixture'), childId, { reason, organisationId: await orgIdOf(t, username), sourceId: randomUUID() });
}
