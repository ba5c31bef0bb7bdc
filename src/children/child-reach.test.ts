import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/roles.ts';
import { type TestApp, readAll, startTestApp } from '../testing/app.ts';
import { createChild, grantChildAccess } from './child-records.ts';
import { systemDoor } from '../policy/door.ts';

/**
 * Every role × every kind of reach, through the HTTP API on the real database. A child is
 * visible exactly when a reason grants it; otherwise the answer is the same 404 as for a child
 * that does not exist. Fields not shared with the reader's sector are withheld.
 */
type Reach = 'own_unit' | 'other_unit' | 'meeting' | 'referral' | 'signal' | 'revoked_meeting' | 'other_org_meeting' | 'nonexistent';

let t: TestApp;
const childOf = new Map<Reach, string>();
// The demo role users sit in Korçë: a CPU (caseworker, supervisor), police (partner), an NGO
// centre (provider), the police-station team (police_support), the agency, a training centre, admin.
const orgOf = new Map<Role, string>();

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.unguarded;
  const orgs = await db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select(['u.username', 'o.id']).where('u.username', 'in', [...ROLES]).execute();
  for (const o of orgs) orgOf.set(o.username as Role, o.id);
  const unit = (name: string) => db.selectFrom('organisations').select(['id', 'country']).where('name', 'like', `%${name}%`).where('is_protection_unit', '=', true).executeTakeFirstOrThrow();
  const korce = await unit('Korçë');
  const durres = await unit('Durrës');
  const door = systemDoor(db, 'test');
  const make = async (unitRow: { id: string; country: string }, municipalityCode: string, givenName: string) =>
    (await createChild(door, { givenName, familyName: 'Testi', sex: 'female', birthDate: '2012-01-01', municipalityCode, address: 'Rruga 1', notes: 'narrative', vulnerabilities: ['poverty'] }, { unitId: unitRow.id, country: unitRow.country, ownerId: null })).id;
  childOf.set('own_unit', await make(korce, 'AL-06-03', 'Own'));
  childOf.set('other_unit', await make(durres, 'AL-02-01', 'Other'));
  for (const reach of ['meeting', 'referral', 'signal', 'revoked_meeting', 'other_org_meeting'] as const) {
    const id = await make(durres, 'AL-02-01', reach);
    childOf.set(reach, id);
    const grantTo = (org: string, reason: 'meeting' | 'referral' | 'signal') => grantChildAccess(door, id, { reason, organisationId: org, sourceId: `src-${reach}` });
    if (reach === 'other_org_meeting') {
      await grantTo(durres.id, 'meeting');
      continue;
    }
    for (const role of ROLES) {
      await grantTo(orgOf.get(role)!, reach === 'revoked_meeting' ? 'meeting' : reach);
    }
    if (reach === 'revoked_meeting') await t.database.unguarded.updateTable('child_access').set({ revoked_at: new Date() }).where('child_id', '=', id).execute();
  }
  childOf.set('nonexistent', '00000000-0000-4000-8000-000000000000');
});
afterAll(() => t.close());

const CHILD_ROLES: Role[] = ['caseworker', 'supervisor', 'partner', 'provider', 'police_support'];

/** The expected reason for each role and reach, or null for "not found". */
function expected(role: Role, reach: Reach): string | null {
  if (!CHILD_ROLES.includes(role)) return 'forbidden';
  if (reach === 'nonexistent' || reach === 'other_unit' || reach === 'revoked_meeting' || reach === 'other_org_meeting') return null;
  if (reach === 'own_unit') return role === 'caseworker' ? 'unit_caseworker' : role === 'supervisor' ? 'unit_supervisor' : null;
  if (reach === 'referral' && role === 'police_support') return null;
  if (reach === 'signal' && role === 'provider') return null;
  return reach;
}

const REACHES: Reach[] = ['own_unit', 'other_unit', 'meeting', 'referral', 'signal', 'revoked_meeting', 'other_org_meeting', 'nonexistent'];

describe('child record: every role × reach', () => {
  for (const role of ROLES) {
    for (const reach of REACHES) {
      const want = expected(role, reach);
      it(`${role} reading a child by ${reach} → ${want ?? 'not found'}`, async () => {
        const client = await t.login(role);
        const res = await client.get(`/api/v1/children/${childOf.get(reach)}`);
        if (want === 'forbidden') return expect(res.statusCode).toBe(403);
        if (want === null) {
          expect(res.statusCode).toBe(404);
          expect(res.json()).toEqual({ message: 'No such child' });
          return;
        }
        expect(res.statusCode).toBe(200);
        const child = res.json();
        expect(child.accessReason).toBe(want);
        const list = await readAll<{ id: string }>(client, '/api/v1/children');
        expect(list.map((c) => c.id)).toContain(childOf.get(reach));
        // Sector sharing: the unit sees everything; others never the narrative or vulnerabilities.
        if (want.startsWith('unit')) {
          expect(child.notes).toBe('narrative');
          expect(child.withheld).toEqual([]);
        } else {
          expect(child.notes).toBeUndefined();
          expect(child.vulnerabilities).toBeUndefined();
          expect(child.withheld).toEqual(expect.arrayContaining(['notes', 'vulnerabilities']));
        }
      });
    }
  }

  it('lists show only children in reach, for every role', async () => {
    for (const role of CHILD_ROLES) {
      const client = await t.login(role);
      const ids = (await readAll<{ id: string }>(client, '/api/v1/children')).map((c) => c.id);
      for (const reach of REACHES) {
        const want = expected(role, reach);
        if (want === null) expect(ids).not.toContain(childOf.get(reach));
      }
    }
  });

  it('the police partner sees the address, the NGO provider does not', async () => {
    const police = await (await t.login('partner')).get(`/api/v1/children/${childOf.get('meeting')}`);
    expect(police.json().address).toBe('Rruga 1');
    const ngo = await (await t.login('provider')).get(`/api/v1/children/${childOf.get('referral')}`);
    expect(ngo.json().address).toBeUndefined();
    expect(ngo.json().withheld).toContain('address');
  });

  it('only the owning unit may change a record; a partner with a grant may not', async () => {
    const partner = await t.login('partner');
    const res = await partner.patch(`/api/v1/children/${childOf.get('meeting')}`, { version: 1, givenName: 'Changed' });
    expect(res.statusCode).toBe(403);
    const caseworker = await t.login('caseworker');
    const other = await caseworker.patch(`/api/v1/children/${childOf.get('other_unit')}`, { version: 1, givenName: 'Changed' });
    expect(other.statusCode).toBe(404);
    const own = await caseworker.patch(`/api/v1/children/${childOf.get('own_unit')}`, { version: 1, givenName: 'Changed' });
    expect(own.statusCode).toBe(200);
    expect(own.json().version).toBe(2);
  });

  it('every read, denial included, is in the audit log with the reason that granted it', async () => {
    const partner = await t.login('partner');
    await partner.get(`/api/v1/children/${childOf.get('meeting')}`);
    await partner.get(`/api/v1/children/${childOf.get('other_unit')}`);
    const partnerId = (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'partner').executeTakeFirstOrThrow()).id;
    const rows = await t.database.unguarded.selectFrom('audit_log').selectAll().where('actor_id', '=', partnerId).where('action', '=', 'read').orderBy('seq', 'desc').limit(2).execute();
    expect(rows[1]).toMatchObject({ child_id: childOf.get('meeting'), reason: 'meeting', outcome: 'ok' });
    expect(rows[0]).toMatchObject({ entity_id: childOf.get('other_unit'), child_id: null, reason: null, outcome: 'denied' });
  });
});
