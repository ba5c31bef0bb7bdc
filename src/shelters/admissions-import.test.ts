import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { exportCsv } from '../interchange/export.ts';
import { type ImportOutcome, importCsv } from '../interchange/import.ts';
import { formatIssue } from '../interchange/issues.ts';
import { loadUserActor } from '../policy/actor.ts';
import { type Door, openDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { DEMO_SHELTERS } from './shelter-demo.ts';

/**
 * shelter_admissions.csv: every bad row by line and column and nothing stored; the same file
 * twice changes nothing; a dry run stores nothing; the case's placement is written from the
 * admission (one record, one number); the unit's export is formula-safe and imports back
 * unchanged; another unit finds none of these cases; a shelter's staff neither import nor export.
 */
let t: TestApp;
const HEADER = 'admission_ref,case_ref,shelter,admitted_on,referred_by,harm_types,emergency,companion_name,companion_relation,discharged_on,destination,discharged_with';
const SHELTER = DEMO_SHELTERS[0]!.name;
/** The shelter's name as a CSV cell (it holds quotes). */
const SHELTER_CELL = `"${SHELTER.replaceAll('"', '""')}"`;
beforeAll(async () => { t = await startTestApp(); }, 120_000);
afterAll(() => t?.close());

async function doorOf(username: string): Promise<Door> {
  const user = await t.database.unguarded.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return openDoor(t.database.db, (await loadUserActor(t.database.unguarded, user.id))!);
}
const run = async (username: string, text: string, dryRun = false) =>
  importCsv(t.database.db, await doorOf(username), 'shelter_admissions', [Buffer.from(text, 'utf8')], { dryRun });
const lines = (o: ImportOutcome) => (o.ok ? [] : o.issues.map(formatIssue));
const count = async (table: 'shelter_admissions' | 'placements') =>
  Number((await t.database.unguarded.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
async function exported(username: string): Promise<string> {
  let csv = '';
  for await (const chunk of exportCsv(await doorOf(username), 'shelter_admissions', {})) csv += chunk;
  return csv;
}

describe('shelter_admissions.csv', () => {
  it('names every bad row by line and column and stores nothing', async () => {
    const a = await openTestCase(t);
    const before = [await count('shelter_admissions'), await count('placements')];
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const shape = await run('supervisor', [
      HEADER,
      `S-1,${a.caseId},${SHELTER_CELL},2024-02-30,unit_case,neglect,no,,,,,`,
      `S-2,${a.caseId},${SHELTER_CELL},2024-03-01,neighbour,neglect;dreams,maybe,,mother,,family,`,
      `S-3,${a.caseId},${SHELTER_CELL},2024-03-01,unit_case,neglect,no,Mira,,2024-02-01,home,`,
      `S-4,${a.caseId},${SHELTER_CELL},${soon},unit_case,,no,,,,,`,
    ].join('\n'));
    expect(lines(shape)).toEqual([
      'line 2, column admitted_on: is not a real calendar date',
      'line 3, column referred_by: must be one of: unit_case, police_station, self_referral',
      'line 3, column harm_types: has an unknown code: dreams (not harm type codes)',
      'line 3, column emergency: must be one of: yes, no',
      'line 3, column companion_relation: must be blank unless companion_name is given',
      'line 3, column destination: must be blank unless discharged_on is given',
      'line 4, column companion_relation: is required',
      'line 4, column destination: must be one of: family, kinship_care, foster_care, residential_care, independent_living, other',
      'line 4, column discharged_on: is before admitted_on',
      'line 5, column admitted_on: is in the future',
      'line 5, column harm_types: needs at least one code (separate several with ;)',
    ]);
    // … then what the database knows: the shelter, the case, a stay or placement already current.
    const b = await openTestCase(t);
    const staying = await run('supervisor', [HEADER, `S-0,${b.caseId},${SHELTER_CELL},2024-01-01,unit_case,neglect,no,,,,,`].join('\n'));
    expect(staying.ok).toBe(true);
    const known = await run('supervisor', [
      HEADER,
      `S-5,${a.caseId},Nowhere,2024-03-01,unit_case,neglect,no,,,,,`,
      `S-6,00000000-0000-4000-8000-000000000000,${SHELTER_CELL},2024-03-01,unit_case,neglect,no,,,,,`,
      `S-7,${b.caseId},${SHELTER_CELL},2024-03-01,unit_case,neglect,no,,,,,`,
      `S-8,${a.caseId},${SHELTER_CELL},2024-03-01,unit_case,neglect,no,,,,,`,
      `S-9,${a.caseId},${SHELTER_CELL},2024-04-01,police_station,neglect,yes,,,,,`,
    ].join('\n'));
    expect(lines(known)).toEqual([
      'line 2, column shelter: names no active shelter (give its name or id)',
      'line 3, column case_ref: names no case in your records (import cases.csv first)',
      'line 4, column case_ref: is already staying in a shelter (a current admission)',
      'line 6, column case_ref: is already staying in a shelter (a current admission)',
    ]);
    expect([await count('shelter_admissions'), await count('placements')]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('imports current and past stays once, with the case placement written from them; a dry run stores nothing; a changed row is refused', async () => {
    const a = await openTestCase(t);
    const b = await openTestCase(t);
    const file = [
      HEADER,
      `IMP-1,${a.caseId},${SHELTER_CELL},2024-03-01,unit_case,neglect;physical,no,Mira Hoxha,mother,,,`,
      `IMP-2,${b.caseId},${SHELTER_CELL},2023-01-10,police_station,neglect,yes,,,2023-02-20,kinship_care,Grandmother`,
    ].join('\n');
    const before = [await count('shelter_admissions'), await count('placements')];
    const dry = await run('supervisor', file, true);
    expect(lines(dry)).toEqual([]);
    expect(dry.ok && dry.summary).toMatchObject({ dryRun: true, counts: { shelter_admissions: { created: 2, updated: 0, unchanged: 0 } } });
    expect([await count('shelter_admissions'), await count('placements')]).toEqual(before);

    const first = await run('supervisor', file);
    expect(first.ok && first.summary.counts.shelter_admissions).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const again = await run('supervisor', file);
    expect(again.ok && again.summary.counts.shelter_admissions).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect([await count('shelter_admissions'), await count('placements')]).toEqual([before[0]! + 2, before[1]! + 2]);

    const caseworker = await t.login('caseworker');
    const past = (await caseworker.get(`/api/v1/cases/${b.caseId}/placements`)).json().items;
    expect(past.map((p: { kind: string; startedOn: string; endedOn: string }) => [p.kind, p.startedOn, p.endedOn])).toEqual([['emergency_shelter', '2023-01-10', '2023-02-20']]);
    const current = (await caseworker.get(`/api/v1/cases/${a.caseId}/placements`)).json().items;
    expect(current.map((p: { kind: string; startedOn: string; endedOn: string | null }) => [p.kind, p.startedOn, p.endedOn])).toEqual([['emergency_shelter', '2024-03-01', null]]);
    const stay = await t.database.unguarded.selectFrom('shelter_admissions as s').innerJoin('placements as p', 'p.admission_id', 's.id')
      .select(['s.emergency', 's.linked_at', 's.link_due_at', 's.responsible_unit_id', 'p.case_id']).where('s.ref', '=', 'IMP-2').executeTakeFirstOrThrow();
    expect(stay.case_id).toBe(b.caseId);
    expect(stay.emergency && stay.linked_at !== null && stay.link_due_at !== null).toBe(true);

    const changed = await run('supervisor', file.replace('neglect;physical', 'neglect'));
    expect(lines(changed)).toEqual(['line 2, column admission_ref: differs from the stored admission with this admission_ref; change it in the app']);
  });

  it('exports the unit\'s stays formula-safe, and the export imports back unchanged', async () => {
    const a = await openTestCase(t);
    const row = `FX-1,${a.caseId},${SHELTER_CELL},2022-05-01,self_referral,neglect,no,,,2022-05-09,other,=HYPERLINK(1)`;
    expect((await run('supervisor', [HEADER, row].join('\n'))).ok).toBe(true);
    const csv = await exported('supervisor');
    expect(csv.split('\n')[0]).toBe(HEADER);
    expect(csv).toContain(`FX-1,${a.caseId},${SHELTER_CELL},2022-05-01,self_referral,neglect,no,,,2022-05-09,other,'=HYPERLINK(1)`);
    expect(csv).toContain('IMP-2,');
    const back = await run('supervisor', csv);
    expect(back.ok, lines(back).join('\n')).toBe(true);
    expect(back.ok && back.summary.counts.shelter_admissions?.created).toBe(0);
  });

  it("another unit neither finds these cases nor exports these stays; a shelter's staff neither import nor export", async () => {
    const a = await openTestCase(t);
    const row = `X-1,${a.caseId},${SHELTER_CELL},2024-03-01,unit_case,neglect,no,,,,,`;
    expect(lines(await run('b.kasa', [HEADER, row].join('\n')))).toEqual(['line 2, column case_ref: names no case in your records (import cases.csv first)']);
    // The stored IMP-1 is the Korçë unit's: another unit naming it is refused, not shown.
    expect(lines(await run('b.kasa', [HEADER, `IMP-1,${a.caseId},${SHELTER_CELL},2024-03-01,unit_case,neglect,no,,,,,`].join('\n'))))
      .toEqual(['line 2, column admission_ref: names an admission outside your records']);
    const other = await exported('b.kasa');
    expect(other).not.toContain('IMP-1');
    expect(other).not.toContain('FX-1');
    await expect(run('a.shelter', [HEADER, row].join('\n'))).rejects.toThrow(/supervisors/);
    await expect(exported('a.shelter')).rejects.toThrow(/supervisors/);
    await expect(run('caseworker', [HEADER, row].join('\n'))).rejects.toThrow(/supervisors/);
  });
});
