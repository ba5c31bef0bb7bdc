import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { generate } from './generator/generate.ts';
import { type ImportOutcome, importCsv } from './import.ts';
import { formatIssue } from './issues.ts';

/**
 * signals.csv streams: rows are validated as they are read and staged in the import's
 * transaction, the checks across rows run over the staged rows (signals-stage.ts). A large-ish
 * generated file with one problem on its very last line must store nothing at all; the same file
 * without it stores everything, and again changes nothing.
 */
let t: TestApp;
const ROWS = 20_000;
const generated = generate({ seed: 16, year: 2019, country: 'BG', signals: ROWS, refPrefix: 'st16' });
const csv = generated.signalsCsv.trimEnd();
// Physical lines (a quoted description may hold a line break): what the problems are numbered by.
const lines = csv.split('\n');
const HEADER = lines[0]!;

async function run(text: string) {
  return importCsv(t.database.db, systemDoor(t.database.db, 'test-stream'), 'signals', [Buffer.from(text, 'utf8')], { dryRun: false });
}
const printed = (o: ImportOutcome) => (o.ok ? [] : o.issues.map(formatIssue));

async function stored() {
  return (await sql<{ c: number; s: number; sc: number; b: number }>`
    SELECT (SELECT count(*) FROM children)::int AS c, (SELECT count(*) FROM signals)::int AS s,
      (SELECT count(*) FROM signal_children)::int AS sc, (SELECT count(*) FROM bulk_access)::int AS b`.execute(t.database.owner)).rows[0]!;
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('a large signals.csv, streamed', () => {
  it('with a bad value on its last line: that line is named and nothing is stored', async () => {
    const before = await stored();
    const last = lines.length;
    const cells = lines[last - 1]!.split(',');
    cells[3] = 'nobody';
    const outcome = await run([...lines.slice(0, -1), cells.join(',')].join('\n'));
    expect(printed(outcome)).toEqual([`line ${last}, column source: is not a known signal source code`]);
    expect(await stored()).toEqual(before);
  }, 120_000);

  it('with a row on its last line that contradicts the first row of its signal: nothing is stored', async () => {
    const before = await stored();
    const first = lines[1]!.split(',');
    first[1] = '2019-01-01T00:00';
    const outcome = await run(`${csv}\n${first.join(',')}`);
    expect(printed(outcome)).toEqual([`line ${lines.length + 1}, column received_at: differs from line 2 for the same signal_ref`]);
    expect(await stored()).toEqual(before);
  }, 120_000);

  it('checks across rows as a read row after row would: a row whose child differs is not its signal\'s first row', async () => {
    const text = [
      HEADER,
      'X-1,2019-03-10,BG-16-12,police,XC-1,A,B,female,2010-05-01,physical,family,father,',
      // Its child differs from line 2: only that is reported, and it does not count as X-2's first row.
      'X-2,2019-03-11,BG-16-12,police,XC-1,A,C,female,2010-05-01,physical,family,father,',
      'X-2,2019-03-12,BG-16-12,police,XC-2,D,E,male,,physical,family,father,',
      // Differs from line 4 (X-2's first good row); its child is then not X-2's.
      'X-2,2019-03-13,BG-16-12,police,XC-3,F,G,male,,physical,family,father,',
      'X-2,2019-03-12,BG-16-12,police,XC-3,F,G,male,,physical,family,father,',
      'X-2,2019-03-12,BG-16-12,police,XC-2,D,E,male,,physical,family,father,',
    ].join('\n');
    const before = await stored();
    expect(printed(await run(text))).toEqual([
      'line 3, column child_family_name: differs from line 2 for the same child_ref',
      'line 5, column received_at: differs from line 4 for the same signal_ref',
      'line 7, column child_ref: repeats the child of an earlier row of this signal',
    ]);
    expect(await stored()).toEqual(before);
  });

  it('without problems: every row is stored in one go, and the same file again changes nothing', async () => {
    const before = await stored();
    const first = await run(csv);
    if (!first.ok) throw new Error(printed(first).slice(0, 3).join('; '));
    const { signals, children } = first.summary.counts;
    expect(first.summary.rows).toBe(generated.signalRows);
    expect(signals!.created).toBeGreaterThan(ROWS / 2);
    expect(signals!.updated + signals!.unchanged).toBe(0);
    const after = await stored();
    expect(after.s - before.s).toBe(signals!.created);
    expect(after.c - before.c).toBe(children!.created);
    expect(after.b - before.b).toBe(children!.created);

    const again = await run(csv);
    if (!again.ok) throw new Error(printed(again).slice(0, 3).join('; '));
    expect(again.summary.counts).toEqual({
      signals: { created: 0, updated: 0, unchanged: signals!.created },
      children: { created: 0, updated: 0, unchanged: children!.created },
    });
    expect(await stored()).toEqual(after);
  }, 240_000);
});
