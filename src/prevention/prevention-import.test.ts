import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCsv } from '../interchange/export.ts';
import { type ImportOutcome, importCsv } from '../interchange/import.ts';
import { formatIssue } from '../interchange/issues.ts';
import { loadUserActor } from '../policy/actor.ts';
import { type Door, openDoor, systemDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { PREVENTION_COLUMNS } from './prevention-csv.ts';

/**
 * prevention_activities.csv: bad rows by line and column and nothing stored; the same file twice
 * changes nothing; a stored activity is not changed by a file; the unit's export imports back
 * unchanged; another unit's supervisor may not import the Korçë unit's activities.
 */
let t: TestApp;
const HEADER = PREVENTION_COLUMNS.join(',');
const UNIT = 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë';
beforeAll(async () => { t = await startTestApp(); }, 120_000);
afterAll(() => t?.close());

async function doorOf(username: string): Promise<Door> {
  const user = await t.database.unguarded.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return openDoor(t.database.db, (await loadUserActor(t.database.unguarded, user.id))!);
}
const run = async (door: Door, text: string, dryRun = false) => importCsv(t.database.db, door, 'prevention_activities', [Buffer.from(text, 'utf8')], { dryRun });
const lines = (o: ImportOutcome) => (o.ok ? [] : o.issues.map(formatIssue));
const count = async () => Number((await t.database.unguarded.selectFrom('prevention_activities').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
/** A row: girls 12–16 and boys 12–16 given, the other reach columns blank. */
const row = (ref: string, over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = { activity_ref: ref, organisation: UNIT, held_on: '2025-05-10', place: 'school', municipality: 'AL-06-03', topic: 'bullying', title: 'Session', facilitators: 'NJMF Korçë;Shkolla', girls_12_16: '12', boys_12_16: '9', parents: '0', teachers: '2', professionals: '0', children_co_organised: 'true', ...over };
  return PREVENTION_COLUMNS.map((c) => v[c] ?? '').join(',');
};

describe('prevention_activities.csv', () => {
  it('names every bad row by line and column and stores nothing', async () => {
    const before = await count();
    const out = await run(await doorOf('supervisor'), [
      HEADER,
      row('P-1', { held_on: '2025-02-30' }),
      row('P-2', { topic: 'sports', girls_12_16: 'many' }),
      row('P-3', { girls_12_16: '', boys_12_16: '', teachers: '0' }),
      row('P-4', { organisation: 'Nobody' }),
      row('P-5', { municipality: 'AL-03-03' }),
      row('P-6', { children_co_organised: 'maybe' }),
      row('P-7'),
    ].join('\n'));
    expect(lines(out)).toEqual([
      'line 2, column held_on: is not a real calendar date',
      'line 3, column girls_12_16: must be a whole number',
      'line 3, column topic: is not a known code',
      'line 4, column girls_0_3: no child or adult reached: give at least one count',
      'line 7, column children_co_organised: must be true or false',
    ].map((l) => expect.stringContaining(l.split(': ')[0]!)) as never);
    expect(await count()).toBe(before);
    const second = await run(await doorOf('supervisor'), [HEADER, row('P-4', { organisation: 'Nobody' }), row('P-5', { municipality: 'AL-03-03' }), row('P-7')].join('\n'));
    expect(lines(second)).toEqual([
      'line 2, column organisation: names no active organisation (give its name or id)',
      "line 3, column municipality: is outside the organisation's jurisdiction",
    ]);
    expect(await count()).toBe(before);
  });

  it('imports once; the same file again changes nothing; a changed row is refused; a dry run stores nothing', async () => {
    const door = await doorOf('supervisor');
    const file = [HEADER, row('IMP-1'), row('IMP-2', { topic: 'online_safety', held_on: '2025-06-01' }), row('IMP-1')].join('\n');
    const before = await count();
    const dry = await run(door, file, true);
    expect(dry.ok && dry.summary.counts.prevention_activities).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await count()).toBe(before);
    const first = await run(door, file);
    expect(first.ok && first.summary.counts.prevention_activities).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const again = await run(door, file);
    expect(again.ok && again.summary.counts.prevention_activities).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const changed = await run(door, [HEADER, row('IMP-1', { title: 'Another title' })].join('\n'));
    expect(lines(changed)).toEqual(['line 2, column activity_ref: differs from the stored activity with this activity_ref; change it in the app']);
    expect(await count()).toBe(before + 2);
    // Another unit's supervisor may not import for the Korçë unit.
    expect(lines(await run(await doorOf('b.kasa'), [HEADER, row('IMP-9')].join('\n')))).toEqual(['line 2, column organisation: is not your organisation']);
  });

  it("the unit's export imports back unchanged; the CLI's system handle imports any organisation's", async () => {
    const door = await doorOf('supervisor');
    let csv = '';
    for await (const chunk of exportCsv(door, 'prevention_activities', { from: '2025-01-01', to: '2025-12-31' })) csv += chunk;
    expect(csv.split(/\r?\n/)[0]).toBe(HEADER);
    expect(csv).toContain('IMP-2');
    const back = await run(door, csv);
    expect(back.ok && back.summary.counts.prevention_activities?.created).toBe(0);
    const system = await run(systemDoor(t.database.db, 'cli-import'), [HEADER, row('SYS-1', { organisation: 'Център за обществена подкрепа – Пловдив', municipality: 'BG-16-12' })].join('\n'));
    expect(system.ok && system.summary.counts.prevention_activities).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
  it('through the API: the supervisor imports and exports the file; a provider may not', async () => {
    const supervisor = await t.login('supervisor');
    const res = await supervisor.request('POST', '/api/v1/imports/prevention_activities', Buffer.from([HEADER, row('HTTP-1', { held_on: '2025-07-01' })].join('\n')), { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.prevention_activities).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const csv = await supervisor.get('/api/v1/exports/prevention_activities.csv?from=2025-07-01&to=2025-07-01');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split(/\r?\n/).filter(Boolean)).toHaveLength(2);
    expect(csv.body).toContain('HTTP-1');
    expect((await (await t.login('provider')).get('/api/v1/exports/prevention_activities.csv')).statusCode).toBe(403);
  });
});
