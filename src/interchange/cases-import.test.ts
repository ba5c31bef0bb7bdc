import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlinesFor, dueAfterDays } from '../domain/deadlines.ts';
import { loadUserActor } from '../policy/actor.ts';
import { openDoor, systemDoor } from '../policy/door.ts';
import { type TestApp, readAll, startTestApp } from '../testing/app.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { exportCsv } from './export.ts';
import { type ImportOutcome, importCsv } from './import.ts';
import { formatIssue } from './issues.ts';
import { recordTypeNames } from './record-types.ts';

/**
 * cases.csv: the children come from a signals.csv imported first; every bad row is named by
 * line and column and nothing is stored; the same file twice changes nothing; an export
 * imports back as unchanged, and into a fresh database as the same cases.
 */
const SIGNALS = [
  'signal_ref,received_at,location,source,child_ref,child_given_name,child_family_name,child_sex,child_birth_date,harm_types,place,perpetrators,description',
  'S-1,2019-03-10T14:00,BG-16-12,police,C-1,Мария,Иванова,female,2010-05-01,physical,family,father,',
  'S-1,2019-03-10T14:00,BG-16-12,police,C-2,Иван,Иванов,male,2012-07-09,physical,family,father,',
  'S-2,2019-05-02T09:30,BG-16,helpline,C-3,Petar,Petrov,unknown,,sexual,school,teacher,',
].join('\n');
const HEADER = 'case_ref,child_ref,opened_at,unit,status,risk_level,closed_at,closure_reason';
const PLOVDIV = 'Отдел „Закрила на детето“ – Пловдив';
const goodCases = (plovdivId: string) => [
  HEADER,
  `K-1,C-1,2019-03-12,${PLOVDIV},open,high,,`,
  `K-2,C-2,2019-03-12T10:00,${plovdivId},closed,low,2019-06-01T12:00,goals_met`,
  `K-3,C-3,2019-05-03,  отдел „закрила на детето“ – пловдив ,assessed,medium,,`,
].join('\n');

let t: TestApp;
let plovdivId: string;
const lines = (o: ImportOutcome) => (o.ok ? [] : o.issues.map(formatIssue));

async function run(text: string, type = 'cases', db: TestDatabase = t.database) {
  return importCsv(db.db, systemDoor(db.db, 'test-import'), type, [Buffer.from(text, 'utf8')], { dryRun: false });
}

async function exported(db: TestDatabase = t.database) {
  let out = '';
  for await (const chunk of exportCsv(systemDoor(db.db, 'test-export'), 'cases', {})) out += chunk;
  return out;
}

async function stored(db: TestDatabase = t.database) {
  const r = await sql<{ k: number; rl: number; ev: number; v: number }>`
    SELECT (SELECT count(*) FROM cases)::int AS k, (SELECT count(*) FROM case_risk_levels)::int AS rl,
      (SELECT count(*) FROM case_events)::int AS ev, (SELECT coalesce(sum(version), 0) FROM cases)::int AS v`.execute(db.owner);
  return r.rows[0]!;
}

async function refused(text: string) {
  const before = await stored();
  const outcome = await run(text);
  expect(outcome.ok).toBe(false);
  expect(await stored()).toEqual(before);
  return lines(outcome);
}

beforeAll(async () => {
  t = await startTestApp();
  const s = await run(SIGNALS, 'signals');
  expect(s.ok).toBe(true);
  const unit = await sql<{ id: string }>`SELECT id::text AS id FROM organisations WHERE jurisdiction_code = 'BG-16-12' AND is_protection_unit`.execute(t.database.owner);
  plovdivId = unit.rows[0]!.id;
});
afterAll(async () => {
  await t.close();
});

