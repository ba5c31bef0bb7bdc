import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AGGREGATE_TABLES } from './report-aggregates.ts';

/**
 * A small hand-built dataset for the report's tests, in Bulgaria (Europe/Sofia), 2011–2013, far
 * from the demo data's dates. Rows are inserted directly (test set-up, below the application).
 * The expected figures for 2012 are worked out by hand in monitoring-report.test.ts.
 */
export type Child = { key: string; sex: 'female' | 'male' | 'unknown'; birth: string | null };
export type Signal = {
  key: string;
  at: string;
  region: string;
  source: string;
  harm: string[];
  place?: string;
  perps?: string[];
  children: string[];
  country?: string;
};
export type Meeting = { at: string; region: string; type: string; unit: 'plovdiv' | 'harmanli' | null; present: string[]; mandatory: string[]; status?: string; municipality?: string };

export const CHILDREN: Child[] = [
  // 8 the day after her first signal (2012-03-10), so 7 then but 8 at her second: counted 4-7.
  { key: 'c1', sex: 'female', birth: '2004-03-11' },
  // Turns 12 on the day of her signal: 12-16.
  { key: 'c2', sex: 'female', birth: '2000-06-01' },
  { key: 'c3', sex: 'male', birth: '1995-12-30' },
  { key: 'c4', sex: 'male', birth: '2001-01-01' },
  // No birth date: counted in the total, in no age group.
  { key: 'c5', sex: 'unknown', birth: null },
  // Signal at 2012-07-14 22:30 UTC = 2012-07-15 01:30 in Sofia, his 4th birthday: 4-7, not 0-3.
  { key: 'c6', sex: 'male', birth: '2008-07-15' },
];

export const SIGNALS: Signal[] = [
  { key: 's1', at: '2012-03-10T08:00:00Z', region: 'BG-16', source: 'police', harm: ['physical', 'psychological'], children: ['c1'] },
  { key: 's2', at: '2012-06-01T09:00:00Z', region: 'BG-16', source: 'mother', harm: ['neglect'], place: 'family', perps: ['father'], children: ['c1', 'c2'] },
  // 23:30 on 31 December in Sofia (21:30 UTC): 2012.
  { key: 's3', at: '2012-12-31T21:30:00Z', region: 'BG-26', source: 'helpline', harm: ['sexual'], place: 'school', perps: ['teacher'], children: ['c3'] },
  // 00:30 on 1 January 2013 in Sofia (22:30 UTC on 31 December): not 2012.
  { key: 's4', at: '2012-12-31T22:30:00Z', region: 'BG-26', source: 'police', harm: ['physical'], children: ['c4'] },
  // 23:30 on 31 December 2011 in Sofia: the previous period.
  { key: 's5', at: '2011-12-31T21:30:00Z', region: 'BG-16', source: 'police', harm: ['physical'], children: ['c1'] },
  // 00:10 on 1 January 2012 in Sofia (22:10 UTC on 31 December 2011): 2012.
  { key: 's6', at: '2011-12-31T22:10:00Z', region: 'BG-16', source: 'anonymous', harm: ['begging'], children: ['c5'] },
  { key: 's7', at: '2012-07-14T22:30:00Z', region: 'BG-16', source: 'education', harm: ['physical'], children: ['c6'] },
  // Five alike, so that a cell of 5 shows next to suppressed ones.
  ...[1, 2, 3, 4, 5].map((i) => ({ key: `n${i}`, at: `2012-04-0${i}T10:00:00Z`, region: 'BG-16', source: 'ngo', harm: ['cyberbullying'], place: 'online', perps: ['another_child'], children: [] })),
  // Another country: never in Bulgaria's report.
  { key: 'al1', at: '2012-05-05T10:00:00Z', region: 'AL-06', source: 'police', harm: ['physical'], children: [], country: 'AL' },
];

