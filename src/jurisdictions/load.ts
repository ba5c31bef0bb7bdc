import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type CountryFile, CountryFile as CountrySchema } from '../domain/reference/country-file.ts';
import { SHIPPED_COUNTRIES, flattenCountry } from '../domain/reference/reference.ts';

/** Inserts or updates a country's jurisdictions; returns how many rows it wrote. Idempotent. */
export async function loadCountry(db: Kysely<DB>, country: CountryFile): Promise<number> {
  const rows = flattenCountry(CountrySchema.parse(country)).map((r) => ({
    code: r.code,
    country: r.country,
    level: r.level,
    parent_code: r.parentCode,
    name_local: r.nameLocal,
    name_en: r.nameEn,
    timezone: r.timezone,
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
          })),
        )
        .execute();
    }
  });
  return rows.length;
}

/** Loads Albania and Bulgaria, shipped with the system. */
export async function loadShippedReference(db: Kysely<DB>): Promise<void> {
  for (const country of SHIPPED_COUNTRIES) await loadCountry(db, country);
}
