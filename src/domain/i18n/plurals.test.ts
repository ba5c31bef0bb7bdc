import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMESPACE, LANGUAGES, NAMESPACES, resources } from './i18n-resources.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) => {
    const dotted = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[dotted, value] as [string, string]] : leaves(value, dotted);
  });
}

const PLURAL = /_(one|other)$/;

describe('plurals: a number before a noun takes the noun’s plural form', () => {
  for (const language of LANGUAGES) {
    it(`${language}: every {{count}} string is a plural key, with both forms (one, other)`, () => {
      const strings = new Map(leaves(resources[language].ui as unknown as Tree));
      const wrong = [...strings].filter(([key, value]) => value.includes('{{count}}') && !PLURAL.test(key)).map(([k]) => k);
      expect(wrong).toEqual([]);
      const plural = [...strings.keys()].filter((k) => PLURAL.test(k));
      expect(plural.length).toBeGreaterThanOrEqual(7);
      for (const key of plural) {
        const base = key.replace(PLURAL, '');
        expect(strings.has(`${base}_one`) && strings.has(`${base}_other`), key).toBe(true);
      }
    });
  }

  it('i18next picks the form by the number, in each language', () => {
    const i18n = i18next.createInstance();
    void i18n.init({ resources, lng: 'bg', fallbackLng: 'en', ns: [...NAMESPACES], defaultNS: DEFAULT_NAMESPACE, initAsync: false });
    expect(i18n.t('meetings.overdueCount', { count: 1 })).toBe('1 просрочена задача');
    expect(i18n.t('meetings.overdueCount', { count: 7 })).toBe('7 просрочени задачи');
    expect(i18n.t('interchange.refused', { count: 1, lng: 'sq' })).toBe('Skedari ka 1 problem. Nuk u ruajt asgjë.');
    expect(i18n.t('interchange.refused', { count: 3, lng: 'sq' })).toBe('Skedari ka 3 probleme. Nuk u ruajt asgjë.');
    expect(i18n.t('validation.tooShort', { count: 12, lng: 'en' })).toBe('Enter at least 12 characters.');
    expect(i18n.t('validation.tooShort', { count: 1, lng: 'en' })).toBe('Enter at least 1 character.');
  });
});
