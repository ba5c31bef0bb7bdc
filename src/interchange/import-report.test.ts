import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDoor } from '../policy/door.ts';
import { runHandWrittenReport } from '../reports/hand-written-sql.ts';
import { computeMonitoringReport } from '../reports/monitoring-report.ts';
import { rebuildReportAggregates } from '../reports/report-aggregates.ts';
import { aggregateRows } from '../reports/report-fixture.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { importCsv } from './import.ts';

/**
 * An import keeps the monitoring report's aggregates exactly as a rebuild from the records would
 * make them, and the report read from them equal to hand-written SQL over the records: the
 * children it creates counted from its staged rows (report_first_links, migration 0026), the
 * changes to stored children and signals through the report's triggers — a
 * child seen on several days, in two regions, at a local midnight, without a birth date; a later
 * file that names a stored child on a new signal, adds a new child to a stored signal, moves a
 * signal to another day and corrects a child's birth date; the same file again.
 */
let database: TestDatabase;

const HEADER = 'signal_ref,received_at,location,source,child_ref,child_given_name,child_family_name,child_sex,child_birth_date,harm_types,place,perpetrators,description';
const FIRST = [
  HEADER,
  'RS-1,2019-03-10T14:00,BG-16-12,police,RC-1,Мария,Иванова,female,2010-05-01,physical,family,father,',
  'RS-1,2019-03-10T14:00,BG-16-12,police,RC-2,Иван,Иванов,male,2015-07-09,physical,family,father,',
  'RS-2,2019-03-10T18:00,BG-16-12,mother,RC-1,Мария,Иванова,female,2010-05-01,neglect,,,',
  // 00:30 on 11 March in Sofia: the child's next local day.
  'RS-3,2019-03-10T22:30:00Z,BG-01-01,helpline,RC-1,Мария,Иванова,female,2010-05-01,neglect,,,',
  'RS-4,2019-05-02T09:30:00+03:00,BG-01-01,helpline,RC-3,Petar,Petrov,unknown,,sexual,school,teacher,',
  'RS-5,2019-06-01,Plovdiv,ngo,RC-2,Иван,Иванов,male,2015-07-09,begging,street,unknown,',
  'RS-6,2019-06-02,Plovdiv,ngo,,,,,,begging,street,unknown,',
].join('\n');
const SECOND = [
  HEADER,
  // A stored child on a new signal, with a new child; a stored signal given a new child.
  'RS-7,2019-01-05,BG-16-12,police,RC-1,Мария,Иванова,female,2010-05-01,physical,family,father,',
  'RS-7,2019-01-05,BG-16-12,police,RC-9,Ана,Иванова,female,2018-01-02,physical,family,father,',
  'RS-6,2019-06-02,Plovdiv,ngo,RC-10,Борис,Борисов,male,2001-06-03,begging,street,unknown,',
  // A stored signal moved to another day, and a stored child's birth date corrected.
  'RS-5,2019-07-01,Plovdiv,ngo,RC-2,Иван,Иванов,male,2014-07-09,begging,street,unknown,',
].join('\n');

async function run(text: string) {
  const outcome = await importCsv(database.db, systemDoor(database.db, 'test-import'), 'signals', [Buffer.from(text, 'utf8')], { dryRun: false });
  expect(outcome.ok).toBe(true);
  return outcome.ok ? outcome.summary.counts : null;
}

const aggregates = () => aggregateRows(database.owner);

async function expectRebuildChangesNothing() {
  const before = await aggregates();
  expect(before.report_child_counts!.length).toBeGreaterThan(0);
  await rebuildReportAggregates(systemDoor(database.db, 'test'));
  expect(await aggregates()).toEqual(before);
}

/** The report read from the aggregates equals hand-written SQL over the records (src/reports/). */
async function expectReportEqualsTheRecords() {
  const regions = Array.from({ length: 28 }, (_, i) => `BG-${String(i + 1).padStart(2, '0')}`);
  for (const [jurisdiction, inside] of [['BG', regions], ['BG-16', ['BG-16']], ['BG-01', ['BG-01']]] as const) {
    for (const period of [{ from: '2019-01-01', to: '2019-12-31' }, { from: '2019-03-11', to: '2019-06-30' }, { from: '2019-03-10', to: '2019-03-10' }]) {
      const { jurisdiction: _j, harmTypeShare: _h, previous: _p, suppressed: _s, generatedAt: _g, ...figures } =
        await computeMonitoringReport(database.unguarded, { ...period, jurisdiction }, { suppress: false });
      expect(figures, `${jurisdiction} ${period.from}…${period.to}`).toEqual(await runHandWrittenReport(database.unguarded, { ...period, jurisdiction }, [...inside]));
    }
  }
}

beforeAll(async () => {
  database = await freshDatabase();
}, 120_000);
afterAll(() => database?.close());

describe('an import and the report\'s aggregates', () => {
  it('counts the children it creates as a rebuild would, and as the records say', async () => {
    expect(await run(FIRST)).toEqual({ signals: { created: 6, updated: 0, unchanged: 0 }, children: { created: 3, updated: 0, unchanged: 0 } });
    await expectRebuildChangesNothing();
    await expectReportEqualsTheRecords();
  });

  it('follows a later file\'s changes to stored children and signals, and its new children', async () => {
    expect(await run(SECOND)).toEqual({ signals: { created: 1, updated: 2, unchanged: 0 }, children: { created: 2, updated: 1, unchanged: 1 } });
    await expectRebuildChangesNothing();
    await expectReportEqualsTheRecords();
    // The same file again changes nothing, the aggregates included.
    const before = await aggregates();
    expect(await run(SECOND)).toEqual({ signals: { created: 0, updated: 0, unchanged: 3 }, children: { created: 0, updated: 0, unchanged: 4 } });
    expect(await aggregates()).toEqual(before);
  });
});