describe('cases.csv', () => {
  it('is a registered record type', () => {
    expect(recordTypeNames()).toContain('cases');
  });

  it('refuses a file with bad rows, naming each line and column, storing nothing', async () => {
    const text = [
      HEADER,
      `K-1,C-1,2019-03-12,${PLOVDIV},open,high,,`,
      `K-9,C-2,2019-02-30,${PLOVDIV},pending,urgent,,`,
      `K-10,C-2,2019-03-12,${PLOVDIV},closed,low,,`,
      `K-11,C-3,2019-03-12,${PLOVDIV},open,low,2019-04-01,goals_met`,
      `,C-3,2019-03-12,,closed,low,2019-04-01,bored`,
      `K-1,C-1,2019-03-13,${PLOVDIV},open,high,,`,
    ].join('\n');
    expect(await refused(text)).toEqual([
      'line 3, column opened_at: is not a real date or time',
      'line 3, column status: must be one of: open, assessed, plan_in_force, closed',
      'line 3, column risk_level: is not a known riskLevel code',
      'line 4, column closed_at: is required',
      'line 4, column closure_reason: is required when status is closed',
      'line 5, column closed_at: must be blank unless status is closed',
      'line 5, column closure_reason: must be blank unless status is closed',
      'line 6, column case_ref: is required',
      "line 6, column unit: is required (the Child Protection Unit's name or id)",
      'line 6, column closure_reason: must be one of: goals_met, turned_18, transferred, moved_abroad, no_longer_at_risk, died, other',
      'line 7, column opened_at: differs from line 2 for the same case_ref',
    ]);
  });

  it('refuses rows only the database can judge: unknown child or unit, future dates, two open cases for a child', async () => {
    const text = [
      HEADER,
      `K-1,C-1,2019-03-12,${PLOVDIV},open,high,,`,
      `K-20,C-404,2019-03-12,${PLOVDIV},open,high,,`,
      'K-21,C-2,2019-03-12,Atlantis CPU,open,high,,',
      `K-22,C-2,2999-03-12,${PLOVDIV},open,high,,`,
      `K-23,C-2,2019-03-12,${PLOVDIV},closed,high,2019-03-01,other`,
      `K-24,C-1,2019-04-12,${PLOVDIV},plan_in_force,low,,`,
    ].join('\n');
    expect(await refused(text)).toEqual([
      'line 3, column child_ref: names no child in your records (import signals.csv first)',
      'line 4, column unit: names no active Child Protection Unit (give its name or id)',
      'line 5, column opened_at: is in the future',
      'line 6, column closed_at: is before opened_at',
      'line 7, column child_ref: has another case not closed in this file (line 2)',
    ]);
  });

  it('lets a supervisor import cases of their own country only', async () => {
    const door = async (username: string) => {
      const u = await sql<{ id: string }>`SELECT id::text AS id FROM users WHERE username = ${username}`.execute(t.database.owner);
      return openDoor(t.database.unguarded, (await loadUserActor(t.database.unguarded, u.rows[0]!.id))!);
    };
    const file = [Buffer.from(`${HEADER}\nK-30,C-1,2019-03-12,${PLOVDIV},closed,low,2019-03-20,other\n`)];
    const before = await stored();
    const albanian = await importCsv(t.database.unguarded, await door('supervisor'), 'cases', file, { dryRun: false });
    expect(lines(albanian)).toEqual(['line 2, column unit: is outside your country']);
    await expect(importCsv(t.database.unguarded, await door('caseworker'), 'cases', file, { dryRun: false })).rejects.toThrow(/supervisors/);
    const dry = await importCsv(t.database.unguarded, await door('b.kasa'), 'cases', file, { dryRun: true });
    expect(lines(dry)).toEqual(['line 2, column unit: is outside your country']);
    expect(await stored()).toEqual(before);
  });

  it('stores cases with their deadlines, risk level and timeline, then changes nothing the second time', async () => {
    const before = await stored();
    const first = await run(goodCases(plovdivId));
    expect(lines(first)).toEqual([]);
    expect(first.ok && first.summary.counts).toEqual({ cases: { created: 3, updated: 0, unchanged: 0 } });
    const after = await stored();
    expect(after.k - before.k).toBe(3);
    expect(after.rl - before.rl).toBe(3);
    // An 'opened' step each, and the assessed case's initial assessment counted as done at import.
    expect(after.ev - before.ev).toBe(4);

    const rows = await sql<{ ref: string; origin: string; status: string; risk_level: string; unit_id: string; opened_at: Date; initial_assessment_due_at: Date; plan_due_at: Date; closed_at: Date | null; closure_reason: string | null; child_ref: string; tz: string }>`
      SELECT k.ref, k.origin, k.status, k.risk_level, k.unit_id::text AS unit_id, k.opened_at, k.initial_assessment_due_at, k.plan_due_at, k.closed_at, k.closure_reason,
        ch.ref AS child_ref, j.timezone AS tz
      FROM cases k JOIN children ch ON ch.country = k.country AND ch.id = k.child_id
      JOIN organisations o ON o.id = k.unit_id JOIN jurisdictions j ON j.code = o.jurisdiction_code
      WHERE k.ref LIKE 'K-%' ORDER BY k.ref`.execute(t.database.owner);
    expect(rows.rows.map((r) => [r.ref, r.child_ref, r.origin, r.status, r.risk_level, r.unit_id === plovdivId, r.closure_reason])).toEqual([
      ['K-1', 'C-1', 'import', 'open', 'high', true, null],
      ['K-2', 'C-2', 'import', 'closed', 'low', true, 'goals_met'],
      ['K-3', 'C-3', 'import', 'assessed', 'medium', true, null],
    ]);
    // Sofia time: 2019-03-12 00:00 local is 2019-03-11 22:00 UTC.
    expect(rows.rows[0]!.opened_at.toISOString()).toBe('2019-03-11T22:00:00.000Z');
    expect(rows.rows[1]!.closed_at?.toISOString()).toBe('2019-06-01T09:00:00.000Z');
    const config = deadlinesFor('BG');
    for (const r of rows.rows) {
      const risk = r.risk_level as 'high' | 'medium' | 'low';
      expect(r.initial_assessment_due_at.getTime()).toBe(dueAfterDays(r.opened_at, config.initialAssessmentDays[risk], r.tz).getTime());
      expect(r.plan_due_at.getTime()).toBe(dueAfterDays(r.opened_at, config.planDays, r.tz).getTime());
    }
    const side = await sql<{ source: string; kind: string; detail: Record<string, unknown> }>`
      SELECT rl.source, e.kind, e.detail FROM cases k
      JOIN case_risk_levels rl ON rl.country = k.country AND rl.case_id = k.id
      JOIN case_events e ON e.country = k.country AND e.case_id = k.id
      WHERE k.ref LIKE 'K-%' AND e.kind = 'opened' ORDER BY k.ref`.execute(t.database.owner);
    expect(side.rows.map((r) => [r.source, r.kind, r.detail.riskLevel])).toEqual([['import', 'opened', 'high'], ['import', 'opened', 'low'], ['import', 'opened', 'medium']]);
    const assessed = await sql<{ ref: string; initial_assessment_at: Date | null; kinds: string[] }>`
      SELECT k.ref, k.initial_assessment_at, array(SELECT e.kind || ':' || (e.detail ->> 'kind') || ':' || (e.detail ->> 'origin') FROM case_events e
        WHERE e.country = k.country AND e.case_id = k.id AND e.kind = 'assessment_recorded') AS kinds
      FROM cases k WHERE k.ref LIKE 'K-%' ORDER BY k.ref`.execute(t.database.owner);
    expect(assessed.rows.map((r) => [r.ref, r.initial_assessment_at === null, r.kinds])).toEqual([
      ['K-1', true, []],
      ['K-2', true, []],
      ['K-3', false, ['assessment_recorded:initial:import']],
    ]);
    // Counted as done at the import, not backdated.
    expect(Math.abs(assessed.rows[2]!.initial_assessment_at!.getTime() - Date.now())).toBeLessThan(10 * 60_000);

    const again = await run(goodCases(plovdivId));
    expect(again.ok && again.summary.counts).toEqual({ cases: { created: 0, updated: 0, unchanged: 3 } });
    expect(await stored()).toEqual(after);

    const audit = await sql<{ chain: string; detail: Record<string, unknown> }>`
      SELECT chain, detail FROM audit_log WHERE entity = 'cases' AND action = 'import' AND outcome = 'ok' ORDER BY seq`.execute(t.database.owner);
    expect(audit.rows.map((r) => [r.chain, r.detail.cases_created, r.detail.cases_unchanged])).toEqual([['BG', 3, 0], ['BG', 0, 3]]);
    expect(JSON.stringify(audit.rows)).not.toContain('C-1');
  });

  it('updates an imported case whose row changed, with a new risk level from the import', async () => {
    const before = await stored();
    const changed = goodCases(plovdivId).replace(`K-1,C-1,2019-03-12,${PLOVDIV},open,high,,`, `K-1,C-1,2019-03-12,${PLOVDIV},plan_in_force,medium,,`);
    const outcome = await run(changed);
    expect(outcome.ok && outcome.summary.counts).toEqual({ cases: { created: 0, updated: 1, unchanged: 2 } });
    const after = await stored();
    expect([after.k - before.k, after.rl - before.rl, after.v - before.v]).toEqual([0, 1, 1]);
    const iaAt = async () => (await sql<{ at: Date | null }>`SELECT initial_assessment_at AS at FROM cases WHERE ref = 'K-1'`.execute(t.database.owner)).rows[0]!.at;
    // Past its initial assessment now: counted as done at this import.
    expect(await iaAt()).not.toBeNull();
    const back = await run(goodCases(plovdivId));
    expect(back.ok && back.summary.counts).toEqual({ cases: { created: 0, updated: 1, unchanged: 2 } });
    // Open again: not assessed.
    expect(await iaAt()).toBeNull();
  });

  it('imported cases are history: no deadline of theirs is overdue, and none is a task', async () => {
    const petrov = await t.login('g.petrov');
    const ids = Object.fromEntries((await sql<{ ref: string; id: string }>`SELECT ref, id::text AS id FROM cases WHERE ref IN ('K-1', 'K-3')`.execute(t.database.owner)).rows.map((r) => [r.ref, r.id]));
    const open = (await petrov.get(`/api/v1/cases/${ids['K-1']}`)).json();
    const assessed = (await petrov.get(`/api/v1/cases/${ids['K-3']}`)).json();
    // Opened in 2019, still open, never assessed here: history, not work the unit is late with.
    expect(open).toMatchObject({ status: 'open', initialAssessmentAt: null, overdue: [] });
    expect(assessed.status).toBe('assessed');
    expect(assessed.initialAssessmentAt).not.toBeNull();
    expect(assessed.overdue).toEqual([]);
    const tasks = (await petrov.get('/api/v1/tasks?scope=unit')).json().items as Array<{ kind: string; id: string }>;
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.filter((x) => x.id === ids['K-1'] || x.id === ids['K-3'])).toEqual([]);
    // The list's overdue filter and flag agree; the list is read whole.
    const list = await readAll<{ id: string; overdue: boolean }>(petrov, '/api/v1/cases');
    const flagged = list.filter((c) => c.id === ids['K-1'] || c.id === ids['K-3']);
    expect(flagged).toHaveLength(2);
    expect(flagged.every((c) => c.overdue === false)).toBe(true);
    const overdueList = (await readAll<{ id: string }>(petrov, '/api/v1/cases?overdue=true')).map((c) => c.id);
    expect(overdueList).not.toContain(ids['K-1']);
    expect(overdueList).not.toContain(ids['K-3']);
  });

  it('exports the same columns, formula-safe, and the export imports back unchanged, and into a fresh database identically', async () => {
    const csv = await exported();
    const [header, ...body] = csv.trimEnd().split('\n');
    expect(header).toBe(HEADER);
    expect(body).toContain(`K-1,C-1,2019-03-12T00:00:00+02:00,${PLOVDIV},open,high,,`);
    expect(body).toContain(`K-2,C-2,2019-03-12T10:00:00+02:00,${PLOVDIV},closed,low,2019-06-01T12:00:00+03:00,goals_met`);
    // Demo cases (made in the app, without ref) are in the export too, by id, and match themselves.
    const total = (await stored()).k;
    expect(body).toHaveLength(total);
    const before = await stored();
    const back = await run(csv);
    expect(lines(back)).toEqual([]);
    expect(back.ok && back.summary.counts).toEqual({ cases: { created: 0, updated: 0, unchanged: total } });
    expect(await stored()).toEqual(before);

    const db2 = await freshDatabase();
    try {
      // Units are written by name: the fresh database has its own Plovdiv unit, with another id.
      await sql`INSERT INTO organisations (country, name, sector, jurisdiction_code, is_protection_unit)
        VALUES ('BG', ${PLOVDIV}, 'social_services', 'BG-16-12', true)`.execute(db2.owner);
      expect((await run(SIGNALS, 'signals', db2)).ok).toBe(true);
      const ours = [HEADER, ...body.filter((l) => l.startsWith('K-'))].join('\n') + '\n';
      const into = await run(ours, 'cases', db2);
      expect(lines(into)).toEqual([]);
      expect(into.ok && into.summary.counts).toEqual({ cases: { created: 3, updated: 0, unchanged: 0 } });
      expect(await exported(db2)).toBe(ours);
    } finally {
      await db2.close();
    }
  });

  it('writes a unit name that looks like a formula as text, and reads it back', async () => {
    await sql`INSERT INTO organisations (country, name, sector, jurisdiction_code, is_protection_unit)
      VALUES ('BG', '=Formula CPU', 'social_services', 'BG-26-02', true)`.execute(t.database.owner);
    const first = await run(`${HEADER}\nK-5,C-3,2019-01-02,=Formula CPU,closed,low,2019-01-03,other\n`);
    expect(lines(first)).toEqual([]);
    const csv = await exported();
    expect(csv).toContain("K-5,C-3,2019-01-02T00:00:00+02:00,'=Formula CPU,closed,low,2019-01-03T00:00:00+02:00,other");
    expect(csv).not.toMatch(/,=Formula/);
    const back = await run(csv);
    expect(back.ok && back.summary.counts.cases!.unchanged).toBe((await stored()).k);
  });
});
