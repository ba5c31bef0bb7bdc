import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { exportCsv } from '../interchange/export.ts';
import { type ImportOutcome, importCsv } from '../interchange/import.ts';
import { formatIssue } from '../interchange/issues.ts';
import { loadUserActor } from '../policy/actor.ts';
import { type Door, openDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { DEMO_INSTITUTIONS } from './institution-demo.ts';

/**
 * residents.csv: every bad row by line and column and nothing stored; the same file twice
 * changes nothing; a stored resident is not changed by a file; the unit's export imports back
 * unchanged; another unit's supervisor finds none of these cases.
 */
let t: TestApp;
const HEADER = 'resident_ref,case_ref,institution,admitted_on,admission_reasons,parental_rights,family_contact,left_on,transition_target';
const INST = DEMO_INSTITUTIONS.AL.name;
beforeAll(async () => { t = await startTestApp(); }, 120_000);
afterAll(() => t?.close());

async function doorOf(username: string): Promise<Door> {
  const user = await t.database.unguarded.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return openDoor(t.database.db, (await loadUserActor(t.database.unguarded, user.id))!);
}
const run = async (username: string, text: string) => importCsv(t.database.db, await doorOf(username), 'residents', [Buffer.from(text, 'utf8')], { dryRun: false });
const lines = (o: ImportOutcome) => (o.ok ? [] : o.issues.map(formatIssue));
const residents = async () => Number((await t.database.unguarded.selectFrom('institution_residents').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const demoCase = async (ref: string) => (await t.database.unguarded.selectFrom('institution_residents').select('case_id').where('ref', '=', ref).executeTakeFirstOrThrow()).case_id;

describe('residents.csv', () => {
  it('names every bad row by line and column and stores nothing', async () => {
    const a = await openTestCase(t);
    const before = await residents();
    // The file's shape first (nothing is looked up while a row is malformed) …
    const shape = await run('supervisor', [
      HEADER,
      `R-1,${a.caseId},${INST},2020-02-30,poverty,both_parents,regular,,`,
      `R-3,${a.caseId},${INST},2020-01-01,poverty,both_parents,regular,2019-01-01,foster_care`,
      `R-5,${a.caseId},${INST},2020-01-01,poverty;dreams,maybe,regular,,foster_care`,
      `R-7,${a.caseId},${INST},2020-01-01,poverty,both_parents,regular,${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)},foster_care`,
    ].join('\n'));
    expect(lines(shape)).toEqual([
      'line 2, column admitted_on: is not a real calendar date',
      'line 3, column left_on: is before admitted_on',
      'line 4, column admission_reasons: has an unknown code: dreams (not diAdmissionReason codes)',
      'line 4, column parental_rights: is not a known parentalRights code',
      'line 4, column transition_target: must be blank unless left_on is given',
      'line 5, column left_on: is in the future',
    ]);
    // … then what the database knows: the institution, the case, its current placement.
    const known = await run('supervisor', [
      HEADER,
      `R-2,${a.caseId},Nowhere,2020-01-01,poverty,both_parents,regular,,`,
      `R-4,00000000-0000-4000-8000-000000000000,${INST},2020-01-01,poverty,both_parents,regular,,`,
      `R-6,${await demoCase('AL-DI-001')},${INST},2020-01-01,poverty,both_parents,regular,,`,
      `R-8,${a.caseId},${INST},2020-01-01,poverty,both_parents,regular,,`,
    ].join('\n'));
    expect(lines(known)).toEqual([
      'line 2, column institution: names no active residential care institution (give its name or id)',
      'line 3, column case_ref: names no case in your records (import cases.csv first)',
      'line 4, column case_ref: already has a current placement',
    ]);
    expect(await residents()).toBe(before);
  });

  it('imports current and past residences once; a changed row is refused; the export imports back unchanged', async () => {
    const a = await openTestCase(t);
    const b = await openTestCase(t);
    const file = [
      HEADER,
      `IMP-1,${a.caseId},${INST},2024-03-01,abandonment;disability,restricted,none,,`,
      `IMP-2,${b.caseId},${INST},2019-01-01,poverty,both_parents,occasional,2020-06-01,foster_care`,
    ].join('\n');
    const first = await run('supervisor', file);
    expect(first.ok && first.summary.counts.residents).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const again = await run('supervisor', file);
    expect(again.ok && again.summary.counts.residents).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const placements = (await (await t.login('caseworker')).get(`/api/v1/cases/${b.caseId}/placements`)).json().items;
    expect(placements.map((p: { kind: string; startedOn: string; endedOn: string }) => [p.kind, p.startedOn, p.endedOn])).toEqual([['residential_institution', '2019-01-01', '2020-06-01']]);
    const changed = await run('supervisor', file.replace('restricted,none', 'removed,none'));
    expect(lines(changed)).toEqual(['line 2, column resident_ref: differs from the stored resident with this resident_ref; change it in the app']);

    let csv = '';
    for await (const chunk of exportCsv(await doorOf('supervisor'), 'residents', {})) csv += chunk;
    expect(csv.split(/\r?\n/)[0]).toBe(HEADER);
    expect(csv).toContain(`IMP-2,${b.caseId},${INST},2019-01-01,poverty,both_parents,occasional,2020-06-01,foster_care`);
    expect(csv).toContain('AL-DI-002');
    expect(csv).not.toContain('BG-DI-001');
    const back = await run('supervisor', csv);
    expect(back.ok, lines(back).join('\n')).toBe(true);
    expect(back.ok && back.summary.counts.residents?.created).toBe(0);
  });

  it("another unit's supervisor finds none of these cases; a caseworker does not import", async () => {
    const a = await openTestCase(t);
    const out = await run('b.kasa', [HEADER, `X-1,${a.caseId},${INST},2024-03-01,poverty,both_parents,regular,,`].join('\n'));
    expect(lines(out)).toEqual(['line 2, column case_ref: names no case in your records (import cases.csv first)']);
    await expect(run('caseworker', [HEADER, `X-1,${a.caseId},${INST},2024-03-01,poverty,both_parents,regular,,`].join('\n'))).rejects.toThrow(/supervisors/);
  });
});
