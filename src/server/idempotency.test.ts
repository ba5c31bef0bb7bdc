import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase, orgIdOf } from '../cases/case-fixtures.ts';
import type { DB } from '../db/schema.ts';
import { signalBody } from '../signals/signal-fixtures.ts';
import { intakeBody, stationId } from '../intakes/intake-fixtures.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { IDEMPOTENT_ROUTES } from './idempotency.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ago = (ms = 60_000) => new Date(Date.now() - ms).toISOString();
let n = 0;
const next = () => ++n;

/** One create, ready to send twice: who sends it, where, a valid body, another valid body, and the table it adds a row to. */
type Create = { client: Client; url: string; body: unknown; other: unknown; table: keyof DB };
const CREATES: Record<string, () => Promise<Create>> = {
  'POST /api/v1/children': async () => {
    const i = next();
    const child = (givenName: string) => ({ givenName, familyName: `Idem${i}`, sex: 'female', birthDate: '2012-02-02', municipalityCode: 'AL-06-03' });
    return { client: await t.login('caseworker'), url: '/api/v1/children', body: child('Once'), other: child('Twice'), table: 'children' };
  },
  'POST /api/v1/signals': async () => {
    const body = signalBody({ children: [{ givenName: 'Sig', familyName: `Idem${next()}`, sex: 'male', birthDate: '2011-01-01' }] });
    return { client: await t.login('caseworker'), url: '/api/v1/signals', body, other: { ...body, description: 'Something else' }, table: 'signals' };
  },
  'POST /api/v1/intakes': async () => {
    const body = intakeBody(await stationId(t), { children: [{ givenName: 'Intake', familyName: `Idem${next()}`, sex: 'male', birthDate: '2011-01-01' }] });
    return { client: await t.login('police_support'), url: '/api/v1/intakes', body, other: { ...body, supportGiven: 'Something else' }, table: 'police_intakes' };
  },
  'POST /api/v1/prevention-activities': async () => {
    const body = { ref: `IDEM-${next()}`, heldOn: '2026-01-10', place: 'school', municipalityCode: 'AL-06-03', topic: 'bullying', title: 'Session', facilitators: [], childrenReached: [{ ageGroup: '8-11', sex: 'female', children: 9 }], adults: { parents: 0, teachers: 1, professionals: 0 }, childrenCoOrganised: false };
    return { client: await t.login('caseworker'), url: '/api/v1/prevention-activities', body, other: { ...body, title: 'Another session' }, table: 'prevention_activities' };
  },
  ...boardCreates(),
  'POST /api/v1/kiosks': async () => {
    const body = { label: `Kiosk ${next()}`, service: 'casework', languages: ['sq'] };
    return { client: await t.login('supervisor'), url: '/api/v1/kiosks', body, other: { ...body, label: 'Another kiosk' }, table: 'kiosks' };
  },
  'POST /api/v1/kiosks/:id/notes': async () => {
    const client = await t.login('supervisor');
    const kiosk = await client.post('/api/v1/kiosks', { label: `Kiosk ${next()}`, service: 'casework', languages: ['sq'] });
    const body = { language: 'sq', youSaid: 'Donit takime në shkollë.', weDid: 'Takohemi në shkollë.' };
    return { client, url: `/api/v1/kiosks/${kiosk.json().id}/notes`, body, other: { ...body, weDid: 'Edhe në zyrë.' }, table: 'kiosk_notes' };
  },
  'POST /api/v1/meetings': async () => {
    const c = await openTestCase(t);
    const body = { type: 'follow_up', heldAt: ago(1_800_000), status: 'held', childIds: [c.childId] };
    return { client: c.client, url: '/api/v1/meetings', body, other: { ...body, heldAt: ago(3_600_000) }, table: 'meetings' };
  },
  'POST /api/v1/meetings/:id/action-items': async () => {
    const c = await openTestCase(t);
    const meeting = await c.client.post('/api/v1/meetings', { type: 'follow_up', heldAt: ago(1_800_000), status: 'held', childIds: [c.childId] });
    const body = { description: 'Visit the school', responsibleOrganisationId: await orgIdOf(t, 'caseworker') };
    return { client: c.client, url: `/api/v1/meetings/${meeting.json().id}/action-items`, body, other: { ...body, description: 'Call the family' }, table: 'action_items' };
  },
  'POST /api/v1/cases': async () => {
    const client = await t.login('caseworker');
    const child = await client.post('/api/v1/children', { givenName: 'Case', familyName: `Idem${next()}`, sex: 'male', birthDate: '2013-03-03', municipalityCode: 'AL-06-03' });
    const body = { childId: child.json().id, riskLevel: 'medium' };
    return { client, url: '/api/v1/cases', body, other: { ...body, riskLevel: 'high' }, table: 'cases' };
  },
  'POST /api/v1/cases/:id/referrals': async () => {
    const c = await openTestCase(t);
    const body = { providerOrgId: await orgIdOf(t, 'provider'), service: 'psychological_counselling', request: 'Weekly sessions', consentChild: 'given', consentCaregiver: 'given' };
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/referrals`, body, other: { ...body, request: 'Daily sessions' }, table: 'referrals' };
  },
  'POST /api/v1/cases/:id/contacts': async () => {
    const c = await openTestCase(t);
    const body = { kind: 'home_visit', occurredAt: ago(3_600_000), present: ['Mother'], childSeen: true, childHeardAlone: true };
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/contacts`, body, other: { ...body, present: ['Father'] }, table: 'contacts' };
  },
  'POST /api/v1/cases/:id/placements': async () => {
    const c = await openTestCase(t);
    const body = { kind: 'kinship_care', carerName: 'The grandmother', startedOn: '2024-01-10' };
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/placements`, body, other: { ...body, carerName: 'The aunt' }, table: 'placements' };
  },
  'POST /api/v1/cases/:id/assessments': async () => {
    const c = await openTestCase(t);
    const body = { kind: 'initial', assessedAt: ago(), summary: 'Seen.', childViews: 'Fine.' };
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/assessments`, body, other: { ...body, summary: 'Seen twice.' }, table: 'assessments' };
  },
  'POST /api/v1/cases/:id/plans': async () => {
    const c = await assessedCase();
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/plans`, body: planBody(), other: { ...planBody(), childViews: 'Other views' }, table: 'plans' };
  },
  'POST /api/v1/cases/:id/plans/:planId/reviews': async () => {
    const c = await assessedCase();
    const plan = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
    const sub = (await c.client.post(`/api/v1/cases/${c.caseId}/plans/${plan.id}/submit`, { version: plan.version })).json();
    const approved = await (await t.login('supervisor')).post(`/api/v1/cases/${c.caseId}/plans/${plan.id}/approve`, { version: sub.version });
    if (approved.statusCode !== 200) throw new Error(approved.body);
    const body = { reviewedAt: ago(), summary: 'Going well.', childViews: 'Happy.' };
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/plans/${plan.id}/reviews`, body, other: { ...body, summary: 'Going badly.' }, table: 'plan_reviews' };
  },
  'POST /api/v1/cases/:id/transfers': async () => {
    const c = await openTestCase(t);
    const body = { toUnitId: await orgIdOf(t, 'b.kasa'), reason: 'The family moved' };
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/transfers`, body, other: { ...body, reason: 'The family moved away' }, table: 'case_transfers' };
  },
  'POST /api/v1/cases/:id/cross-border': async () => {
    const c = await openTestCase(t);
    const body = { destinationCountry: 'BG', destinationAuthority: 'Agency', reason: 'Family moved.', consentChild: 'given', consentCaregiver: 'given' };
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/cross-border`, body, other: { ...body, destinationAuthority: 'Other agency' }, table: 'cross_border_referrals' };
  },
  'POST /api/v1/users': async () => {
    const body = { username: `idem.user${next()}`, displayName: 'Idem User', organisationId: await orgIdOf(t, 'admin'), roles: ['admin'], password: 'Quartz-Ferry-Mosaic-91' };
    return { client: await t.login('admin'), url: '/api/v1/users', body, other: { ...body, displayName: 'Another Name' }, table: 'users' };
  },
  'POST /api/v1/organisations': async () => {
    const body = { name: `Qendra Idem ${next()}`, sector: 'ngo', jurisdictionCode: 'AL-06-03' };
    return { client: await t.login('admin'), url: '/api/v1/organisations', body, other: { ...body, sector: 'education' }, table: 'organisations' };
  },
  'POST /api/v1/cases/:id/residents': async () => {
    const c = await openTestCase(t);
    const body = { institutionId: await residentialCare(), admittedOn: day(30), admissionReasons: ['poverty'], parentalRights: 'both_parents', familyContact: 'regular' };
    return { client: c.client, url: `/api/v1/cases/${c.caseId}/residents`, body, other: { ...body, familyContact: 'none' }, table: 'institution_residents' };
  },
  'POST /api/v1/residents/:id/assessments': async () => {
    const r = await resident();
    const body = { assessedOn: day(1), assessor: 'Psychologist', findings: 'Ready for a family' };
    return { client: r.client, url: `/api/v1/residents/${r.id}/assessments`, body, other: { ...body, findings: 'Not yet' }, table: 'di_assessments' };
  },
  'POST /api/v1/residents/:id/transition': async () => {
    const r = await resident();
    const body = { target: 'kinship_care', on: day(1), carerName: 'The grandmother' };
    return { client: r.client, url: `/api/v1/residents/${r.id}/transition`, body, other: { ...body, carerName: 'The aunt' }, table: 'di_transitions' };
  },
  'POST /api/v1/transitions/:id/follow-ups': async () => {
    const r = await resident();
    const moved = await r.client.post(`/api/v1/residents/${r.id}/transition`, { target: 'reunification', on: day(10) });
    const body = { months: 3, visitedOn: day(1), outcome: 'stable' };
    return { client: r.client, url: `/api/v1/transitions/${moved.json().transition.id}/follow-ups`, body, other: { ...body, outcome: 'at_risk' }, table: 'di_follow_ups' };
  },
};

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const residentialCare = async () => (await t.database.db.selectFrom('organisations').select('id').where('sector', '=', 'residential_care').where('country', '=', 'AL').executeTakeFirstOrThrow()).id;
/** A child of a new case admitted to the demo institution in Albania. */
async function resident(): Promise<{ client: Client; id: string }> {
  const c = await openTestCase(t);
  const res = await c.client.post(`/api/v1/cases/${c.caseId}/residents`, { institutionId: await residentialCare(), admittedOn: day(30), admissionReasons: ['poverty'], parentalRights: 'both_parents', familyContact: 'regular' });
  return { client: c.client, id: res.json().id };
}

