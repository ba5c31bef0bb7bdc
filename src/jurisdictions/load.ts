import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type CountryFile, CountryFile as CountrySchema } from '../domain/reference/country-file.ts';
import { type DeadlineConfig, configureDeadlines } from '../domain/deadlines.ts';
import { SHIPPED_COUNTRIES, flattenCountry } from '../domain/reference/reference.ts';

/**
 * Inserts or updates a country's jurisdictions, and its deadlines when the file carries them (a
 * file without them is refused unless they ship with the system); returns how many rows it
 * wrote. Idempotent.
 */
export async function loadCountry(db: Kysely<DB>, country: CountryFile): Promise<number> {
  const parsed = CountrySchema.parse(country);
  const deadlines = parsed.deadlines ? JSON.stringify(parsed.deadlines) : null;
  const rows = flattenCountry(parsed).map((r) => ({
    code: r.code,
    country: r.country,
    level: r.level,
    parent_code: r.parentCode,
    name_local: r.nameLocal,
    name_en: r.nameEn,
    timezone: r.timezone,
    deadlines: r.level === 'country' ? deadlines : null,
  }));
  await db.transaction().execute(async (tx) => {
    // Parents first: the rows come country, regions, municipalities.
    for (let i = 0; i < rows.length; i += 200) {
      await tx
        .insertInto('jurisdictions')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name_local: eb.ref('excluded.name_local'),
            name_en: eb.ref('excluded.name_en'),
            timezone: eb.ref('excluded.timezone'),
            parent_code: eb.ref('excluded.parent_code'),
            level: eb.ref('excluded.level'),
            deadlines: eb.ref('excluded.deadlines'),
          })),
        )
        .execute();
    }
  });
  if (parsed.deadlines) configureDeadlines(parsed.code, parsed.deadlines);
  return rows.length;
}

/** Makes the deadlines of the countries loaded from files known to this process (at start). */
export async function loadCountryDeadlines(db: Kysely<DB>): Promise<void> {
  const rows = await db.selectFrom('jurisdictions').select(['code', 'deadlines']).where('level', '=', 'country').where('deadlines', 'is not', null).execute();
  for (const r of rows) configureDeadlines(r.code, r.deadlines as DeadlineConfig);
}

/** Loads Albania and Bulgaria, shipped with the system. */
export async function loadShippedReference(db: Kysely<DB>): Promise<void> {
  for (const country of SHIPPED_COUNTRIES) await loadCountry(db, country);
}
