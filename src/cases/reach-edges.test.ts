import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalBody } from '../signals/signal-fixtures.ts';
import { type Client, type TestApp, readAll, startTestApp } from '../testing/app.ts';
import { openTestCase, orgIdOf } from './case-fixtures.ts';

/**
 * The edges of reach (issue 10): a provider reads only the referral until it accepts; a
 * transferred case carries the signals and meetings that led to it; authors read back what they
 * wrote; closing a case ends its placement. On both databases.
 */
let t: TestApp;
let caseRoutes: string[];
beforeAll(async () => {
  t = await startTestApp();
  // Every GET route of a case, from the OpenAPI document: a route added later is covered too.
  const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  caseRoutes = Object.entries(doc.paths)
    .filter(([p, ops]) => p.startsWith('/api/v1/cases/{id}') && 'get' in ops)
    .map(([p]) => p);
});
afterAll(() => t.close());

const statusOf = async (client: Client, url: string) => (await client.get(url)).statusCode;
const NO_CASE = '00000000-0000-4000-8000-000000000000';

/** Every case route answers the reader exactly as for a case that does not exist (404, or 403 where the role may never use it). */
async function expectCaseUnreachable(client: Client, caseId: string): Promise<number> {
  let notFound = 0;
  for (const route of caseRoutes) {
    const absent = await statusOf(client, route.replace('{id}', NO_CASE));
    expect([403, 404], route).toContain(absent);
    expect(await statusOf(client, route.replace('{id}', caseId)), route).toBe(absent);
    if (absent === 404) notFound += 1;
  }
  expect(await statusOf(client, `/api/v1/cases/${caseId}`)).toBe(404);
  return notFound;
}

describe('a provider reads only the referral until it accepts', () => {
  async function referred() {
    const c = await openTestCase(t);
    const res = await c.client.post(`/api/v1/cases/${c.caseId}/referrals`, {
      providerOrgId: await orgIdOf(t, 'provider'), service: 'psychosocial_support', request: 'Weekly sessions', consentChild: 'given', consentCaregiver: 'given',
    });
    expect(res.statusCode, res.body).toBe(201);
    return { ...c, referralId: res.json().id as string };
  }

  it('before accepting, the case, every case route and the child answer 404; the referral and its task answer', async () => {
    expect(caseRoutes.length).toBeGreaterThanOrEqual(8);
    const { caseId, childId, referralId } = await referred();
    const provider = await t.login('provider');
    const notFound = await expectCaseUnreachable(provider, caseId);
    expect(notFound).toBeGreaterThan(5);
    expect(await statusOf(provider, `/api/v1/children/${childId}`)).toBe(404);
    const referral = await provider.get(`/api/v1/referrals/${referralId}`);
    expect(referral.statusCode).toBe(200);
    expect(referral.json()).toMatchObject({ status: 'pending', allowed: ['accept', 'decline'], request: 'Weekly sessions', child: { id: childId, familyName: 'Fixture' } });
    const tasks = (await provider.get('/api/v1/tasks')).json().items as Array<{ id: string; kind: string }>;
    expect(tasks.filter((x) => x.id === referralId).map((x) => x.kind)).toEqual(['referral_to_answer']);
    // The refusals are audited as denials, like any record out of reach.
    const denied = await t.database.unguarded.selectFrom('audit_log').select('entity').where('entity_id', '=', caseId).where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThanOrEqual(notFound);
  });

  it('after accepting, the case answers in part; declining ends it all (404 everywhere)', async () => {
    const { caseId, childId, referralId } = await referred();
    const provider = await t.login('provider');
    expect((await provider.post(`/api/v1/referrals/${referralId}/accept`, { version: 1 })).statusCode).toBe(200);
    const kase = await provider.get(`/api/v1/cases/${caseId}`);
    expect(kase.statusCode).toBe(200);
    expect(kase.json()).toMatchObject({ accessReason: 'referral', allowed: [] });
    for (const url of [`/api/v1/cases/${caseId}/referrals`, `/api/v1/cases/${caseId}/contacts`, `/api/v1/cases/${caseId}/placements`, `/api/v1/cases/${caseId}/timeline`]) {
      expect(await statusOf(provider, url), url).toBe(200);
    }
    expect(await statusOf(provider, `/api/v1/children/${childId}`)).toBe(200);

    // A second referral of another child, declined before accepting: nothing was ever visible.
    const other = await referred();
    const declined = await provider.post(`/api/v1/referrals/${other.referralId}/decline`, { reason: 'No capacity', version: 1 });
    expect(declined.statusCode).toBe(200);
    await expectCaseUnreachable(provider, other.caseId);
    for (const url of [`/api/v1/children/${other.childId}`, `/api/v1/referrals/${other.referralId}`]) expect(await statusOf(provider, url), url).toBe(404);
  });

  it('an accepted referral withdrawn by the unit ends the sight of the case', async () => {
    const { caseId, client, referralId } = await referred();
    const provider = await t.login('provider');
    expect((await provider.post(`/api/v1/referrals/${referralId}/accept`, { version: 1 })).statusCode).toBe(200);
    expect(await statusOf(provider, `/api/v1/cases/${caseId}`)).toBe(200);
    expect((await client.post(`/api/v1/referrals/${referralId}/withdraw`, { reason: 'Family moved', version: 2 })).statusCode).toBe(200);
    await expectCaseUnreachable(provider, caseId);
    expect(await statusOf(provider, `/api/v1/referrals/${referralId}`)).toBe(404);
  });
});

