import { CountryFile } from './country-file.ts';
import al from './countries/AL.json' with { type: 'json' };
import bg from './countries/BG.json' with { type: 'json' };

/** The jurisdictions shipped with the system: Albania and Bulgaria, validated on load. */
export const SHIPPED_COUNTRIES: CountryFile[] = [CountryFile.parse(al), CountryFile.parse(bg)];

export interface JurisdictionRow {
  code: string;
  country: string;
  level: 'country' | 'region' | 'municipality';
  parentCode: string | null;
  nameLocal: string;
  nameEn: string;
  timezone: string;
}

/** One row per jurisdiction: the country, then its regions, then its municipalities (parents first). */
export function flattenCountry(country: CountryFile): JurisdictionRow[] {
  const base = { country: country.code, timezone: country.timezone };
  const rows: JurisdictionRow[] = [
    { ...base, code: country.code, level: 'country', parentCode: null, nameLocal: country.nameLocal, nameEn: country.nameEn },
  ];
  for (const r of country.regions) {
    rows.push({ ...base, code: r.code, level: 'region', parentCode: country.code, nameLocal: r.nameLocal, nameEn: r.nameEn });
  }
  for (const r of country.regions) {
    for (const m of r.municipalities) {
      rows.push({ ...base, code: m.code, level: 'municipality', parentCode: r.code, nameLocal: m.nameLocal, nameEn: m.nameEn });
    }
  }
  return rows;
}
