import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { exportCsv } from './export.ts';
import { type ImportOutcome, importCsv } from './import.ts';
import { formatIssue } from './issues.ts';

/**
 * Import and export of the interchange format, in-process on a fresh database (the CLI and the
 * web upload are thin layers over the same function; cli.test and web.test cover them).
 * Every bad file must name the exact line and column, and store nothing.
 */
const HEADER = 'signal_ref,received_at,location,source,child_ref,child_given_name,child_family_name,child_sex,child_birth_date,harm_types,place,perpetrators,description';
const GOOD = [
  HEADER,
  'S-1,2019-03-10T14:00,BG-16-12,police,C-1,Мария,Иванова,female,2010-05-01,physical;psychological,family,father,"Bruises, reported by the school"',
  'S-1,2019-03-10T14:00,BG-16-12,police,C-2,Иван,Иванов,male,2012-07-09,physical;psychological,family,father,"Bruises, reported by the school"',
  'S-2,2019-04-01,Plovdiv,mother,C-1,Мария,Иванова,female,2010-05-01,neglect,,,',
  'S-3,2019-05-02T09:30:00+03:00,BG-16,helpline,C-3,Petar,Petrov,unknown,,sexual,school,teacher;another_child,"=HYPERLINK(""x"")"',
].join('\n');
const MEETINGS = [
  'meeting_ref,held_at,location,type,signal_ref,sectors_present',
  'M-1,2019-03-11T09:00,BG-16-12,initial_signal,S-1,social_services;police',
  'M-2,2019-06-01,Plovdiv,procedural,,social_services;education;health',
].join('\n');

let t: TestApp;
const lines = (o: ImportOutcome) => (o.ok ? [] : o.issues.map(formatIssue));

