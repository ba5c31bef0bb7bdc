import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingDeadlinesError, deadlinesFor } from '../domain/deadlines.ts';
import { CountryFile } from '../domain/reference/country-file.ts';
import { openCase } from '../cases/case-open.ts';
import { systemDoor } from '../policy/door.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { loadCountry, loadCountryDeadlines } from './load.ts';

/**
 * A country without deadline configuration is refused with a clear error, never given another
 * country's deadlines: its file must carry them, and work that needs one in a country that has
 * none (a database loaded before the rule) is refused with 409.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

const DEADLINES = {
  screeningHours: 12, initialMeetingHours: 12, crisisMeetingHours: 1, actionItemDefaultDays: 5,
  initialAssessmentDays: { high: 5, medium: 10, low: 10 }, planDays: 20, planReviewDays: { high: 20, medium: 60, low: 60 },
  referralResponseDays: 3, referralCompletionDays: 40,
};
const country = (code: string, withDeadlines: boolean) => ({
  code, nameLocal: `Land ${code}`, nameEn: `Land ${code}`, timezone: 'Europe/Belgrade', languages: ['sq'],
  regions: [{ code: `${code}-01`, nameLocal: 'North', nameEn: 'North', municipalities: [{ code: `${code}-01-AA`, nameLocal: 'Aa', nameEn: 'Aa' }] }],
  ...(withDeadlines ? { deadlines: DEADLINES } : {}),
});
const rowsOf = (code: string) => database.owner.selectFrom('jurisdictions').select(['code', 'deadlines']).where('country', '=', code).orderBy('code').execute();

describe('deadline configuration per country', () => {
  it('the shipped countries have theirs; any other country has none, and says so (409)', () => {
    expect(deadlinesFor('AL').screeningHours).toBe(24);
    expect(deadlinesFor('BG').referralResponseDays).toBeGreaterThan(0);
    let error: unknown;
    try {
      deadlinesFor('XQ');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingDeadlinesError);
    expect(error).toMatchObject({ statusCode: 409, message: expect.stringContaining('XQ has no deadline configuration') });
  });

  it('a country file without deadlines is refused, naming the field, and nothing is stored', async () => {
    const parsed = CountryFile.safeParse(country('XQ', false));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['deadlines', 'is required: XQ has no deadline configuration (format: src/domain/reference/deadlines/AL.json)'],
    ]);
    await expect(loadCountry(database.owner, country('XQ', false) as CountryFile)).rejects.toThrow(/deadlines/);
    expect(await rowsOf('XQ')).toEqual([]);
    // Albania's file may leave them out: they ship with the system.
    expect(CountryFile.safeParse({ ...country('AL', false), regions: [{ code: 'AL-01', nameLocal: 'a', nameEn: 'a', municipalities: [{ code: 'AL-01-AA', nameLocal: 'a', nameEn: 'a' }] }] }).success).toBe(true);
  });

  it('a country file with deadlines is loaded with them: kept on the country row, in force at once and after a restart', async () => {
    await loadCountry(database.owner, country('XR', true) as CountryFile);
    const rows = await rowsOf('XR');
    expect(rows.map((r) => r.code)).toEqual(['XR', 'XR-01', 'XR-01-AA']);
    expect(rows[0]!.deadlines).toEqual(DEADLINES);
    expect(rows.slice(1).map((r) => r.deadlines)).toEqual([null, null]);
    expect(deadlinesFor('XR')).toEqual(DEADLINES);
    // A restart reads them back from the database (here: a country whose row carries them, not yet known to the process).
    await database.owner.insertInto('jurisdictions').values({
      code: 'XS', country: 'XS', level: 'country', parent_code: null, name_local: 'XS', name_en: 'XS', timezone: 'Europe/Belgrade', deadlines: JSON.stringify({ ...DEADLINES, planDays: 25 }),
    }).execute();
    expect(() => deadlinesFor('XS')).toThrow(MissingDeadlinesError);
    await loadCountryDeadlines(database.owner);
    expect(deadlinesFor('XS').planDays).toBe(25);
  });

  it('opening a case in a country loaded before the rule, without deadlines, is refused with 409 and stores nothing', async () => {
    const db = database.owner;
    await db.insertInto('jurisdictions').values([
      { code: 'XT', country: 'XT', level: 'country', parent_code: null, name_local: 'XT', name_en: 'XT', timezone: 'Europe/Belgrade' },
      { code: 'XT-01', country: 'XT', level: 'region', parent_code: 'XT', name_local: 'r', name_en: 'r', timezone: 'Europe/Belgrade' },
      { code: 'XT-01-AA', country: 'XT', level: 'municipality', parent_code: 'XT-01', name_local: 'm', name_en: 'm', timezone: 'Europe/Belgrade' },
    ]).execute();
    const unit = await db.insertInto('organisations').values({ country: 'XT', name: 'XT unit', sector: 'social_services', jurisdiction_code: 'XT-01-AA', is_protection_unit: true })
      .returning('id').executeTakeFirstOrThrow();
    const child = await db.insertInto('children').values({
      country: 'XT', unit_id: unit.id, municipality_code: 'XT-01-AA', given_name: 'Ana', family_name: 'Test', name_key: 'ana test', sex: 'female',
    }).returning('id').executeTakeFirstOrThrow();
    const opening = openCase(systemDoor(db, 'test'), { childId: child.id, riskLevel: 'high' });
    await expect(opening).rejects.toBeInstanceOf(MissingDeadlinesError);
    await expect(opening).rejects.toMatchObject({ statusCode: 409 });
    expect(await db.selectFrom('cases').select('id').where('country', '=', 'XT').execute()).toEqual([]);
  });
});
