import { describe, expect, it } from 'vitest';
import { TAXONOMIES, TAXONOMY_NAMES } from '../taxonomies.ts';
import { CountryFile } from './country-file.ts';
import { SHIPPED_COUNTRIES, flattenCountry } from './reference.ts';
import alRaw from './countries/AL.json' with { type: 'json' };
import bgRaw from './countries/BG.json' with { type: 'json' };
import en from '../i18n/locales/en/taxonomy.json' with { type: 'json' };
import sq from '../i18n/locales/sq/taxonomy.json' with { type: 'json' };
import bgLabels from '../i18n/locales/bg/taxonomy.json' with { type: 'json' };

function country(code: string): CountryFile {
  const c = SHIPPED_COUNTRIES.find((x) => x.code === code);
  if (!c) throw new Error(`missing ${code}`);
  return c;
}
const al = country('AL');
const bg = country('BG');
const seq = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
const municipalities = (c: CountryFile) => c.regions.flatMap((r) => r.municipalities.map((m) => ({ ...m, region: r.code })));
const regionOf = (c: CountryFile, nameEn: string) => municipalities(c).filter((m) => m.nameEn === nameEn).map((m) => m.region);

describe('shipped countries', () => {
  it('both files pass the schema', () => {
    expect(CountryFile.safeParse(alRaw).success).toBe(true);
    expect(CountryFile.safeParse(bgRaw).success).toBe(true);
    expect(SHIPPED_COUNTRIES.map((c) => c.code)).toEqual(['AL', 'BG']);
  });

  it('Albania has 12 counties and 61 municipalities', () => {
    expect(al.timezone).toBe('Europe/Tirane');
    expect(al.languages).toEqual(['sq']);
    expect(al.regions.map((r) => r.code)).toEqual(seq('AL', 12));
    expect(municipalities(al)).toHaveLength(61);
    const counts = Object.fromEntries(al.regions.map((r) => [r.code, r.municipalities.length]));
    expect(counts).toEqual({
      'AL-01': 5, 'AL-02': 3, 'AL-03': 7, 'AL-04': 6, 'AL-05': 7, 'AL-06': 6,
      'AL-07': 3, 'AL-08': 3, 'AL-09': 4, 'AL-10': 5, 'AL-11': 5, 'AL-12': 7,
    });
  });

  it('Bulgaria has 28 districts and 265 municipalities with the official per-district counts', () => {
    expect(bg.timezone).toBe('Europe/Sofia');
    expect(bg.languages).toEqual(['bg']);
    expect(bg.regions.map((r) => r.code)).toEqual(seq('BG', 28));
    expect(municipalities(bg)).toHaveLength(265);
    const expected = [14, 13, 12, 10, 11, 10, 4, 8, 7, 9, 8, 11, 12, 6, 11, 18, 7, 8, 7, 4, 10, 1, 22, 11, 5, 11, 10, 5];
    expect(expected.reduce((a, b) => a + b, 0)).toBe(265);
    expect(bg.regions.map((r) => r.municipalities.length)).toEqual(expected);
  });

  it('municipality codes start with their region code, are numbered alphabetically, and are unique', () => {
    const collator = new Intl.Collator('en', { sensitivity: 'base' });
    const all: string[] = [];
    for (const c of SHIPPED_COUNTRIES) {
      for (const r of c.regions) {
        expect(r.code.startsWith(`${c.code}-`)).toBe(true);
        all.push(r.code);
        const sorted = [...r.municipalities].sort((a, b) => collator.compare(a.nameEn, b.nameEn));
        expect(r.municipalities.map((m) => m.code)).toEqual(seq(r.code, r.municipalities.length));
        expect(r.municipalities.map((m) => m.nameEn)).toEqual(sorted.map((m) => m.nameEn));
        for (const m of r.municipalities) {
          expect(m.code.startsWith(`${r.code}-`)).toBe(true);
          all.push(m.code);
        }
      }
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('every Bulgarian name is in Cyrillic', () => {
    const cyrillic = /^[\u0400-\u04FF ()\-]+$/;
    expect(bg.nameLocal).toMatch(cyrillic);
    for (const r of bg.regions) {
      expect(r.nameLocal).toMatch(cyrillic);
      for (const m of r.municipalities) expect(m.nameLocal).toMatch(cyrillic);
    }
    for (const m of municipalities(bg)) expect(m.nameEn).toMatch(/^[A-Za-z ]+$/);
  });

  it('spot checks', () => {
    expect(regionOf(al, 'Korçë')).toEqual(['AL-06']);
    expect(regionOf(al, 'Elbasan')).toEqual(['AL-03']);
    expect(regionOf(al, 'Durrës')).toEqual(['AL-02']);
    expect(al.regions.find((r) => r.code === 'AL-06')?.municipalities.map((m) => m.nameLocal)).toEqual([
      'Devoll', 'Kolonjë', 'Korçë', 'Maliq', 'Pogradec', 'Pustec',
    ]);
    expect(al.regions.find((r) => r.code === 'AL-11')?.municipalities.map((m) => m.nameLocal)).toEqual([
      'Kamëz', 'Kavajë', 'Rrogozhinë', 'Tiranë', 'Vorë',
    ]);
    expect(regionOf(bg, 'Harmanli')).toEqual(['BG-26']);
    expect(regionOf(bg, 'Plovdiv')).toEqual(['BG-16']);
    expect(municipalities(bg).find((m) => m.nameEn === 'Plovdiv')?.nameLocal).toBe('Пловдив');
    expect(municipalities(bg).find((m) => m.nameEn === 'Harmanli')?.nameLocal).toBe('Харманли');
    const sofiaCity = bg.regions.find((r) => r.code === 'BG-22');
    expect(sofiaCity?.nameLocal).toBe('София (столица)');
    expect(sofiaCity?.municipalities).toEqual([{ code: 'BG-22-01', nameLocal: 'Столична', nameEn: 'Stolichna' }]);
    expect(bg.regions.find((r) => r.code === 'BG-23')?.nameLocal).toBe('София');
    // Byala exists in both Varna and Ruse districts.
    expect(regionOf(bg, 'Byala').sort()).toEqual(['BG-03', 'BG-18']);
  });
});

describe('flattenCountry', () => {
  it('lists the country, then regions, then municipalities, with parents and the country timezone', () => {
    const rows = flattenCountry(al);
    expect(rows).toHaveLength(1 + 12 + 61);
    expect(rows[0]).toEqual({
      code: 'AL', country: 'AL', level: 'country', parentCode: null,
      nameLocal: 'Shqipëri', nameEn: 'Albania', timezone: 'Europe/Tirane',
    });
    expect(rows.length).toBeGreaterThan(13);
    expect(rows.slice(1, 13).every((r) => r.level === 'region' && r.parentCode === 'AL')).toBe(true);
    expect(rows.slice(13).every((r) => r.level === 'municipality' && r.parentCode === r.code.slice(0, 5))).toBe(true);
    expect(rows.every((r) => r.timezone === 'Europe/Tirane' && r.country === 'AL')).toBe(true);
    const bgRows = flattenCountry(bg);
    expect(bgRows).toHaveLength(1 + 28 + 265);
    expect(bgRows.find((r) => r.code === 'BG-22-01')?.parentCode).toBe('BG-22');
  });
});

describe('taxonomy labels', () => {
  const locales: Record<string, Record<string, Record<string, string>>> = { en, sq, bg: bgLabels };
  for (const [lang, labels] of Object.entries(locales)) {
    it(`${lang}: every taxonomy code has a non-empty label and there are no extra keys`, () => {
      expect(Object.keys(labels).sort()).toEqual([...TAXONOMY_NAMES].sort());
      for (const name of TAXONOMY_NAMES) {
        const codes: readonly string[] = TAXONOMIES[name];
        const group = labels[name] ?? {};
        expect(Object.keys(group).sort(), `${lang}.${name}`).toEqual([...codes].sort());
        for (const code of codes) expect(group[code]?.trim(), `${lang}.${name}.${code}`).toBeTruthy();
      }
    });
  }

  it('sq and bg are translated', () => {
    expect(sq.harmType.physical).not.toBe(en.harmType.physical);
    expect(bgLabels.harmType.physical).not.toBe(en.harmType.physical);
    expect(sq.harmType.physical).toBe('Dhunë fizike');
    expect(bgLabels.harmType.physical).toBe('Физическо насилие');
    expect(en.signalSource.helpline).toContain('116 111');
  });
});