/**
 * POST routes answering 201 that do not honour an Idempotency-Key, each with the reason. A new
 * 201 route must join REREAD or be listed here.
 */
/** Consultation boards (src/boards/): each write answers the whole board. */
function boardCreates(): Record<string, () => Promise<Create>> {
  const board = async () => {
    const client = await t.login('caseworker');
    const b = (await client.post('/api/v1/boards', { name: `Idem board ${next()}`, municipalityCode: 'AL-06-03', establishedOn: '2025-01-01' })).json();
    const withMember = (await client.post(`/api/v1/boards/${b.id}/members`, { pseudonym: `Idem ${next()}`, ageBand: '8-11', sex: 'male', childConsentOn: '2025-01-02', guardianConsentOn: '2025-01-02', joinedOn: '2025-01-02' })).json();
    const met = (await client.post(`/api/v1/boards/${b.id}/meetings`, { heldOn: '2025-02-01', place: 'Centre', topics: [], attendance: [withMember.members[0].id], views: [{ statement: 'A view', themes: ['health'] }] })).json();
    return { client, id: b.id as string, meetingId: met.meetings[0].id as string, viewId: met.viewList[0].id as string };
  };
  const member = (pseudonym: string) => ({ pseudonym, ageBand: '12-16', sex: 'female', childConsentOn: '2025-01-02', guardianConsentOn: '2025-01-02', joinedOn: '2025-01-03' });
  return {
    'POST /api/v1/boards': async () => {
      const body = { name: `Idem board ${next()}`, municipalityCode: 'AL-06-03', establishedOn: '2025-01-01' };
      return { client: await t.login('caseworker'), url: '/api/v1/boards', body, other: { ...body, name: 'Another board' }, table: 'consultation_boards' };
    },
    'POST /api/v1/boards/:id/members': async () => {
      const b = await board();
      return { client: b.client, url: `/api/v1/boards/${b.id}/members`, body: member('Once'), other: member('Twice'), table: 'board_members' };
    },
    'POST /api/v1/boards/:id/meetings': async () => {
      const b = await board();
      const body = { heldOn: '2025-03-01', place: 'Centre', topics: ['Health'], attendance: [], views: [] };
      return { client: b.client, url: `/api/v1/boards/${b.id}/meetings`, body, other: { ...body, place: 'School' }, table: 'board_meetings' };
    },
    'POST /api/v1/boards/:id/meetings/:meetingId/views': async () => {
      const b = await board();
      const body = { views: [{ statement: 'Another view', themes: ['leisure'] }] };
      return { client: b.client, url: `/api/v1/boards/${b.id}/meetings/${b.meetingId}/views`, body, other: { views: [{ statement: 'A third', themes: ['other'] }] }, table: 'board_views' };
    },
    'POST /api/v1/boards/:id/responses': async () => {
      const b = await board();
      const body = { viewId: b.viewId, action: 'Asked the clinic', byWhom: 'The unit', respondedOn: '2025-02-05', status: 'in_progress' };
      return { client: b.client, url: `/api/v1/boards/${b.id}/responses`, body, other: { ...body, action: 'Something else' }, table: 'board_responses' };
    },
    'POST /api/v1/boards/:id/advocacy': async () => {
      const b = await board();
      const body = { description: 'A letter to the mayor', chosenOn: '2025-02-01', status: 'planned' };
      return { client: b.client, url: `/api/v1/boards/${b.id}/advocacy`, body, other: { ...body, description: 'A visit' }, table: 'board_advocacy' };
    },
  };
}

