import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatestPeriod } from './report-schema.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { emptyFigures } from './monitoring-figures.ts';
import { hasShownFigure, localToday } from './report-latest.ts';

/**
 * The period the report page opens on (GET /reports/monitoring/latest-period): the latest year
 * whose report, as the reader gets it, shows a figure — year to date in the current year —,
 * through the report's scope, audited, and never telling a monitor of a year whose figures are
 * all hidden from them.
 */
let t: TestApp;
const url = (jurisdiction: string) => `/api/v1/reports/monitoring/latest-period?jurisdiction=${jurisdiction}`;
const thisYear = Number(localToday('Europe/Sofia').slice(0, 4));

async function signals(region: string, at: string, n: number) {
  for (let i = 0; i < n; i++) {
    await sql`
      INSERT INTO signals (country, ref, received_at, jurisdiction_code, region_code, source, harm_types, place, perpetrators, screening_due_at)
      VALUES ('BG', ${`latest-${region}-${at}-${i}`}, ${at}::timestamptz, ${`${region}-01`}, ${region}, 'ngo', ${['neglect']}, 'family', ${['unknown']},
              ${at}::timestamptz + interval '1 day')`.execute(t.database.owner);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  // Varna (BG-03): 7 signals in 2019, 2 in 2021 (a total a monitor never sees), none since.
  await signals('BG-03', '2019-05-05T10:00:00Z', 7);
  await signals('BG-03', '2021-03-03T10:00:00Z', 2);
  // Burgas (BG-02): 6 signals a minute ago — this year.
  await signals('BG-02', new Date(Date.now() - 60_000).toISOString(), 6);
  // Ruse (BG-18): one signal in 2017, then nothing; a signal on 1 January 2016 at 00:30 in Sofia (22:30 UTC the day before) is 2016 there.
  await signals('BG-18', '2017-02-02T10:00:00Z', 1);
  await signals('BG-18', '2015-12-31T22:30:00Z', 5);
}, 120_000);
afterAll(() => t?.close());

describe('GET /reports/monitoring/latest-period', () => {
  it('a supervisor, who sees every figure, gets the latest year with signals', async () => {
    const c = await t.login('g.petrov');
    const res = await c.get(url('BG-03'));
    expect(res.statusCode).toBe(200);
    expect(LatestPeriod.parse(res.json())).toEqual({ jurisdiction: 'BG-03', period: { from: '2021-01-01', to: '2021-12-31' }, yearToDate: false });
    // One signal is a figure for a supervisor; years are the country's local years.
    expect((await c.get(url('BG-18'))).json().period).toEqual({ from: '2017-01-01', to: '2017-12-31' });
  });

  it('a monitor is not sent to a year whose every figure is hidden from them', async () => {
    const c = await t.login('d.angelov');
    expect((await c.get(url('BG-03'))).json()).toEqual({ jurisdiction: 'BG-03', period: { from: '2019-01-01', to: '2019-12-31' }, yearToDate: false });
    // 2017's single signal is hidden; the five of 1 January 2016 (local day) are shown.
    expect((await c.get(url('BG-18'))).json().period).toEqual({ from: '2016-01-01', to: '2016-12-31' });
    // A region without any signal or meeting: no period.
    expect((await c.get(url('BG-05'))).json()).toEqual({ jurisdiction: 'BG-05', period: null, yearToDate: false });
  });

  it('the current year with data gives the year to date', async () => {
    const res = (await (await t.login('g.petrov')).get(url('BG-02'))).json();
    expect(res).toEqual({ jurisdiction: 'BG-02', period: { from: `${thisYear}-01-01`, to: localToday('Europe/Sofia') }, yearToDate: true });
  });

  it('defaults to the reader’s country, goes through the report’s scope, and is audited', async () => {
    const national = (await (await t.login('monitor')).get('/api/v1/reports/monitoring/latest-period')).json();
    expect(national.jurisdiction).toBe('AL');
    expect((await (await t.login('monitor')).get(url('BG-03'))).statusCode).toBe(403);
    for (const user of ['caseworker', 'admin', 'partner']) expect((await (await t.login(user)).get(url('BG-03'))).statusCode, user).toBe(403);
    expect((await (await t.login('g.petrov')).get(url('XX'))).statusCode).toBe(400);
    expect((await t.anonymous.get(url('BG-03'))).statusCode).toBe(401);
    const rows = await t.database.owner.selectFrom('audit_log').select(['chain', 'actor_name', 'outcome', 'entity_id', 'detail']).where('action', '=', 'report').execute();
    expect(rows).toContainEqual(expect.objectContaining({ chain: 'BG', actor_name: 'd.angelov', outcome: 'ok', entity_id: 'BG-03', detail: expect.objectContaining({ format: 'latest-period', jurisdiction: 'BG-03', suppressed: true }) }));
    expect(rows).toContainEqual(expect.objectContaining({ chain: 'AL', actor_name: 'monitor', outcome: 'denied', detail: expect.objectContaining({ format: 'latest-period', jurisdiction: 'BG-03' }) }));
  });
});

describe('hasShownFigure', () => {
  it('is true only for a figure above zero; zeros and hidden figures are no data', () => {
    const empty = emptyFigures({ from: '2020-01-01', to: '2020-12-31' }, ['BG-16']);
    expect(hasShownFigure(empty)).toBe(false);
    expect(hasShownFigure({ ...empty, signals: { ...empty.signals, total: null, bySource: { ngo: null, police: 0 } } })).toBe(false);
    expect(hasShownFigure({ ...empty, meetings: { ...empty.meetings, byMandatorySector: { ...empty.meetings.byMandatorySector, police: 1 } } })).toBe(true);
    expect(hasShownFigure({ ...empty, children: { ...empty.children, byAgeGroupAndSex: { '0-3': { female: 2 } } } })).toBe(true);
  });

  it('localToday is the day in the zone, not in UTC', () => {
    expect(localToday('Europe/Sofia', new Date('2020-12-31T22:30:00Z'))).toBe('2021-01-01');
    expect(localToday('Europe/Tirane', new Date('2020-12-31T22:30:00Z'))).toBe('2020-12-31');
  });
});
