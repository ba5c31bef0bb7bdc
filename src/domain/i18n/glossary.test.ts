import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPRECATED, type Deprecated, findDeprecated } from './glossary.ts';

type Tree = { [key: string]: string | Tree };

const LOCALES_DIR = path.resolve('src/domain/i18n/locales');

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) => {
    const dotted = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[dotted, value] as [string, string]] : leaves(value, dotted);
  });
}

/** Every string of every locale file of a language, as [file:key, value]. */
function localeStrings(language: string): Array<[string, string]> {
  const dir = path.join(LOCALES_DIR, language);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((file) => {
    const tree = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Tree;
    return leaves(tree).map(([key, value]) => [`${file.replace(/\.json$/, '')}:${key}`, value] as [string, string]);
  });
}

/**
 * Source files of the server and the web app that carry words of their own (labels written in
 * code rather than in the locale files, e.g. a report rendered server-side): they must follow the
 * glossary too. Tests are left out (this one quotes every deprecated word).
 */
function sourceStrings(): Array<[string, string]> {
  return fs.readdirSync(path.resolve('src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith(`i18n${path.sep}glossary.ts`))
    .map((f) => [`src/${f}`, fs.readFileSync(path.resolve('src', f), 'utf8')] as [string, string]);
}

const format = (hits: ReturnType<typeof findDeprecated>) => hits.map((h) => `${h.where}: „${h.found}“ — use „${h.use}“`);

describe('glossary: one term per concept, no deprecated variant', () => {
  for (const language of ['sq', 'bg'] as const) {
    it(`${language}: no locale string uses a deprecated variant`, () => {
      expect(format(findDeprecated(language, localeStrings(language)))).toEqual([]);
    });
  }

  it('no source file (server-side labels, reports, exports) uses a deprecated variant', () => {
    const files = sourceStrings();
    expect(files.length).toBeGreaterThan(100);
    const hits = (['sq', 'bg'] as const).flatMap((l) => findDeprecated(l, files, { ignoreKeys: true }));
    expect(format(hits)).toEqual([]);
  });

  it('catches an injected deprecated string, whatever its case and inflection', () => {
    const injected: Array<[Deprecated['language'], string, string]> = [
      ['sq', 'cases:placement.foster_care', 'Familje Birësuese'],
      ['sq', 'signals:screening.title', 'Vlerësimi fillestar'],
      ['sq', 'meetings:title', 'Takimet e koordinimit'],
      ['sq', 'cases:placementType.emergency_shelter', 'Strehë emergjence'],
      ['bg', 'casework:harm', 'Предишно УВРЕЖДАНЕ'],
      ['sq', 'ui:common.save', 'Ruaj'],
      ['sq', 'cases:action.return_plan', 'Ktheje planin'],
      ['bg', 'ui:common.save', 'Запази'],
      ['sq', 'cases:closureNoteHint', 'Kur arsyeja është "Tjetër".'],
      ['bg', 'signals:plan', 'Одобрете плана за защита'],
      ['bg', 'interchange:title', 'Внос и износ'],
      ['bg', 'cases:status.closed', 'Приключен'],
      ['bg', 'meetings:field.institution', 'Институция'],
      ['bg', 'cases:update_plan_action', 'Обнови действие от плана'],
    ];
    for (const [language, key, value] of injected) {
      expect(findDeprecated(language, [[key, value]]), `${language} ${value}`).not.toEqual([]);
    }
  });

  it('is word-aware and keeps the legitimate uses', () => {
    const fine: Array<[Deprecated['language'], string, string]> = [
      ['sq', 'signals:screening.title', 'Vlerësimi paraprak'],
      ['sq', 'casework:assessment.kind.initial', 'Vlerësimi fillestar'],
      ['sq', 'casework:casework.contactKind.office_meeting', 'Takim në zyrë'],
      ['sq', 'ui:x', 'Mbledhje koordinimi; rastakimi'],
      ['bg', 'taxonomy:vulnerability.disability', 'Увреждане'],
      ['bg', 'taxonomy:place.residential_institution', 'Специализирана институция или резидентна услуга'],
      ['bg', 'ui:errors.forbidden', 'Нямате право да извършите това действие.'],
      ['bg', 'ui:x', 'Импорт и експорт; вносител'],
    ];
    for (const [language, key, value] of fine) {
      expect(findDeprecated(language, [[key, value]]), `${language} ${value}`).toEqual([]);
    }
  });

  it('every rule names the term to use instead', () => {
    expect(DEPRECATED.length).toBeGreaterThan(15);
    for (const rule of DEPRECATED) expect(rule.use.trim()).not.toBe('');
  });
});