/** A signal registered and screened (open_case) by the Korçë unit, and the initial meeting on it. */
async function signalWithCase(registeredBy = 'caseworker') {
  const author = await t.login(registeredBy);
  const created = await author.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Arta', familyName: `History${Date.now() % 100000}`, sex: 'female', birthDate: '2014-05-05' }] }));
  expect(created.statusCode, created.body).toBe(201);
  const signal = created.json();
  const cw = await t.login('caseworker');
  const screened = await cw.post(`/api/v1/signals/${signal.id}/screening`, { version: signal.version, decision: 'open_case', riskLevel: 'high' });
  expect(screened.statusCode, screened.body).toBe(200);
  const link = await t.database.unguarded.selectFrom('case_signals').select('case_id').where('signal_id', '=', signal.id).executeTakeFirstOrThrow();
  return { signal, caseId: link.case_id, childId: signal.children[0].id as string, cw, author };
}

describe('a transfer carries the case history', () => {
  it('after acceptance the receiving unit reads the original signal and the initial meeting, whole, audited as "case"', async () => {
    const { signal, caseId, childId, cw } = await signalWithCase();
    const meeting = await cw.post('/api/v1/meetings', {
      type: 'initial_signal', heldAt: new Date(Date.now() - 3_600_000).toISOString(), status: 'held', signalId: signal.id,
      participants: [{ name: 'Mimoza Dhima', institution: 'School psychologist', sector: 'education', attended: true }],
      decisions: 'Home visit by the unit.',
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const meetingId = meeting.json().id as string;
    // A follow-up meeting for the child (no signal) is part of the history too.
    const followUp = await cw.post('/api/v1/meetings', { type: 'follow_up', heldAt: new Date(Date.now() - 1_800_000).toISOString(), status: 'held', childIds: [childId] });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const item = await cw.post(`/api/v1/meetings/${meetingId}/action-items`, { description: 'Visit the school', responsibleOrganisationId: await orgIdOf(t, 'caseworker') });
    expect(item.statusCode, item.body).toBe(201);

    const kasa = await t.login('b.kasa');
    const eCela = await t.login('e.cela');
    const req = await cw.post(`/api/v1/cases/${caseId}/transfers`, { toUnitId: await orgIdOf(t, 'b.kasa'), reason: 'The family moved' });
    expect(req.statusCode, req.body).toBe(201);
    // Pending, the receiving unit decides on the case but does not yet read its history.
    for (const url of [`/api/v1/signals/${signal.id}`, `/api/v1/meetings/${meetingId}`]) expect(await statusOf(kasa, url), url).toBe(404);
    const version = (await t.database.unguarded.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
    expect((await kasa.post(`/api/v1/transfers/${req.json().id}/accept`, { version })).statusCode).toBe(200);

    for (const reader of [kasa, eCela]) {
      const s = await reader.get(`/api/v1/signals/${signal.id}`);
      expect(s.statusCode).toBe(200);
      expect(s.json()).toMatchObject({
        accessReason: 'case', withheld: [], allowed: [], caseId, description: signal.description ?? 'Shouting and a crying child every night.',
        perpetrators: ['father'], reporterName: 'A neighbour', screening: { decision: 'open_case', riskLevel: 'high' },
      });
      expect(s.json().children.map((c: { id: string }) => c.id)).toEqual([childId]);
      const m = await reader.get(`/api/v1/meetings/${meetingId}`);
      expect(m.statusCode).toBe(200);
      expect(m.json()).toMatchObject({ accessReason: 'case', signalId: signal.id, decisions: 'Home visit by the unit.', canEdit: false });
      expect(m.json().participants[0].personName).toBe('Mimoza Dhima');
      expect(m.json().actionItems.map((i: { description: string }) => i.description)).toEqual(['Visit the school']);
      expect(m.json().children.map((c: { id: string }) => c.id)).toEqual([childId]);
      expect(await statusOf(reader, `/api/v1/meetings/${followUp.json().id}`)).toBe(200);
      // In their lists too.
      const signals = await readAll<{ id: string; accessReason: string }>(reader, '/api/v1/signals');
      expect(signals.find((x) => x.id === signal.id)?.accessReason).toBe('case');
    }
    // Reading is not changing: the convening unit's meeting stays its own.
    expect((await kasa.patch(`/api/v1/meetings/${meetingId}`, { decisions: 'Rewritten', version: meeting.json().version })).statusCode).toBe(403);
    expect((await kasa.post(`/api/v1/meetings/${meetingId}/action-items`, { description: 'x', responsibleOrganisationId: await orgIdOf(t, 'b.kasa') })).statusCode).toBe(403);
    const audited = await t.database.unguarded.selectFrom('audit_log').select(['entity', 'reason']).where('entity_id', 'in', [signal.id, meetingId]).where('action', '=', 'read').where('reason', '=', 'case').execute();
    expect(new Set(audited.map((a) => a.entity))).toEqual(new Set(['signal', 'meeting']));
    // The sending unit still reads its own signal and meeting; a third unit nothing.
    expect(await statusOf(cw, `/api/v1/signals/${signal.id}`)).toBe(200);
    expect(await statusOf(cw, `/api/v1/meetings/${meetingId}`)).toBe(200);
    const durres = await t.login('l.muca');
    for (const url of [`/api/v1/signals/${signal.id}`, `/api/v1/meetings/${meetingId}`]) expect(await statusOf(durres, url), url).toBe(404);
  });
});

describe('authors read back what they wrote', () => {
  it('the police-station team reads its own signal whole, but not the unit\'s screening', async () => {
    const { signal } = await signalWithCase('police_support');
    expect(signal).toMatchObject({ accessReason: 'signal', description: 'Shouting and a crying child every night.', perpetrators: ['father'], reporterName: 'A neighbour', reporterContact: '+355 69 000 0000' });
    const ps = await t.login('police_support');
    const read = (await ps.get(`/api/v1/signals/${signal.id}`)).json();
    expect(read).toMatchObject({ accessReason: 'signal', status: 'screened', description: 'Shouting and a crying child every night.', perpetrators: ['father'], withheld: ['screening'] });
    expect(read.screening).toBeUndefined();
    expect(read.caseId).toBeUndefined();
    // The police (a partner, another sector) likewise.
    const { signal: bySchool } = await signalWithCase('k.teacher');
    const school = (await (await t.login('k.teacher')).get(`/api/v1/signals/${bySchool.id}`)).json();
    expect(school).toMatchObject({ accessReason: 'signal', description: 'Shouting and a crying child every night.', withheld: ['screening'] });
  });
});

describe('closing a case ends its current placement', () => {
  it('on approval, the kinship placement ends on the day of the closure, with a step on the timeline', async () => {
    const { caseId, client } = await openTestCase(t);
    const placed = await client.post(`/api/v1/cases/${caseId}/placements`, { kind: 'kinship_care', carerName: 'The grandmother', startedOn: '2024-01-10' });
    expect(placed.statusCode, placed.body).toBe(201);
    const version = (await client.get(`/api/v1/cases/${caseId}`)).json().version as number;
    expect((await client.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version })).statusCode).toBe(200);
    const sup = await t.login('supervisor');
    expect((await sup.post(`/api/v1/cases/${caseId}/closure/approve`, { version: version + 1 })).statusCode).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tirane' }).format(new Date());
    const items = (await client.get(`/api/v1/cases/${caseId}/placements`)).json().items;
    expect(items).toMatchObject([{ id: placed.json().id, current: false, endedOn: today, endCode: 'case_closed', endReason: null }]);
    const events = (await client.get(`/api/v1/cases/${caseId}/timeline`)).json().items as Array<{ kind: string; detail: Record<string, unknown> }>;
    expect(events.filter((e) => e.kind === 'placement_ended').map((e) => e.detail)).toEqual([{ kind: 'kinship_care', ending: 'case_closed' }]);
    // A case closed without a placement is closed as before.
    const bare = await openTestCase(t);
    expect((await bare.client.post(`/api/v1/cases/${bare.caseId}/closure`, { reason: 'goals_met', version: 1 })).statusCode).toBe(200);
    expect((await sup.post(`/api/v1/cases/${bare.caseId}/closure/approve`, { version: 2 })).json().status).toBe('closed');
  });
});