const NOT_IDEMPOTENT: Record<string, string> = {
  'POST /api/v1/kiosk/:token/answers':
    'the kiosk\'s public answer has no session to key on: each visit carries a one-time nonce instead, and the same nonce again is refused (409), nothing stored (src/feedback/kiosk-public.ts)',
  // The trainings register (src/trainings/): no child data; none has a single record to read back by id.
  'POST /api/v1/training-modules': 'a module has no read by id to replay (the list answers it); a module sent twice is a second module its trainer sees at once in the list',
  'POST /api/v1/training-sessions': 'a session sent twice is a second session its trainer sees at once in the list; its participants cannot be duplicated',
  'POST /api/v1/training-sessions/:id/participants': 'a participant sent again is refused (409): the same name and organisation are in a session once (a unique index holds it)',
  'POST /api/v1/training-sessions/:id/participants/:participantId/certificate': 'a certificate sent again is refused (409): a participant has one (a unique key holds it)',
  'POST /api/v1/training-needs': 'a need has no read by id to replay; a need sent twice is a second line its trainer sees in the list',
  'POST /api/v1/attachments':
    'an upload is multipart: its body is a stream read by the handler, after the key is checked, so a replay could not be told from another file under the same key; a repeated upload makes a second file, which its uploader can remove',
  'POST /api/v1/shelter-admissions':
    'siblings admitted together answer a list of stays, which the replay of one id cannot give back; a repeated admission never makes a second stay: a child has at most one current admission (400 on children.N, a unique index holds it), and a new child sent again meets the duplicate check (409)',
};

