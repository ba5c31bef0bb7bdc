import { z } from 'zod';
import { DeadlineConfig, shipsDeadlines } from '../deadlines.ts';

/**
 * The file format of a country's jurisdictions: country → region → municipality. The shipped
 * Albania and Bulgaria lists use it, and `safetynet jurisdictions load <file>` adds another country,
 * which must carry its deadlines (Albania's and Bulgaria's ship in src/domain/reference/deadlines).
 */
const Name = z.string().trim().min(1).max(200);

export const MunicipalityFile = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}-[0-9A-Z]{1,3}-[0-9A-Z]{2,8}$/, 'municipality code like BG-16-PDV22 or AL-06-KOR'),
  nameLocal: Name,
  nameEn: Name,
});

export const RegionFile = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}-[0-9A-Z]{1,3}$/, 'ISO 3166-2 region code like BG-16'),
  nameLocal: Name,
  nameEn: Name,
  municipalities: z.array(MunicipalityFile).min(1).max(1000),
});

export const CountryFile = z
  .strictObject({
    code: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code'),
    nameLocal: Name,
    nameEn: Name,
    timezone: z.string().min(1).max(64),
    languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1).max(10),
    regions: z.array(RegionFile).min(1).max(200),
    /** The country's deadlines (format: src/domain/reference/deadlines/AL.json); required unless they ship with the system. */
    deadlines: DeadlineConfig.optional(),
  })
  .superRefine((country, ctx) => {
    if (!country.deadlines && !shipsDeadlines(country.code)) {
      ctx.addIssue({ code: 'custom', path: ['deadlines'], message: `is required: ${country.code} has no deadline configuration (format: src/domain/reference/deadlines/AL.json)` });
    }
    const seen = new Set<string>();
    country.regions.forEach((region, r) => {
      if (!region.code.startsWith(`${country.code}-`)) {
        ctx.addIssue({ code: 'custom', path: ['regions', r, 'code'], message: `region code must start with ${country.code}-` });
      }
      region.municipalities.forEach((m, i) => {
        if (!m.code.startsWith(`${region.code}-`)) {
          ctx.addIssue({ code: 'custom', path: ['regions', r, 'municipalities', i, 'code'], message: `municipality code must start with ${region.code}-` });
        }
        if (seen.has(m.code)) {
          ctx.addIssue({ code: 'custom', path: ['regions', r, 'municipalities', i, 'code'], message: `duplicate code ${m.code}` });
        }
        seen.add(m.code);
      });
    });
  });

export type CountryFile = z.infer<typeof CountryFile>;