async function run(text: string | Buffer, type = 'signals', dryRun = false, db = t.database) {
  return importCsv(db.db, systemDoor(db.db, 'test-import'), type, [Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')], { dryRun });
}

async function stored(db = t.database) {
  const r = await sql<{ c: number; s: number; sc: number; m: number; mc: number }>`
    SELECT (SELECT count(*) FROM children)::int AS c, (SELECT count(*) FROM signals)::int AS s, (SELECT count(*) FROM signal_children)::int AS sc,
      (SELECT count(*) FROM meetings)::int AS m, (SELECT count(*) FROM meeting_children)::int AS mc`.execute(db.owner);
  return r.rows[0]!;
}

/** Imports a file that must fail; checks nothing was stored and returns the printed lines. */
async function refused(text: string | Buffer, type = 'signals') {
  const before = await stored();
  const outcome = await run(text, type);
  expect(outcome.ok).toBe(false);
  expect(await stored()).toEqual(before);
  return lines(outcome);
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('importing signals.csv', () => {
  it('stores signals and children, then changes nothing when the same file comes again', async () => {
    const before = await stored();
    const first = await run(`\uFEFF${GOOD}\n`);
    expect(first.ok && first.summary.counts).toEqual({ signals: { created: 3, updated: 0, unchanged: 0 }, children: { created: 3, updated: 0, unchanged: 0 } });
    const after = await stored();
    expect(after.s - before.s).toBe(3);
    expect(after.c - before.c).toBe(3);
    expect(after.sc - before.sc).toBe(4);
    const again = await run(GOOD);
    expect(again.ok && again.summary.counts).toEqual({ signals: { created: 0, updated: 0, unchanged: 3 }, children: { created: 0, updated: 0, unchanged: 3 } });
    expect(await stored()).toEqual(after);

    const s = await sql<{ ref: string; region_code: string; jurisdiction_code: string; unit_id: string | null; screened_at: Date | null; due: number; perpetrators: string[]; place: string }>`
      SELECT ref, region_code, jurisdiction_code, unit_id, screened_at, extract(epoch FROM screening_due_at - received_at)::int AS due, perpetrators, place
      FROM signals WHERE ref IN ('S-1', 'S-2', 'S-3') ORDER BY ref`.execute(t.database.owner);
    // Plovdiv municipality has the demo CPU; a region-only signal has no unit; imported signals are unscreened, due 24 h after receipt.
    expect(s.rows.map((r) => [r.ref, r.jurisdiction_code, r.region_code, r.unit_id !== null, r.screened_at, r.due])).toEqual([
      ['S-1', 'BG-16-12', 'BG-16', true, null, 86_400],
      ['S-2', 'BG-16-12', 'BG-16', true, null, 86_400],
      ['S-3', 'BG-16', 'BG-16', false, null, 86_400],
    ]);
    expect(s.rows[1]!.perpetrators).toEqual(['unknown']);
    expect(s.rows[1]!.place).toBe('unknown');
    const audit = await sql<{ chain: string; action: string; detail: Record<string, unknown> }>`
      SELECT chain, action, detail FROM audit_log WHERE entity = 'signals' AND action = 'import' ORDER BY seq`.execute(t.database.owner);
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0]!.chain).toBe('BG');
    expect(audit.rows[0]!.detail).toMatchObject({ rows: 4, signals_created: 3, children_created: 3 });
    expect(String(audit.rows[0]!.detail.sha256)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(audit.rows)).not.toContain('Иван');
  });

  it('updates a signal whose content changed, and reports it', async () => {
    const changed = GOOD.replace('S-2,2019-04-01,Plovdiv,mother', 'S-2,2019-04-01,Plovdiv,father');
    const outcome = await run(changed);
    expect(outcome.ok && outcome.summary.counts.signals).toEqual({ created: 0, updated: 1, unchanged: 2 });
    await run(GOOD);
  });

  it('counts in a dry run and stores nothing', async () => {
    const before = await stored();
    const outcome = await run(GOOD.replaceAll('S-', 'D-').replaceAll('C-', 'E-'), 'signals', true);
    expect(outcome.ok && outcome.summary).toMatchObject({ dryRun: true, counts: { signals: { created: 3 }, children: { created: 3 } } });
    expect(await stored()).toEqual(before);
  });

  const bad = (row: string) => `${HEADER}\n${GOOD.split('\n')[1]}\n${row}\n`;
  const cases: Array<[string, string, string[]]> = [
    ['unknown codes', bad('S-9,2019-03-10,BG-16-12,polise,C-9,A,B,girl,2010-01-01,hit;physical,home,uncle,'), [
      'line 3, column source: is not a known signal source code',
      'line 3, column harm_types: has an unknown code: hit (not harm type codes)',
      'line 3, column place: is not a known place code',
      'line 3, column perpetrators: has an unknown code: uncle (not perpetrator codes)',
      'line 3, column child_sex: is not a known sex code',
    ]],
    ['an impossible date', bad('S-9,2019-02-30,BG-16-12,police,C-9,A,B,female,2010-02-30,physical,,,'), [
      'line 3, column received_at: is not a real date or time',
      'line 3, column child_birth_date: is not a real calendar date',
    ]],
    ['a future date', bad('S-9,2999-01-01T10:00,BG-16-12,police,,,,,,physical,,,'), ['line 3, column received_at: is in the future']],
    ['a birth date after the signal', bad('S-9,2019-03-10,BG-16-12,police,C-9,A,B,female,2019-03-11,physical,,,'), ['line 3, column child_birth_date: is after the signal was received']],
    ['an unknown location', bad('S-9,2019-03-10,Atlantis,police,,,,,,physical,,,'), ['line 3, column location: is not a known region code, municipality code or municipality name']],
    ['an ambiguous municipality name', bad('S-9,2019-03-10,Byala,police,,,,,,physical,,,'), ['line 3, column location: names more than one municipality; give the municipality code']],
    ['a ref repeated with different content', bad('S-1,2019-03-11T14:00,BG-16-12,police,C-9,A,B,female,2010-01-01,physical;psychological,family,father,"Bruises, reported by the school"'), [
      'line 3, column received_at: differs from line 2 for the same signal_ref',
    ]],
    ['a child_ref repeated with different data', bad('S-9,2019-03-10,BG-16-12,police,C-1,Мария,Иванова,female,2011-05-01,physical,,,'), [
      'line 3, column child_birth_date: differs from line 2 for the same child_ref',
    ]],
    ['a missing field', bad('S-9,2019-03-10,BG-16-12,police,C-9,A,B,female,2010-01-01,physical,,'), ['line 3, column description: is missing: the row has 12 fields, the header 13']],
    ['an extra field', bad('S-9,2019-03-10,BG-16-12,police,C-9,A,B,female,2010-01-01,physical,,,,x'), [
      'line 3, column 14: is one field too many: the row has 14 fields, the header 13 (quote values that contain commas)',
    ]],
    ['no harm type and a blank ref', bad(',2019-03-10,BG-16-12,police,,A,,,,,,,'), [
      'line 3, column signal_ref: is required',
      'line 3, column harm_types: needs at least one code (separate several with ;)',
      'line 3, column child_ref: is required when the child is named',
    ]],
    ['a quote never closed', bad('S-9,2019-03-10,BG-16-12,police,,,,,,physical,,,"open'), ['line 3, column description: a quoted value is never closed (a " is missing)']],
    ['a missing column', `${HEADER.replace(',description', '')}\nS-9,2019-03-10,BG-16-12,police,,,,,,physical,,\n`, ['line 1, column description: is missing from the header']],
    ['an extra column', `${HEADER},urgency\n`, ['line 1, column urgency: is not a column of this file type (expected: ' + HEADER + ')']],
    ['a misnamed column', HEADER.replace('received_at', 'received') + '\n', [
      'line 1, column received: is not a column of this file type (expected: ' + HEADER + ')',
      'line 1, column received_at: is missing from the header',
    ]],
    ['a semicolon file', `${HEADER.replaceAll(',', ';')}\nS-9;2019-03-10;BG-16-12;police;;;;;;physical;;;\n`, [
      'line 1, column 1: the file is not comma-separated (it looks separated by semicolons); save it as CSV with commas',
    ]],
    ['an empty file', '', [`line 1, column signal_ref: the file is empty; its first line must be the header: ${HEADER}`]],
  ];
  for (const [name, text, expected] of cases) {
    it(`refuses ${name}, naming line and column, storing nothing`, async () => {
      expect(await refused(text)).toEqual(expected);
    });
  }

  it('refuses a file that is not UTF-8, naming its line', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\nS-9,2019-03-10,BG-16-12,police,C-9,`), Buffer.from([0xc7, 0x65]), Buffer.from(',B,female,2010-01-01,physical,,,\n')]);
    expect(await refused(latin1)).toEqual(['line 2, column child_given_name: the file is not UTF-8 text (save it as CSV UTF-8)']);
  });

  it('reports every bad row of a file, in line order', async () => {
    const rows = [HEADER, ...Array.from({ length: 30 }, (_, i) => `X-${i},2019-03-10,${i % 2 ? 'Nowhere' : 'BG-16-12'},police,,,,,,physical,,,`)];
    const out = await refused(rows.join('\n'));
    expect(out).toHaveLength(15);
    expect(out[0]).toBe('line 3, column location: is not a known region code, municipality code or municipality name');
    expect(out[14]).toMatch(/^line 31, /);
  });

  it('reads a 50 MB file as a stream and still points at the one bad row', async () => {
    const row = (i: number) => `B-${i},2019-03-10T10:00,BG-16-12,police,BC-${i},Мария,Иванова,female,2010-05-01,physical,family,father,${'x'.repeat(60)}\n`;
    const size = 50 * 1024 * 1024;
    const per = Buffer.byteLength(row(100000));
    const n = Math.floor(size / per);
    async function* file() {
      yield `${HEADER}\n`;
      for (let i = 0; i < n; i += 10_000) {
        let chunk = '';
        for (let j = i; j < Math.min(n, i + 10_000); j++) chunk += j === n - 1 ? row(j).replace('police', 'nobody') : row(j);
        yield chunk;
      }
    }
    const before = await stored();
    const started = Date.now();
    const outcome = await importCsv(t.database.unguarded, systemDoor(t.database.unguarded, 'test'), 'signals', file(), { dryRun: false });
    expect(lines(outcome)).toEqual([`line ${n + 1}, column source: is not a known signal source code`]);
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(await stored()).toEqual(before);
  }, 120_000);
});

describe('importing meetings.csv', () => {
  it('stores meetings with their mandatory sectors and the children of their signal; idempotent', async () => {
    const before = await stored();
    const first = await run(MEETINGS, 'meetings');
    expect(first.ok && first.summary.counts).toEqual({ meetings: { created: 2, updated: 0, unchanged: 0 } });
    const m = await sql<{ ref: string; mandatory_sectors: string[]; sectors_present: string[]; signal: string | null }>`
      SELECT m.ref, m.mandatory_sectors, m.sectors_present, s.ref AS signal FROM meetings m LEFT JOIN signals s ON s.id = m.signal_id
      WHERE m.ref IN ('M-1', 'M-2') ORDER BY m.ref`.execute(t.database.owner);
    expect(m.rows).toEqual([
      { ref: 'M-1', mandatory_sectors: ['social_services', 'police', 'education'], sectors_present: ['social_services', 'police'], signal: 'S-1' },
      { ref: 'M-2', mandatory_sectors: [], sectors_present: ['social_services', 'education', 'health'], signal: null },
    ]);
    expect((await stored()).mc - before.mc).toBe(2);
    const again = await run(MEETINGS, 'meetings');
    expect(again.ok && again.summary.counts).toEqual({ meetings: { created: 0, updated: 0, unchanged: 2 } });
  });

  it('refuses a signal_ref that is not stored, and bad codes, by line and column', async () => {
    const text = `${MEETINGS}\nM-3,2019-03-12,BG-16-12,initial_signal,S-404,police\nM-4,2019-03-12,BG-16-12,meeting,,police;army\n`;
    expect(await refused(text, 'meetings')).toEqual([
      'line 5, column type: is not a known meeting type code',
      'line 5, column sectors_present: has an unknown code: army (not sector codes)',
    ]);
    expect(await refused(`${MEETINGS}\nM-3,2019-03-12,BG-16-12,initial_signal,S-404,police\n`, 'meetings')).toEqual([
      'line 4, column signal_ref: names no signal in your records (import signals.csv first)',
    ]);
  });
});

const S3 = 'S-3,2019-05-02T09:30:00+03:00,BG-16,helpline,C-3,Petar,Petrov,unknown,,sexual,school,teacher;another_child,"\'=HYPERLINK(""x"")"';

describe('export', () => {
  let db2: TestDatabase;
  afterAll(async () => db2?.close());

  async function exported(type: string, db = t.database, query = {}) {
    let out = '';
    for await (const chunk of exportCsv(systemDoor(db.db, 'test-export'), type, query)) out += chunk;
    return out;
  }

  it('writes exactly the interchange columns and neutralises formulas', async () => {
    const text = await exported('signals', t.database, { jurisdiction: 'BG-16', from: '2019-01-01', to: '2019-12-31' });
    const rows = text.trim().split('\n');
    expect(rows[0]).toBe(HEADER);
    expect(text).toContain('"\'=HYPERLINK(""x"")"');
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(rows.filter((r) => r.startsWith('S-'))).toHaveLength(4);
    if (!rows.includes(S3)) console.log(rows);
    expect(rows).toContain(S3);
    const meetings = await exported('meetings', t.database, { jurisdiction: 'BG' });
    expect(meetings.split('\n')[0]).toBe('meeting_ref,held_at,location,type,signal_ref,sectors_present');
  });

  it('round-trips: what one database exports, a fresh one imports, and exports the same again', async () => {
    const signals = await exported('signals');
    const meetings = await exported('meetings');
    db2 = await freshDatabase();
    const a = await run(signals, 'signals', false, db2);
    expect(a.ok, lines(a).join('\n')).toBe(true);
    const b = await run(meetings, 'meetings', false, db2);
    expect(b.ok, lines(b).join('\n')).toBe(true);
    expect(await exported('signals', db2)).toBe(signals);
    expect(await exported('meetings', db2)).toBe(meetings);
    // And back into the first database: nothing changes.
    const c = await run(signals);
    expect(c.ok && c.summary.counts.signals!.created + c.summary.counts.signals!.updated).toBe(0);
  });
});