async function assessedCase() {
  const c = await openTestCase(t);
  const res = await c.client.post(`/api/v1/cases/${c.caseId}/assessments`, { kind: 'initial', assessedAt: ago(), summary: 'Seen.', childViews: 'Fine.' });
  if (res.statusCode !== 201) throw new Error(res.body);
  return c;
}
function planBody() {
  return {
    goals: [{ domain: 'safety', description: 'The child is safe at home' }],
    actions: [{ goalIndex: 0, service: 'education_support', description: 'Meet the school', responsibleName: 'The caseworker', dueDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10), status: 'planned' }],
    childParticipation: 'Took part in the meeting',
    childViews: 'Wants to see the counsellor',
    caregiverParticipation: 'Mother attended',
    caregiverViews: 'Agrees',
  };
}
const count = async (table: keyof DB) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.database.unguarded)).rows[0]!.n);

describe('idempotent creates', () => {
  it('every POST route answering 201 is idempotent or a listed exception, and every idempotent route is tested here', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    const creates = Object.entries(doc.paths)
      .filter(([, item]) => item.post?.responses?.['201'])
      .map(([path]) => `POST ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    expect(creates.length).toBeGreaterThan(0);
    expect(IDEMPOTENT_ROUTES.length).toBeGreaterThan(0);
    for (const route of creates) expect(IDEMPOTENT_ROUTES.includes(route) || route in NOT_IDEMPOTENT, route).toBe(true);
    expect([...IDEMPOTENT_ROUTES].sort()).toEqual(Object.keys(CREATES).sort());
  });

  for (const route of IDEMPOTENT_ROUTES) {
    it(`${route}: one key, one record, the same answer; the same key with another body is refused`, async () => {
      const make = CREATES[route];
      if (!make) throw new Error(`no test create for ${route}: add one to CREATES`);
      const c = await make();
      const key = { 'idempotency-key': crypto.randomUUID() };
      const before = await count(c.table);
      const first = await c.client.request('POST', c.url, c.body, key);
      expect(first.statusCode, first.body).toBe(201);
      const second = await c.client.request('POST', c.url, c.body, key);
      expect(second.statusCode, second.body).toBe(201);
      expect(second.headers['idempotency-replay']).toBe('true');
      expect(second.json()).toEqual(first.json());
      expect(await count(c.table)).toBe(before + 1);
      const other = await c.client.request('POST', c.url, c.other, key);
      expect(other.statusCode, other.body).toBe(422);
      expect(await count(c.table)).toBe(before + 1);
    });
  }

  it('a replay of a record no longer readable answers as its re-read does: 404', async () => {
    const c = await CREATES['POST /api/v1/cases/:id/contacts']!();
    const key = { 'idempotency-key': crypto.randomUUID() };
    const first = await c.client.request('POST', c.url, c.body, key);
    expect(first.statusCode, first.body).toBe(201);
    await t.database.unguarded.deleteFrom('contacts').where('id', '=', first.json().id).execute();
    const replay = await c.client.request('POST', c.url, c.body, key);
    expect(replay.statusCode).toBe(404);
    expect((await t.database.unguarded.selectFrom('contacts').select('id').where('id', '=', first.json().id).execute())).toEqual([]);
  });
});