export const MEETINGS: Meeting[] = [
  { at: '2012-03-11T09:00:00Z', region: 'BG-16', type: 'initial_signal', unit: 'plovdiv', present: ['social_services', 'police', 'education'], mandatory: ['social_services', 'police', 'education'] },
  { at: '2012-05-02T09:00:00Z', region: 'BG-16', type: 'follow_up', unit: 'plovdiv', present: ['social_services'], mandatory: ['social_services', 'police'] },
  { at: '2012-08-08T09:00:00Z', region: 'BG-26', type: 'crisis_intervention', unit: 'harmanli', present: ['social_services', 'police', 'health'], mandatory: ['social_services', 'police'] },
  { at: '2012-09-09T09:00:00Z', region: 'BG-26', type: 'follow_up', unit: 'harmanli', present: ['social_services'], mandatory: ['social_services'], status: 'cancelled' },
  { at: '2012-10-10T09:00:00Z', region: 'BG-16', type: 'procedural', unit: null, present: [], mandatory: [], status: 'planned' },
  { at: '2011-06-06T09:00:00Z', region: 'BG-16', type: 'follow_up', unit: 'plovdiv', present: ['social_services', 'police'], mandatory: ['social_services', 'police'] },
];

export function insertReportFixture(db: Kysely<DB>): Promise<void> {
  return insertReportData(db, { children: CHILDREN, signals: SIGNALS, meetings: MEETINGS });
}

/** Children, signals and meetings inserted as given (the children's keys must be unique to the database). */
export async function insertReportData(db: Kysely<DB>, data: { children: Child[]; signals: Signal[]; meetings: Meeting[] }): Promise<void> {
  // Two units of its own (made by the first call), so that the fixture does not depend on the demo data.
  const units: Record<string, string> = {};
  for (const [key, municipality] of [['plovdiv', 'BG-16-01'], ['harmanli', 'BG-26-01']] as const) {
    const row = await sql<{ id: string }>`
      INSERT INTO organisations (country, name, sector, jurisdiction_code, is_protection_unit)
      VALUES ('BG', ${`Report fixture unit ${key}`}, 'social_services', ${municipality}, true)
      ON CONFLICT (jurisdiction_code, name) DO UPDATE SET name = EXCLUDED.name RETURNING id`.execute(db);
    units[key] = row.rows[0]!.id;
  }
  const childIds: Record<string, string> = {};
  for (const c of data.children) {
    const row = await sql<{ id: string }>`
      INSERT INTO children (country, unit_id, municipality_code, given_name, family_name, name_key, sex, birth_date)
      VALUES ('BG', NULL, 'BG-16-01', 'Report', ${c.key}, ${`report ${c.key}`}, ${c.sex}, ${c.birth})
      RETURNING id`.execute(db);
    childIds[c.key] = row.rows[0]!.id;
  }
  for (const s of data.signals) {
    const country = s.country ?? 'BG';
    const row = await sql<{ id: string }>`
      INSERT INTO signals (country, ref, received_at, jurisdiction_code, region_code, source, harm_types, place, perpetrators, screening_due_at)
      VALUES (${country}, ${`report-${s.key}`}, ${s.at}, ${`${s.region}-01`}, ${s.region}, ${s.source}, ${s.harm},
              ${s.place ?? 'unknown'}, ${s.perps ?? ['unknown']}, ${s.at}::timestamptz + interval '1 day')
      RETURNING id`.execute(db);
    for (const c of s.children) {
      await sql`INSERT INTO signal_children (country, signal_id, child_id) VALUES (${country}, ${row.rows[0]!.id}, ${childIds[c]!})`.execute(db);
    }
  }
  for (const [i, m] of data.meetings.entries()) {
    await sql`
      INSERT INTO meetings (country, ref, held_at, jurisdiction_code, region_code, unit_id, type, status, sectors_present, mandatory_sectors)
      VALUES ('BG', ${`report-m${i}`}, ${m.at}, ${m.municipality ?? `${m.region}-0${i + 1}`}, ${m.region}, ${m.unit ? units[m.unit]! : null}, ${m.type},
              ${m.status ?? 'held'}, ${m.present}, ${m.mandatory})`.execute(db);
  }
}

/** Every row of the report's aggregates, in order: what a rebuild must leave exactly as it is. */
export async function aggregateRows(db: Kysely<DB>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of AGGREGATE_TABLES) {
    const r = await sql<{ row: string }>`SELECT x::text AS row FROM ${sql.table(table)} x ORDER BY 1`.execute(db);
    out[table] = r.rows.map((x) => x.row);
  }
  return out;
}
