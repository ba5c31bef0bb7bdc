import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { dueForRetention } from './retention.ts';

/**
 * A case's legal hold through the API: the unit sees it, only its supervisor places and lifts it,
 * each with a reason (400 without), out of reach is 404, a second hold or a lift of none is 409;
 * both are audited; a held case keeps its child out of a run; the administrator's dry run names
 * no one.
 */
let t: TestApp;
let caseId: string;
let childId: string;
const FAR = new Date('2100-01-01T00:00:00Z');

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.unguarded;
  const unit = (await db.selectFrom('users').select('organisation_id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).organisation_id;
  const k = await db.selectFrom('cases').select(['id', 'child_id']).where('unit_id', '=', unit).orderBy('opened_at').executeTakeFirstOrThrow();
  caseId = k.id;
  childId = k.child_id;
}, 180_000);
afterAll(() => t?.close());

describe('a legal hold', () => {
  it('is placed and lifted with a reason by the unit\'s supervisor only, and audited', async () => {
    const url = `/api/v1/cases/${caseId}/legal-hold`;
    const caseworker = await t.login('caseworker');
    const supervisor = await t.login('supervisor');
    const elsewhere = await t.login('b.kasa');
    const admin = await t.login('admin');

    const seen = await caseworker.get(url);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ inForce: null, history: [], canChange: false, retentionYears: 10 });
    expect((await caseworker.post(url, { reason: 'Court' })).statusCode).toBe(403);
    expect((await admin.post(url, { reason: 'Court' })).statusCode).toBe(403);
    expect((await supervisor.post(url, {})).statusCode).toBe(400);
    expect((await supervisor.post(url, { reason: '   ' })).statusCode).toBe(400);
    expect((await elsewhere.post(url, { reason: 'Court' })).statusCode).toBe(404);
    expect((await elsewhere.get(url)).statusCode).toBe(404);
    expect((await supervisor.post(`/api/v1/cases/${crypto.randomUUID()}/legal-hold`, { reason: 'Court' })).statusCode).toBe(404);

    const placed = await supervisor.post(url, { reason: 'Criminal proceedings against the father' });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json()).toMatchObject({ inForce: { reason: 'Criminal proceedings against the father', placedByName: expect.any(String), liftedAt: null }, canChange: true });
    expect((await supervisor.post(url, { reason: 'Again' })).statusCode).toBe(409);
    expect((await caseworker.get(url)).json()).toMatchObject({ inForce: { reason: 'Criminal proceedings against the father' } });

    // Held: even with every case of the child closed and long due, the child is not listed.
    const db = t.database.unguarded;
    await sql`UPDATE cases SET status = 'closed', closed_at = opened_at + interval '1 day', closure_reason = 'goals_met' WHERE child_id = ${childId}`.execute(db);
    const door = systemDoor(t.database.db, 'retention');
    expect((await dueForRetention(door, FAR)).due.map((d) => d.childId)).not.toContain(childId);

    expect((await supervisor.post(`${url}/lift`, {})).statusCode).toBe(400);
    expect((await elsewhere.post(`${url}/lift`, { reason: 'Over' })).statusCode).toBe(404);
    const lifted = await supervisor.post(`${url}/lift`, { reason: 'The proceedings ended' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({ inForce: null, history: [{ reason: 'Criminal proceedings against the father', liftReason: 'The proceedings ended' }] });
    expect((await supervisor.post(`${url}/lift`, { reason: 'Again' })).statusCode).toBe(409);
    expect((await dueForRetention(door, FAR)).due.map((d) => d.childId)).toContain(childId);

    const audit = await db.selectFrom('audit_log').select(['action', 'entity_id', 'child_id', 'detail']).where('action', 'in', ['legal_hold_place', 'legal_hold_lift']).execute();
    expect(audit.map((a) => [a.action, a.entity_id, a.child_id])).toEqual([['legal_hold_place', caseId, childId], ['legal_hold_lift', caseId, childId]]);
    expect(JSON.stringify(audit)).not.toContain('proceedings');

    // The administrator's dry run: case numbers and days, no names (the child's cases closed long ago).
    await sql`UPDATE cases SET closed_at = '2012-01-01T00:00:00Z' WHERE child_id = ${childId}`.execute(db);
    const preview = await admin.get('/api/v1/retention/due');
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json() as { due: Array<{ childId: string; country: string }> };
    expect(body.due.map((d) => d.childId)).toContain(childId);
    expect(body.due.every((d) => d.country === 'AL')).toBe(true);
    const names = await db.selectFrom('children').select('family_name').where('id', '=', childId).executeTakeFirstOrThrow();
    expect(preview.body).not.toContain(names.family_name);
    expect((await supervisor.get('/api/v1/retention/due')).statusCode).toBe(403);
  }, 120_000);
});
