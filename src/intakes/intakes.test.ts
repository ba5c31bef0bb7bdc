import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, readAll, startTestApp } from '../testing/app.ts';
import { intakeBody, intakeRowCounts, minutesAgo, stationId } from './intake-fixtures.ts';

/**
 * Police-station intakes through the HTTP API on the real database: the team records one, it is
 * referred to the unit as a signal in the same transaction, the unit screens it, the team follows
 * it (screened, case, who, last seen — never the unit's narrative). Reach per role and team; bad
 * input refused with its path and nothing stored; the audit.
 */
let t: TestApp;
let team: Client;
let korce: string;
beforeAll(async () => {
  t = await startTestApp();
  team = await t.login('police_support');
  korce = await stationId(t);
}, 60_000);
afterAll(() => t.close());

async function record(over: Record<string, unknown> = {}) {
  const res = await team.post('/api/v1/intakes', intakeBody(korce, over));
  if (res.statusCode !== 201) throw new Error(`intake answered ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** A second police-station team in Albania, with one member (another team: out of reach). */
async function otherTeam(): Promise<Client> {
  const db = t.database.unguarded;
  const existing = await db.selectFrom('users').select('id').where('username', '=', 'other.team').executeTakeFirst();
  if (!existing) {
    const org = await db.insertInto('organisations').values({ name: 'Ekipi psikosocial 24/7 – Durrës', sector: 'social_services', jurisdiction_code: 'AL-02-01', country: 'AL' }).returning('id').executeTakeFirstOrThrow();
    const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'police_support').executeTakeFirstOrThrow()).password_hash;
    await db.insertInto('users').values({ username: 'other.team', display_name: 'Other Team', organisation_id: org.id, roles: ['police_support'], password_hash: hash, language: 'en' }).execute();
  }
  return t.login('other.team');
}

describe('recording an intake', () => {
  it('the team records it; it becomes a signal of the municipality\'s unit (police, police station), audited', async () => {
    const before = await intakeRowCounts(t);
    const body = intakeBody(korce, { calledAt: '2026-03-01T22:10:00+01:00', arrivedAt: '2026-03-01T22:52:00+01:00' });
    const res = await team.post('/api/v1/intakes', body);
    expect(res.statusCode, res.body).toBe(201);
    const intake = res.json();
    expect(intake).toMatchObject({
      accessReason: 'team', teamName: 'Ekipi psikosocial 24/7 – Komisariati Korçë', recordedByName: 'Dritan Shehu',
      stationName: 'Drejtoria Vendore e Policisë Korçë', responseMinutes: 42, legalSituation: 'in_conflict_with_law',
      parentPresent: true, lawyerPresent: true, psychologistPresent: true, childFriendlyRoom: false, outcome: 'returned_to_family',
      teamMembers: body.teamMembers, municipalityCode: 'AL-06-03', harmTypes: ['conflict_with_law'],
      followUp: { screened: false, screenedAt: null, unitName: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë' },
    });
    expect(intake.children).toEqual([expect.objectContaining({ givenName: 'Ilir', familyName: 'Marku', sex: 'male' })]);
    expect(intake.followUp.children).toEqual([{ childId: intake.children[0].id, caseOpened: false, responsibleName: null, childLastSeenAt: null }]);
    expect(await intakeRowCounts(t)).toMatchObject({ intakes: before.intakes + 1, signals: before.signals + 1, children: before.children + 1 });

    const cw = await t.login('caseworker');
    const signal = (await cw.get(`/api/v1/signals/${intake.signalId}`)).json();
    expect(signal).toMatchObject({ source: 'police', channel: 'police_station', status: 'unscreened', accessReason: 'unit_caseworker', reporterName: 'Drejtoria Vendore e Policisë Korçë' });
    expect(Date.parse(signal.receivedAt)).toBe(Date.parse(body.arrivedAt));
    // The team reads back the signal it wrote.
    expect((await team.get(`/api/v1/signals/${intake.signalId}`)).json()).toMatchObject({ accessReason: 'signal' });

    const audit = await t.database.unguarded.selectFrom('audit_log').select(['action', 'entity', 'outcome']).where('entity_id', '=', intake.id).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'create', entity: 'police_intake', outcome: 'ok' }, { action: 'read', entity: 'police_intake', outcome: 'ok' }]));
    const signalAudit = await t.database.unguarded.selectFrom('audit_log').select(['action']).where('entity', '=', 'signal').where('entity_id', '=', intake.signalId).execute();
    expect(signalAudit.map((a) => a.action)).toContain('create');
  });

  it('only the police-station team records intakes (403), and nothing is stored', async () => {
    const before = await intakeRowCounts(t);
    for (const user of ['caseworker', 'supervisor', 'partner', 'provider', 'monitor', 'admin']) {
      const res = await (await t.login(user)).post('/api/v1/intakes', intakeBody(korce));
      expect(res.statusCode, user).toBe(403);
    }
    expect(await intakeRowCounts(t)).toEqual(before);
  });

  it('a known child (in the team\'s reach) is attached, not duplicated; a look-alike new child is refused (409) unless confirmed', async () => {
    const kristi = (await readAll<{ id: string; givenName: string }>(team, '/api/v1/children')).find((c) => c.givenName === 'Kristi');
    expect(kristi).toBeDefined();
    const before = await intakeRowCounts(t);
    const known = await record({ children: [{ childId: kristi!.id }] });
    expect(known.children.map((c: { id: string }) => c.id)).toEqual([kristi!.id]);
    expect((await intakeRowCounts(t)).children).toBe(before.children);

    const first = await record({ children: [{ givenName: 'Besa', familyName: 'Gjoni', sex: 'female', birthDate: '2011-08-08' }] });
    const mid = await intakeRowCounts(t);
    const again = await team.post('/api/v1/intakes', intakeBody(korce, { children: [{ givenName: 'Besa', familyName: 'Gjoni', sex: 'female', birthDate: '2011-08-08' }] }));
    expect(again.statusCode).toBe(409);
    expect(again.json().duplicates?.[0]).toMatchObject({ index: 0, child: { id: first.children[0].id } });
    expect(await intakeRowCounts(t)).toEqual(mid);
    const confirmed = await team.post('/api/v1/intakes', intakeBody(korce, { children: [{ givenName: 'Besa', familyName: 'Gjoni', sex: 'female', birthDate: '2011-08-08', notDuplicate: { reason: 'different_child' } }] }));
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });
});

describe('bad input is refused with the field, and nothing is stored', () => {
  const soon = new Date(Date.now() + 3 * 3_600_000).toISOString();
  const cases: Array<[string, () => Promise<Record<string, unknown>>, string[]]> = [
    ['a call in the future', async () => intakeBody(korce, { calledAt: soon, arrivedAt: soon }), ['calledAt', 'arrivedAt']],
    ['an arrival before the call', async () => intakeBody(korce, { calledAt: minutesAgo(30), arrivedAt: minutesAgo(60) }), ['arrivedAt']],
    ['a date that is not a date', async () => intakeBody(korce, { calledAt: 'last night' }), ['calledAt']],
    ['an unknown station', async () => intakeBody(randomUUID()), ['stationId']],
    ['a station that is not police (a school)', async () => intakeBody(await stationId(t, 'Shkolla 9-vjeçare „Naim Frashëri“, Korçë')), ['stationId']],
    ['a police station of another country', async () => intakeBody(await stationId(t, 'ОДМВР Пловдив')), ['stationId']],
    ['no team member', async () => intakeBody(korce, { teamMembers: [] }), ['teamMembers']],
    ['unknown codes', async () => intakeBody(korce, { legalSituation: 'suspect', outcome: 'jail', harmTypes: ['bad'] }), ['legalSituation', 'outcome', 'harmTypes.0']],
    ['the outcome other without a word', async () => intakeBody(korce, { outcome: 'other', outcomeNote: ' ' }), ['outcomeNote']],
    ['a birth date after the intake', async () => intakeBody(korce, { children: [{ givenName: 'A', familyName: 'B', sex: 'male', birthDate: '2099-01-01' }] }), ['children.0.birthDate']],
    ['an unknown municipality', async () => intakeBody(korce, { municipalityCode: 'AL-99-99' }), ['municipalityCode']],
    ['a child out of the team\'s reach', async () => intakeBody(korce, { children: [{ childId: randomUUID() }] }), ['children.0.childId']],
    ['an unknown field', async () => intakeBody(korce, { secret: 1 }), ['secret']],
  ];
  for (const [name, body, paths] of cases) {
    it(name, async () => {
      const before = await intakeRowCounts(t);
      const res = await team.post('/api/v1/intakes', await body());
      expect(res.statusCode, res.body).toBe(400);
      const issues = res.json().issues as Array<{ path: string }>;
      for (const path of paths) expect(issues.map((i) => i.path), path).toContain(path);
      expect(await intakeRowCounts(t)).toEqual(before);
    });
  }
});

describe('the team follows its intakes', () => {
  it('screened, a case opened, who is responsible, when the child was last seen — never the unit\'s narrative', async () => {
    const intake = await record({ legalSituation: 'victim', harmTypes: ['physical'] });
    const cw = await t.login('caseworker');
    const signal = (await cw.get(`/api/v1/signals/${intake.signalId}`)).json();
    const narrative = 'Secret unit narrative: father known for violence.';
    const screened = await cw.post(`/api/v1/signals/${signal.id}/screening`, { version: signal.version, decision: 'open_case', riskLevel: 'high', reason: narrative });
    expect(screened.statusCode, screened.body).toBe(200);
    const caseRow = await t.database.unguarded.selectFrom('case_signals as cs').innerJoin('cases as k', 'k.id', 'cs.case_id')
      .leftJoin('users as u', 'u.id', 'k.owner_id').select(['k.id', 'u.display_name']).where('cs.signal_id', '=', signal.id).executeTakeFirstOrThrow();
    const seenAt = minutesAgo(10);
    const contact = await cw.post(`/api/v1/cases/${caseRow.id}/contacts`, { kind: 'home_visit', occurredAt: seenAt, present: ['Mother'], childSeen: true, childHeardAlone: true, notes: narrative });
    expect(contact.statusCode, contact.body).toBe(201);

    const res = await team.get(`/api/v1/intakes/${intake.id}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.followUp).toMatchObject({ screened: true, children: [{ childId: intake.children[0].id, caseOpened: true, responsibleName: caseRow.display_name, childLastSeenAt: new Date(seenAt).toISOString() }] });
    expect(res.body).not.toContain('Secret unit narrative');
    const row = (await readAll<{ id: string }>(team, '/api/v1/intakes')).find((i) => i.id === intake.id);
    expect((await readAll<{ id: string }>(team, '/api/v1/intakes?followedUp=true')).map((i) => i.id)).toContain(intake.id);
    expect((await readAll<{ id: string }>(team, '/api/v1/intakes?followedUp=false')).map((i) => i.id)).not.toContain(intake.id);
    expect(row).toMatchObject({ screened: true, casesOpened: 1, responsibleNames: caseRow.display_name ? [caseRow.display_name] : [], childLastSeenAt: new Date(seenAt).toISOString(), childCount: 1, accessReason: 'team' });
    expect(JSON.stringify(row)).not.toContain('Ilir');
  });

  it('reads back all it wrote after the unit decided no action', async () => {
    const intake = await record({ legalSituation: 'witness', supportGiven: 'Sat with the girl during the interview.' });
    const cw = await t.login('caseworker');
    const signal = (await cw.get(`/api/v1/signals/${intake.signalId}`)).json();
    expect((await cw.post(`/api/v1/signals/${signal.id}/screening`, { version: signal.version, decision: 'no_action', riskLevel: 'low', reason: 'Not a protection matter.' })).statusCode).toBe(200);
    const view = (await team.get(`/api/v1/intakes/${intake.id}`)).json();
    expect(view).toMatchObject({ supportGiven: 'Sat with the girl during the interview.', legalSituation: 'witness', children: [expect.objectContaining({ givenName: 'Ilir' })], followUp: { screened: true, children: [expect.objectContaining({ caseOpened: false })] } });
    expect(JSON.stringify(view)).not.toContain('Not a protection matter');
  });

  it('the list filters by station, situation, screening and days', async () => {
    const durres = await stationId(t, 'Drejtoria Vendore e Policisë Durrës');
    const runaway = await record({ stationId: durres, legalSituation: 'runaway', calledAt: '2026-01-15T23:30:00+01:00', arrivedAt: '2026-01-16T00:05:00+01:00' });
    const ids = async (q: string) => (await readAll<{ id: string }>(team, `/api/v1/intakes?${q}`)).map((i) => i.id);
    expect(await ids(`stationId=${durres}`)).toEqual([runaway.id]);
    expect(await ids(`stationId=${durres}&legalSituation=runaway`)).toEqual([runaway.id]);
    expect(await ids(`stationId=${durres}&legalSituation=victim`)).toEqual([]);
    const runaways = await readAll<{ legalSituation: string }>(team, '/api/v1/intakes?legalSituation=runaway');
    expect(runaways.length).toBeGreaterThan(0);
    expect(runaways.every((i) => i.legalSituation === 'runaway')).toBe(true);
    expect(await ids('screened=false')).toContain(runaway.id);
    expect(await ids('screened=true')).not.toContain(runaway.id);
    // Days are the country's days: called at 23:30 in Tirana on the 15th.
    expect(await ids('from=2026-01-15&to=2026-01-15')).toEqual([runaway.id]);
    expect(await ids('from=2026-01-16&to=2026-01-16')).toEqual([]);
    expect((await team.get('/api/v1/intakes?from=2026-02-01&to=2026-01-01')).statusCode).toBe(400);
  });
});

