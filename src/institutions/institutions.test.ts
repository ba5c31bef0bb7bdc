import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { DEMO_INSTITUTIONS } from './institution-demo.ts';

let t: TestApp;
let korce: string;
let plovdiv: string;
let shelter: string;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const orgByName = async (name: string) => (await t.database.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const admission = (institutionId: string, admittedOn = day(200)) => ({ institutionId, admittedOn, admissionReasons: ['poverty'], parentalRights: 'both_parents', familyContact: 'regular' });

beforeAll(async () => {
  t = await startTestApp();
  korce = await orgByName(DEMO_INSTITUTIONS.AL.name);
  plovdiv = await orgByName(DEMO_INSTITUTIONS.BG.name);
  shelter = (await t.database.db.selectFrom('organisations').select('id').where('sector', '=', 'shelter').where('jurisdiction_code', '=', 'AL-03-03').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

async function admitted(): Promise<{ caseId: string; residentId: string; client: Client }> {
  const { caseId, client } = await openTestCase(t);
  const res = await client.post(`/api/v1/cases/${caseId}/residents`, admission(korce));
  expect(res.statusCode, res.body).toBe(201);
  return { caseId, residentId: res.json().id, client };
}

describe('institutions and their residents', () => {
  it("the institution's staff see their institution and its residents, without the unit's case link or follow-ups", async () => {
    const staff = await t.login('r.gjoni');
    const inst = (await staff.get('/api/v1/institutions')).json().items;
    expect(inst).toEqual([expect.objectContaining({ id: korce, beds: 40, residents: 1 })]);
    const list = (await staff.get(`/api/v1/institutions/${korce}/residents`)).json().items;
    expect(list.map((r: { ref: string; current: boolean }) => [r.ref, r.current])).toEqual([['AL-DI-001', true], ['AL-DI-002', false]]);
    const klajdi = (await staff.get(`/api/v1/residents/${list[1].id}`)).json();
    expect(klajdi).toMatchObject({ transition: { target: 'reunification' }, withheld: ['followUps'] });
    expect(klajdi).not.toHaveProperty('caseId');
    expect(klajdi).not.toHaveProperty('followUps');
    // The unit sees the same resident whole, with its follow-ups (3 months done, 6 and 12 to come).
    const unit = (await (await t.login('caseworker')).get(`/api/v1/residents/${list[1].id}`)).json();
    expect(unit.followUps.map((f: { months: number; outcome: string | null }) => [f.months, f.outcome])).toEqual([[3, 'stable'], [6, null], [12, null]]);
    expect(unit.caseId).toEqual(expect.any(String));
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['reason', 'outcome']).where('entity', '=', 'institution_resident').where('entity_id', '=', list[1].id).where('action', '=', 'read').execute();
    expect(audit).toEqual(expect.arrayContaining([{ reason: 'institution', outcome: 'ok' }, { reason: 'unit', outcome: 'ok' }]));
  });

  it('reach: another unit, another country, another institution get 404; other roles 403', async () => {
    const { residentId } = await admitted();
    for (const user of ['b.kasa', 'm.ivanova', 'p.dimova', 'a.shelter', 'provider']) {
      expect((await (await t.login(user)).get(`/api/v1/residents/${residentId}`)).statusCode, user).toBe(404);
    }
    for (const user of ['monitor', 'partner', 'police_support', 'admin']) {
      expect((await (await t.login(user)).get(`/api/v1/residents/${residentId}`)).statusCode, user).toBe(403);
    }
    expect((await (await t.login('p.dimova')).get(`/api/v1/institutions/${korce}/residents`)).statusCode).toBe(404);
    expect((await (await t.login('m.ivanova')).get(`/api/v1/institutions/${korce}/residents`)).statusCode).toBe(404);
    expect((await (await t.login('b.kasa')).get(`/api/v1/institutions/${korce}/residents`)).json().items).toEqual([]);
    expect((await (await t.login('p.dimova')).post(`/api/v1/residents/${residentId}/assessments`, { assessedOn: day(1), assessor: 'X', findings: 'Y' })).statusCode).toBe(404);
    expect((await (await t.login('supervisor')).get(`/api/v1/residents/${residentId}`)).statusCode).toBe(200);
  });

  it('bad admissions are 400 with the field, nothing stored; a second current residence is refused', async () => {
    const { caseId, client } = await openTestCase(t);
    const count = async () => (await t.database.unguarded.selectFrom('institution_residents').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const cases: Array<[object, string]> = [
      [admission(korce, day(-3)), 'admittedOn'],
      [admission(shelter), 'institutionId'],
      [admission(plovdiv), 'institutionId'],
      [{ ...admission(korce), parentalRights: 'maybe' }, 'parentalRights'],
      [{ ...admission(korce), admissionReasons: [] }, 'admissionReasons'],
      [admission(korce, '2000-01-01'), 'admittedOn'],
    ];
    for (const [body, path] of cases) {
      const res = await client.post(`/api/v1/cases/${caseId}/residents`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().issues[0].path).toBe(path);
    }
    expect(Number(await count())).toBe(before);
    expect((await client.post(`/api/v1/cases/${caseId}/residents`, admission(korce))).statusCode).toBe(201);
    const again = await client.post(`/api/v1/cases/${caseId}/residents`, admission(korce));
    expect(again.statusCode).toBe(400);
    expect(again.json().issues[0].path).toBe('institutionId');
    expect(Number(await count())).toBe(before + 1);
    expect((await (await t.login('r.gjoni')).post(`/api/v1/cases/${caseId}/residents`, admission(korce))).statusCode).toBe(403);
  });

  it('the staff and the unit record assessments and the care plan; the unit records the transition as placements', async () => {
    const { caseId, residentId, client } = await admitted();
    const staff = await t.login('r.gjoni');
    const early = await staff.post(`/api/v1/residents/${residentId}/assessments`, { assessedOn: day(300), assessor: 'Psychologist', findings: 'Bonded with the grandmother.' });
    expect(early.statusCode).toBe(400);
    expect(early.json().issues[0].path).toBe('assessedOn');
    expect((await staff.post(`/api/v1/residents/${residentId}/assessments`, { assessedOn: day(10), assessor: 'Psychologist', findings: 'Bonded with the grandmother.' })).statusCode).toBe(201);
    const plan = await staff.post(`/api/v1/residents/${residentId}/care-plan`, { target: 'kinship_care', targetDate: day(-60), steps: [{ description: 'Visit the grandmother', owner: 'Unit', dueOn: day(-10) }] });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json()).toMatchObject({ assessments: [{ assessor: 'Psychologist' }], carePlan: { target: 'kinship_care', steps: [{ description: 'Visit the grandmother', doneOn: null }] } });
    const badStep = await client.post(`/api/v1/residents/${residentId}/care-plan`, { target: 'kinship_care', targetDate: day(-60), steps: [{ description: 'x', owner: 'y', dueOn: day(400) }] });
    expect(badStep.statusCode).toBe(400);
    expect(badStep.json().issues[0].path).toBe('steps.0.dueOn');
    expect((await staff.post(`/api/v1/residents/${residentId}/transition`, { target: 'kinship_care', on: day(1), carerName: 'Grandmother' })).statusCode).toBe(403);
    const noCarer = await client.post(`/api/v1/residents/${residentId}/transition`, { target: 'kinship_care', on: day(1) });
    expect(noCarer.statusCode).toBe(400);
    expect(noCarer.json().issues[0].path).toBe('carerName');
    const moved = await client.post(`/api/v1/residents/${residentId}/transition`, { target: 'kinship_care', on: day(1), carerName: 'Grandmother' });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json()).toMatchObject({ current: false, leftOn: day(1), transition: { target: 'kinship_care', nextPlacementKind: 'kinship_care', placeName: 'Grandmother' } });
    expect(moved.json().followUps.map((f: { months: number; overdue: boolean }) => [f.months, f.overdue])).toEqual([[3, false], [6, false], [12, false]]);
    const placements = (await client.get(`/api/v1/cases/${caseId}/placements`)).json().items;
    expect(placements.map((p: { kind: string; current: boolean; startedOn: string; endedOn: string | null }) => [p.kind, p.current, p.startedOn, p.endedOn]))
      .toEqual([['kinship_care', true, day(1), null], ['residential_institution', false, day(200), day(1)]]);
    expect((await client.post(`/api/v1/residents/${residentId}/transition`, { target: 'reunification', on: day(0) })).statusCode).toBe(409);
    // The staff still read the child they cared for, and may not record a follow-up.
    expect((await staff.get(`/api/v1/residents/${residentId}`)).json()).toMatchObject({ current: false, transition: { target: 'kinship_care' } });
    expect((await staff.post(`/api/v1/transitions/${moved.json().transition.id}/follow-ups`, { months: 3, visitedOn: day(0), outcome: 'stable' })).statusCode).toBe(403);
  });

  it('follow-ups: the months of the country, after the transition, once each; an unknown transition is 404', async () => {
    const { residentId, client } = await admitted();
    const moved = (await client.post(`/api/v1/residents/${residentId}/transition`, { target: 'foster_care', on: day(100), carerName: 'Family Hoxha' })).json();
    const url = `/api/v1/transitions/${moved.transition.id}/follow-ups`;
    const bad: Array<[object, string]> = [
      [{ months: 4, visitedOn: day(5), outcome: 'stable' }, 'months'],
      [{ months: 3, visitedOn: day(150), outcome: 'stable' }, 'visitedOn'],
      [{ months: 3, visitedOn: day(-2), outcome: 'stable' }, 'visitedOn'],
      [{ months: 3, visitedOn: day(5), outcome: 'broken_down' }, 'wentTo'],
      [{ months: 3, visitedOn: day(5), outcome: 'stable', wentTo: 'foster_care' }, 'wentTo'],
    ];
    for (const [body, path] of bad) {
      const res = await client.post(url, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().issues[0].path).toBe(path);
    }
    expect((await client.post('/api/v1/transitions/00000000-0000-4000-8000-000000000000/follow-ups', { months: 3, visitedOn: day(5), outcome: 'stable' })).statusCode).toBe(404);
    expect((await (await t.login('b.kasa')).post(url, { months: 3, visitedOn: day(5), outcome: 'stable' })).statusCode).toBe(404);
    const done = await client.post(url, { months: 3, visitedOn: day(5), outcome: 'broken_down', wentTo: 'residential_institution', notes: 'Carers could not cope.' });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().followUps[0]).toMatchObject({ months: 3, outcome: 'broken_down', wentTo: 'residential_institution' });
    expect((await client.post(url, { months: 3, visitedOn: day(4), outcome: 'stable' })).statusCode).toBe(400);
  });

  it("follow-ups due are on the case owner's task list, overdue when late", async () => {
    const { residentId, client } = await admitted();
    await client.post(`/api/v1/residents/${residentId}/transition`, { target: 'reunification', on: day(100) });
    const tasks = (await client.get('/api/v1/tasks')).json().items.filter((x: { kind: string }) => x.kind === 'di_follow_up');
    const mine = tasks.find((x: { link: string }) => x.link === `/residents/${residentId}`);
    expect(mine).toMatchObject({ overdue: true, dueState: 'overdue', subjectKind: 'case', child: { name: expect.stringContaining('Fixture') } });
    // The demo's Klajdi (6-month visit due within the month) is there too, not overdue.
    expect(tasks.some((x: { overdue: boolean }) => !x.overdue)).toBe(true);
    expect((await (await t.login('e.cela')).get('/api/v1/tasks')).json().items.filter((x: { kind: string }) => x.kind === 'di_follow_up')).toEqual([]);
  });
});
