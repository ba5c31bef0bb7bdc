import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { hoursAgo } from '../signals/signal-fixtures.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const visit = (over: Record<string, unknown> = {}) => ({
  kind: 'home_visit', occurredAt: hoursAgo(2), present: ['Mother', 'Child'], childSeen: true, childHeardAlone: true, notes: 'Calm', ...over,
});
const caseDates = (id: string) =>
  t.database.unguarded.selectFrom('cases').select(['last_contact_at', 'child_last_seen_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('contacts', () => {
  it('recording a contact moves last contact and child last seen forward, never back', async () => {
    const { caseId, client } = await openTestCase(t);
    const first = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ occurredAt: hoursAgo(2) }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'home_visit', childSeen: true, present: ['Mother', 'Child'], authorName: expect.any(String) });
    let dates = await caseDates(caseId);
    expect(new Date(dates.last_contact_at!).toISOString()).toBe(first.json().occurredAt);
    expect(new Date(dates.child_last_seen_at!).toISOString()).toBe(first.json().occurredAt);
    // A phone call later, child not seen: last contact moves, last seen stays.
    const call = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ kind: 'phone_call', occurredAt: hoursAgo(1), childSeen: false, childHeardAlone: false, notHeardReason: 'Phone call with the mother' }));
    expect(call.statusCode).toBe(201);
    dates = await caseDates(caseId);
    expect(new Date(dates.last_contact_at!).toISOString()).toBe(call.json().occurredAt);
    expect(new Date(dates.child_last_seen_at!).toISOString()).toBe(first.json().occurredAt);
    // A visit entered late (older) moves nothing back.
    expect((await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ occurredAt: hoursAgo(48) }))).statusCode).toBe(201);
    dates = await caseDates(caseId);
    expect(new Date(dates.last_contact_at!).toISOString()).toBe(call.json().occurredAt);
    expect(new Date(dates.child_last_seen_at!).toISOString()).toBe(first.json().occurredAt);
    const list = (await (await t.login('supervisor')).get(`/api/v1/cases/${caseId}/contacts`)).json().items;
    expect(list.map((c: { kind: string }) => c.kind)).toEqual(['phone_call', 'home_visit', 'home_visit']);
    const events = await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', caseId).where('kind', '=', 'contact_recorded').execute();
    expect(events).toHaveLength(3);
  });

  it('refuses a future contact and a missing not-heard reason, with the paths, storing nothing', async () => {
    const { caseId, client } = await openTestCase(t);
    const future = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(future.statusCode).toBe(400);
    expect(future.json().issues).toEqual([{ path: 'occurredAt', message: 'cannot be in the future' }]);
    const unheard = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ childHeardAlone: false }));
    expect(unheard.statusCode).toBe(400);
    expect(unheard.json().issues).toEqual([{ path: 'notHeardReason', message: 'is required when the child was not heard alone' }]);
    const junk = await client.post(`/api/v1/cases/${caseId}/contacts`, { kind: 'telepathy', occurredAt: 'yesterday', present: 'all', childSeen: 'yes' });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['childHeardAlone', 'childSeen', 'kind', 'occurredAt', 'present']);
    expect((await client.get(`/api/v1/cases/${caseId}/contacts`)).json().items).toEqual([]);
    expect((await caseDates(caseId)).last_contact_at).toBeNull();
  });

  it('other units do not reach the case (404); partners and providers do not write contacts (403)', async () => {
    const { caseId } = await openTestCase(t);
    for (const user of ['b.kasa', 'm.ivanova']) {
      const c = await t.login(user);
      expect((await c.post(`/api/v1/cases/${caseId}/contacts`, visit())).statusCode, user).toBe(404);
      expect((await c.get(`/api/v1/cases/${caseId}/contacts`)).statusCode, user).toBe(404);
    }
    for (const user of ['partner', 'provider']) {
      expect((await (await t.login(user)).post(`/api/v1/cases/${caseId}/contacts`, visit())).statusCode, user).toBe(403);
      expect((await (await t.login(user)).get(`/api/v1/cases/${caseId}/contacts`)).statusCode, user).toBe(404);
    }
    expect(await t.database.unguarded.selectFrom('contacts').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
  });
  it("records the child's views (what the child said, where the child would meet) and answers them newest first", async () => {
    const { caseId, client } = await openTestCase(t);
    const said = 'I wish we could meet somewhere else, not at home.';
    const older = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ occurredAt: hoursAgo(30), childSaid: said, preferredPlace: 'school' }));
    expect(older.statusCode, older.body).toBe(201);
    expect(older.json()).toMatchObject({ childSaid: said, preferredPlace: 'school' });
    const newer = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ kind: 'office_meeting', occurredAt: hoursAgo(3), childSaid: '  Things are better now.  ', preferredPlace: 'unit_office' }));
    expect(newer.json()).toMatchObject({ childSaid: 'Things are better now.', preferredPlace: 'unit_office' });
    // Without views (an older client): both null.
    const none = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ occurredAt: hoursAgo(1) }));
    expect(none.json()).toMatchObject({ childSaid: null, preferredPlace: null });
    const list = (await (await t.login('supervisor')).get(`/api/v1/cases/${caseId}/contacts`)).json().items as Array<{ childSaid: string | null; preferredPlace: string | null }>;
    expect(list.map((c) => [c.childSaid, c.preferredPlace])).toEqual([[null, null], ['Things are better now.', 'unit_office'], [said, 'school']]);
    // The words stay out of the audit trail and the case's timeline.
    const events = await t.database.unguarded.selectFrom('case_events').select('detail').where('case_id', '=', caseId).execute();
    expect(JSON.stringify(events)).not.toContain('somewhere else');
    const audit = await t.database.unguarded.selectFrom('audit_log').select('detail').where('entity_id', '=', older.json().id).execute();
    expect(JSON.stringify(audit)).not.toContain('somewhere else');
  });

  it("refuses a meeting place outside the taxonomy and control characters in the child's words, storing nothing", async () => {
    const { caseId, client } = await openTestCase(t);
    const place = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ preferredPlace: 'park' }));
    expect(place.statusCode).toBe(400);
    expect(place.json().issues.map((i: { path: string }) => i.path)).toEqual(['preferredPlace']);
    const long = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ childSaid: 'x'.repeat(5_001) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().issues.map((i: { path: string }) => i.path)).toEqual(['childSaid']);
    const control = await client.post(`/api/v1/cases/${caseId}/contacts`, visit({ childSaid: 'a\u0000b' }));
    expect(control.statusCode).toBe(400);
    expect((await client.get(`/api/v1/cases/${caseId}/contacts`)).json().items).toEqual([]);
  });
  it("the demo has contacts with the child's views in Albania and Bulgaria", async () => {
    const rows = await t.database.unguarded.selectFrom('contacts').select(['country', 'preferred_place']).where('child_said', 'is not', null).execute();
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['AL', 'BG']));
    expect(rows.every((r) => r.preferred_place !== null)).toBe(true);
  });
});