describe('reach: the team that wrote it and the unit it was referred to; nobody else', () => {
  it('a case opened from it and transferred: the receiving unit reads the intake, the team sees who is responsible now', async () => {
    const intake = await record();
    const cw = await t.login('caseworker');
    const signal = (await cw.get(`/api/v1/signals/${intake.signalId}`)).json();
    expect((await cw.post(`/api/v1/signals/${signal.id}/screening`, { version: signal.version, decision: 'open_case', riskLevel: 'medium' })).statusCode).toBe(200);
    const caseId = (await t.database.unguarded.selectFrom('case_signals').select('case_id').where('signal_id', '=', signal.id).executeTakeFirstOrThrow()).case_id;
    const elbasan = (await t.database.unguarded.selectFrom('organisations').select('id').where('name', 'like', '%Bashkia Elbasan').executeTakeFirstOrThrow()).id;
    const kasa = await t.login('b.kasa');
    expect((await kasa.get(`/api/v1/intakes/${intake.id}`)).statusCode).toBe(404);
    const transfer = await (await t.login('supervisor')).post(`/api/v1/cases/${caseId}/transfers`, { toUnitId: elbasan, reason: 'The family moved.' });
    expect(transfer.statusCode, transfer.body).toBe(201);
    expect((await kasa.post(`/api/v1/transfers/${transfer.json().id}/accept`, {})).statusCode).toBe(200);
    expect((await kasa.get(`/api/v1/intakes/${intake.id}`)).json()).toMatchObject({ accessReason: 'unit', id: intake.id });
    expect((await readAll<{ id: string }>(kasa, '/api/v1/intakes')).map((i) => i.id)).toContain(intake.id);
    // Accepted unassigned in the receiving unit: the team sees a case, no worker yet.
    expect((await team.get(`/api/v1/intakes/${intake.id}`)).json().followUp.children[0]).toMatchObject({ caseOpened: true, responsibleName: null });
  });

  it('the unit reads it; another team, another unit, another country: 404 and not in their list; other roles 403', async () => {
    const intake = await record();
    const sup = await t.login('supervisor');
    expect((await sup.get(`/api/v1/intakes/${intake.id}`)).json()).toMatchObject({ accessReason: 'unit', id: intake.id });
    expect((await readAll<{ id: string }>(sup, '/api/v1/intakes')).map((i) => i.id)).toContain(intake.id);
    for (const [user, client] of [['other.team', await otherTeam()], ['e.cela', await t.login('e.cela')], ['m.ivanova', await t.login('m.ivanova')]] as const) {
      const res = await client.get(`/api/v1/intakes/${intake.id}`);
      expect(res.statusCode, user).toBe(404);
      expect(res.body).not.toContain('Ilir');
      expect((await readAll<{ id: string }>(client, '/api/v1/intakes')).map((i) => i.id), user).not.toContain(intake.id);
    }
    for (const user of ['partner', 'provider', 'monitor', 'trainer', 'admin']) {
      expect((await (await t.login(user)).get(`/api/v1/intakes/${intake.id}`)).statusCode, user).toBe(403);
    }
    expect((await team.get(`/api/v1/intakes/${randomUUID()}`)).statusCode).toBe(404);
    const denied = await t.database.unguarded.selectFrom('audit_log').select('outcome').where('entity', '=', 'police_intake').where('entity_id', '=', intake.id).where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });
});
