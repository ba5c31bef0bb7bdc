import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The reference data an import resolves against, loaded once per file: locations (a region's
 * ISO code, or a municipality's code or local or English name) and each municipality's Child
 * Protection Unit. Names are matched without regard to case; a name two municipalities share
 * ("Byala") must be given by code.
 */
export type Place = {
  code: string;
  regionCode: string;
  country: string;
  zone: string;
  /** The CPU of the municipality; null for a region, or a municipality without one. */
  unitId: string | null;
};

export type LocationResult = Place | 'unknown' | 'ambiguous';

export class ReferenceIndex {
  private readonly byCode = new Map<string, Place>();
  private readonly byName = new Map<string, Place[]>();
  readonly zones = new Map<string, string>();
  readonly regionsOf = new Map<string, string[]>();
  private readonly cache = new Map<string, LocationResult>();

  static async load(db: Kysely<DB>): Promise<ReferenceIndex> {
    const [jurisdictions, units] = await Promise.all([
      db.selectFrom('jurisdictions').select(['code', 'country', 'level', 'parent_code', 'name_local', 'name_en', 'timezone']).execute(),
      db
        .selectFrom('organisations')
        .select(['id', 'jurisdiction_code'])
        .where('is_protection_unit', '=', true)
        .where('active', '=', true)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    ]);
    const index = new ReferenceIndex();
    const unitOf = new Map<string, string>();
    for (const u of units) if (!unitOf.has(u.jurisdiction_code)) unitOf.set(u.jurisdiction_code, u.id);
    for (const j of jurisdictions) {
      if (j.level === 'country') {
        index.zones.set(j.country, j.timezone);
        continue;
      }
      const place: Place = {
        code: j.code,
        regionCode: j.level === 'region' ? j.code : (j.parent_code ?? j.code),
        country: j.country,
        zone: j.timezone,
        unitId: j.level === 'municipality' ? (unitOf.get(j.code) ?? null) : null,
      };
      index.byCode.set(j.code.toUpperCase(), place);
      if (j.level === 'region') {
        const list = index.regionsOf.get(j.country) ?? [];
        list.push(j.code);
        index.regionsOf.set(j.country, list);
      } else {
        for (const name of new Set([norm(j.name_local), norm(j.name_en)])) {
          const list = index.byName.get(name) ?? [];
          list.push(place);
          index.byName.set(name, list);
        }
      }
    }
    for (const list of index.regionsOf.values()) list.sort();
    return index;
  }

  locate(text: string): LocationResult {
    const hit = this.cache.get(text);
    if (hit) return hit;
    let result: LocationResult = this.byCode.get(text.toUpperCase()) ?? 'unknown';
    if (result === 'unknown') {
      const named = this.byName.get(norm(text));
      if (named) result = named.length === 1 ? named[0]! : 'ambiguous';
    }
    if (this.cache.size < 100_000) this.cache.set(text, result);
    return result;
  }

  zoneOf(country: string): string {
    return this.zones.get(country) ?? 'UTC';
  }
}

function norm(name: string): string {
  return name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}
