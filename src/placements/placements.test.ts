import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';

let t: TestApp;
let shelter: string;
let police: string;
beforeAll(async () => {
  t = await startTestApp();
  const org = async (sector: string, jurisdiction: string) =>
    (await t.database.db.selectFrom('organisations').select('id').where('sector', '=', sector).where('jurisdiction_code', '=', jurisdiction).executeTakeFirstOrThrow()).id;
  shelter = await org('shelter', 'AL-03-03');
  police = await org('police', 'AL-06-03');
});
afterAll(() => t.close());

describe('placements', () => {
  it('one current placement per case; ending it records the day and reason; then a new one', async () => {
    const { caseId, client } = await openTestCase(t);
    const placed = await client.post(`/api/v1/cases/${caseId}/placements`, { kind: 'residential_institution', providerOrgId: shelter, startedOn: '2026-01-05' });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ kind: 'residential_institution', providerOrgId: shelter, providerName: expect.any(String), current: true, startedOn: '2026-01-05', endedOn: null });
    const second = await client.post(`/api/v1/cases/${caseId}/placements`, { kind: 'kinship_care', carerName: 'Aunt', startedOn: '2026-01-06' });
    expect(second.statusCode).toBe(409);
    const early = await client.post(`/api/v1/cases/${caseId}/placements/${placed.json().id}/end`, { endedOn: '2026-01-01', endReason: 'Returned home' });
    expect(early.statusCode).toBe(400);
    expect(early.json().issues[0].path).toBe('endedOn');
    expect((await client.post(`/api/v1/cases/${caseId}/placements/${placed.json().id}/end`, { endedOn: '2026-01-20' })).statusCode).toBe(400);
    const ended = await client.post(`/api/v1/cases/${caseId}/placements/${placed.json().id}/end`, { endedOn: '2026-01-20', endReason: 'Moved to kin' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ current: false, endedOn: '2026-01-20', endReason: 'Moved to kin' });
    expect((await client.post(`/api/v1/cases/${caseId}/placements/${placed.json().id}/end`, { endedOn: '2026-01-21', endReason: 'Again' })).statusCode).toBe(409);
    const kin = await client.post(`/api/v1/cases/${caseId}/placements`, { kind: 'kinship_care', carerName: 'Aunt', startedOn: '2026-01-20' });
    expect(kin.statusCode).toBe(201);
    const list = (await client.get(`/api/v1/cases/${caseId}/placements`)).json().items;
    expect(list.map((p: { kind: string; current: boolean }) => [p.kind, p.current])).toEqual([['kinship_care', true], ['residential_institution', false]]);
    const kinds = (await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', caseId).execute()).map((e) => e.kind);
    expect(kinds.filter((k) => k.startsWith('placement_')).sort()).toEqual(['placement_ended', 'placement_started', 'placement_started']);
  });

  it('the provider must be a shelter, residential care or NGO; or a carer is named (400 with paths)', async () => {
    const { caseId, client } = await openTestCase(t);
    const bad = await client.post(`/api/v1/cases/${caseId}/placements`, { kind: 'emergency_shelter', providerOrgId: police, startedOn: '2026-01-05' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('providerOrgId');
    // A stay in a shelter is the shelter's admission (src/shelters/): never typed by the unit.
    const typed = await client.post(`/api/v1/cases/${caseId}/placements`, { kind: 'emergency_shelter', providerOrgId: shelter, startedOn: '2026-01-05' });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().issues[0].path).toBe('providerOrgId');
    const none = await client.post(`/api/v1/cases/${caseId}/placements`, { kind: 'foster_care', startedOn: '2026-01-05' });
    expect(none.statusCode).toBe(400);
    expect(none.json().issues[0].path).toBe('providerOrgId');
    const date = await client.post(`/api/v1/cases/${caseId}/placements`, { kind: 'foster_care', carerName: 'Family Hoxha', startedOn: '2026-02-30' });
    expect(date.statusCode).toBe(400);
    expect(date.json().issues[0].path).toBe('startedOn');
    expect((await client.get(`/api/v1/cases/${caseId}/placements`)).json().items).toEqual([]);
  });

  it('reach: other units 404, partners 403; ending an unknown placement 404', async () => {
    const { caseId, client } = await openTestCase(t);
    const input = { kind: 'foster_care', carerName: 'Family Hoxha', startedOn: '2026-01-05' };
    expect((await (await t.login('b.kasa')).post(`/api/v1/cases/${caseId}/placements`, input)).statusCode).toBe(404);
    expect((await (await t.login('m.ivanova')).get(`/api/v1/cases/${caseId}/placements`)).statusCode).toBe(404);
    expect((await (await t.login('partner')).post(`/api/v1/cases/${caseId}/placements`, input)).statusCode).toBe(403);
    expect((await client.post(`/api/v1/cases/${caseId}/placements/00000000-0000-4000-8000-000000000000/end`, { endedOn: '2026-01-06', endReason: 'x' })).statusCode).toBe(404);
    expect((await (await t.login('supervisor')).post(`/api/v1/cases/${caseId}/placements`, input)).statusCode).toBe(201);
  });
});
