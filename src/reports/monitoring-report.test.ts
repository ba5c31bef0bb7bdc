import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitoringReport } from './report-schema.ts';
import { TAXONOMIES, ageGroupOf, ageOn } from '../domain/taxonomies.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { runHandWrittenReport } from './hand-written-sql.ts';
import { assembleReport, emptyFigures, harmTypeShare, previousPeriod } from './monitoring-figures.ts';
import { computeMonitoringReport } from './monitoring-report.ts';
import { insertReportFixture } from './report-fixture.ts';

/** The report's figures on the hand-built dataset of report-fixture.ts, worked out by hand. */
let database: TestDatabase;
const Y2012 = { from: '2012-01-01', to: '2012-12-31' };
const BG_REGIONS = Array.from({ length: 28 }, (_, i) => `BG-${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  database = await freshDatabase();
  await insertReportFixture(database.owner);
});
afterAll(() => database?.close());

const report = (jurisdiction: string, suppress = false, period = Y2012) => computeMonitoringReport(database.unguarded, { ...period, jurisdiction }, { suppress });
const zeros = (codes: readonly string[], set: Record<string, number>) => ({ ...Object.fromEntries(codes.map((c) => [c, 0])), ...set });

describe('monitoring report figures', () => {
  it('counts Bulgaria in 2012 exactly, every code present with zeros', async () => {
    const r = await report('BG');
    expect(MonitoringReport.parse(r)).toEqual(r);
    // s1, s2, s3 (23:30 local on 31 Dec), s6 (00:10 local on 1 Jan), s7, five from an NGO.
    expect(r.signals.total).toBe(10);
    expect(r.signals.bySource).toEqual(zeros(TAXONOMIES.signalSource, { police: 1, mother: 1, helpline: 1, anonymous: 1, education: 1, ngo: 5 }));
    // s1 has two harm types and counts under both: the breakdown sums to 11 for 10 signals.
    expect(r.signals.byHarmType).toEqual(zeros(TAXONOMIES.harmType, { physical: 2, psychological: 1, neglect: 1, sexual: 1, begging: 1, cyberbullying: 5 }));
    expect(r.harmTypeShare.physical).toBe(20);
    expect(r.harmTypeShare.cyberbullying).toBe(50);
    expect(r.harmTypeShare.trafficking).toBe(0);
    // A blank place or perpetrator is `unknown`.
    expect(r.signals.byPlace).toEqual(zeros(TAXONOMIES.place, { unknown: 3, family: 1, school: 1, online: 5 }));
    expect(r.signals.byPerpetrator).toEqual(zeros(TAXONOMIES.perpetrator, { unknown: 3, father: 1, teacher: 1, another_child: 5 }));
    // c1 (twice: counted once, 7 at her first signal), c2 (12 that day), c3, c5 (no birth date), c6.
    expect(r.children.total).toBe(5);
    const cells = Object.fromEntries(TAXONOMIES.ageGroup.map((g) => [g, zeros(TAXONOMIES.sex, {})]));
    cells['4-7'] = zeros(TAXONOMIES.sex, { female: 1, male: 1 });
    cells['12-16'] = zeros(TAXONOMIES.sex, { female: 1 });
    cells['17-18'] = zeros(TAXONOMIES.sex, { male: 1 });
    expect(r.children.byAgeGroupAndSex).toEqual(cells);
    // The cancelled meeting does not count; the planned one does.
    expect(r.meetings.total).toBe(4);
    expect(r.meetings.byType).toEqual({ initial_signal: 1, follow_up: 1, crisis_intervention: 1, procedural: 1 });
    expect(r.meetings.byRegion).toEqual({ ...Object.fromEntries(BG_REGIONS.map((c) => [c, 0])), 'BG-16': 3, 'BG-26': 1 });
    expect(r.meetings.byMandatorySector).toEqual({ social_services: 3, police: 2, education: 1, lackingOne: 1 });
    // Two units and the municipality of the meeting without a unit.
    expect(r.meetings.teamsThatMet).toBe(3);
    expect(r.suppressed).toBe(false);
  });

  it('compares with the previous period of the same length', async () => {
    const r = await report('BG');
    expect(r.previous.period).toEqual({ from: '2011-01-01', to: '2011-12-31' });
    expect(r.previous.signals.total).toBe(1);
    expect(r.previous.signals.bySource.police).toBe(1);
    expect(r.previous.children.total).toBe(1);
    expect(r.previous.children.byAgeGroupAndSex['4-7']!.female).toBe(1);
    expect(r.previous.meetings.total).toBe(1);
    expect(r.previous.meetings.byRegion['BG-16']).toBe(1);
    // The period after 2012 starts with the 00:30 signal of 1 January 2013 (local time).
    const next = await report('BG', false, { from: '2013-01-01', to: '2013-01-31' });
    expect(next.signals.total).toBe(1);
    expect(next.children.byAgeGroupAndSex['12-16']!.male).toBe(1);
    expect(next.previous.period).toEqual({ from: '2012-12-01', to: '2012-12-31' });
    expect(next.previous.signals.total).toBe(1);
  });

  it('a region counts its own signals, children and meetings; byRegion has that region', async () => {
    const r = await report('BG-16');
    expect(r.jurisdiction).toBe('BG-16');
    expect(r.signals.total).toBe(9);
    expect(r.children.total).toBe(4);
    expect(r.meetings.total).toBe(3);
    expect(r.meetings.byRegion).toEqual({ 'BG-16': 3 });
    const haskovo = await report('BG-26');
    expect(haskovo.signals.total).toBe(1);
    expect(haskovo.children.byAgeGroupAndSex['17-18']!.male).toBe(1);
    expect(haskovo.meetings.byRegion).toEqual({ 'BG-26': 1 });
  });

  it('suppresses cells of 1 to 4 below country level when asked, with the zeros beside them and totals of 1 to 4', async () => {
    const region = await report('BG-16', true);
    expect(region.suppressed).toBe(true);
    expect(region.signals.bySource.police).toBeNull();
    expect(region.signals.bySource.ngo).toBe(5);
    // A zero beside hidden cells would say where the hidden signals are not: hidden too.
    expect(region.signals.bySource.father).toBeNull();
    expect(region.signals.byHarmType.cyberbullying).toBe(5);
    expect(region.signals.byHarmType.physical).toBeNull();
    expect(region.harmTypeShare.physical).toBeNull();
    expect(region.harmTypeShare.cyberbullying).toBe(55.6);
    // 4 children: the total is hidden, and every cell of the table with it.
    expect(region.children.total).toBeNull();
    expect(Object.values(region.children.byAgeGroupAndSex).flatMap((c) => Object.values(c)).every((n) => n === null)).toBe(true);
    // 3 meetings: likewise.
    expect(region.meetings.total).toBeNull();
    expect(region.meetings.byRegion['BG-16']).toBeNull();
    expect(region.meetings.teamsThatMet).toBeNull();
    expect(region.previous.signals.total).toBeNull();
    expect(region.previous.signals.bySource.police).toBeNull();
    // A total of 5 or more stays.
    expect(region.signals.total).toBe(9);
    // At country level only the breakdown by region is below country level; its zeros go with its small cells.
    const country = await report('BG', true);
    expect(country.signals.bySource.police).toBe(1);
    expect(country.meetings.total).toBe(4);
    expect(country.meetings.byRegion['BG-16']).toBeNull();
    expect(country.meetings.byRegion['BG-01']).toBeNull();
    // The same figures otherwise.
    const open = await report('BG');
    expect({ ...country, meetings: { ...country.meetings, byRegion: null }, previous: null, generatedAt: null, suppressed: null })
      .toEqual({ ...open, meetings: { ...open.meetings, byRegion: null }, previous: null, generatedAt: null, suppressed: null });
  });

  it('the hand-written SQL gives the same figures', async () => {
    for (const jurisdiction of ['BG', 'BG-16', 'BG-26']) {
      for (const period of [Y2012, { from: '2011-01-01', to: '2011-12-31' }, { from: '2012-12-31', to: '2013-01-01' }]) {
        const r = await report(jurisdiction, false, period);
        const regions = jurisdiction === 'BG' ? BG_REGIONS : [jurisdiction];
        const hand = await runHandWrittenReport(database.unguarded, { ...period, jurisdiction }, regions);
        const prev = await runHandWrittenReport(database.unguarded, { ...previousPeriod(period), jurisdiction }, regions);
        const { jurisdiction: _j, harmTypeShare: _h, previous, suppressed: _s, generatedAt: _g, ...current } = r;
        expect(current, `${jurisdiction} ${period.from}`).toEqual(hand);
        expect(previous, `${jurisdiction} previous of ${period.from}`).toEqual(prev);
      }
    }
  });

  it('another country never counts, and a period without data is all zeros', async () => {
    const al = await report('AL');
    expect(al.signals.total).toBe(1);
    expect(al.meetings.byRegion).toHaveProperty('AL-12', 0);
    const empty = await report('BG', false, { from: '2005-01-01', to: '2005-12-31' });
    expect(empty.signals.total).toBe(0);
    expect(Object.values(empty.signals.byHarmType).every((n) => n === 0)).toBe(true);
    expect(Object.values(empty.harmTypeShare).every((n) => n === 0)).toBe(true);
    expect(Object.keys(empty.children.byAgeGroupAndSex)).toEqual([...TAXONOMIES.ageGroup]);
  });
});

describe('report rules', () => {
  it('the previous period: whole months by months, other periods by days', () => {
    expect(previousPeriod({ from: '2020-01-01', to: '2020-12-31' })).toEqual({ from: '2019-01-01', to: '2019-12-31' });
    expect(previousPeriod({ from: '2020-01-01', to: '2020-03-31' })).toEqual({ from: '2019-10-01', to: '2019-12-31' });
    expect(previousPeriod({ from: '2020-03-01', to: '2020-03-31' })).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(previousPeriod({ from: '2020-03-05', to: '2020-03-11' })).toEqual({ from: '2020-02-27', to: '2020-03-04' });
    expect(previousPeriod({ from: '2019-06-15', to: '2019-06-15' })).toEqual({ from: '2019-06-14', to: '2019-06-14' });
  });

  it('harm type shares are of all signals, to one decimal', () => {
    expect(harmTypeShare({ a: 1, b: 2, c: null, d: 0 }, 3)).toEqual({ a: 33.3, b: 66.7, c: null, d: 0 });
  });

  it('the SQL age group agrees with ageGroupOf at the birthday boundaries', () => {
    expect(ageGroupOf(ageOn('2004-03-11', '2012-03-10'))).toBe('4-7');
    expect(ageGroupOf(ageOn('2004-03-11', '2012-03-11'))).toBe('8-11');
    expect(ageGroupOf(ageOn('1993-01-01', '2012-01-01'))).toBeNull();
  });

  it('suppression marks the report only when a cell was hidden', () => {
    const f = emptyFigures({ from: '2012-01-01', to: '2012-12-31' }, ['BG-16']);
    const none = assembleReport('BG-16', f, f, { suppress: true, regionLevel: true });
    expect(none.suppressed).toBe(false);
    f.signals.bySource.police = 4;
    f.signals.bySource.ngo = 5;
    const some = assembleReport('BG-16', f, f, { suppress: true, regionLevel: true });
    expect(some.suppressed).toBe(true);
    expect(some.signals.bySource.police).toBeNull();
    expect(some.signals.bySource.ngo).toBe(5);
  });
});
