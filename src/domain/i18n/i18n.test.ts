import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD_FIELDS } from '../../policy/field-sharing.ts';
import { NAVIGATION, ROLES } from '../roles.ts';
import { TAXONOMIES } from '../taxonomies.ts';
import { LANGUAGES, resources } from './i18n-resources.ts';
import { LAZY_UI_RESOURCES } from './lazy-resources.ts';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a locale file as a dotted key, with its value. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(dotted, value);
    else for (const [k, v] of leaves(value, dotted)) out.set(k, v);
  }
  return out;
}

const NAMESPACES = ['ui', 'taxonomy'] as const;
/** A namespace's keys in a language, with the strings that load with their pages (lazy-resources.ts). */
const keysOf = (language: (typeof LANGUAGES)[number], ns: (typeof NAMESPACES)[number]) => {
  const keys = leaves(resources[language][ns] as unknown as Tree);
  if (ns === 'ui') for (const bundle of LAZY_UI_RESOURCES) for (const [k, v] of leaves(bundle[language] as unknown as Tree)) keys.set(k, v);
  return keys;
};

/** Whether a key, as written in the code ("a.b" or "taxonomy:a.b"), resolves in a language. */
function exists(language: (typeof LANGUAGES)[number], key: string): boolean {
  const [ns, name] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['ui', key];
  if (!(NAMESPACES as readonly string[]).includes(ns)) return false;
  const keys = keysOf(language, ns as (typeof NAMESPACES)[number]);
  // A key used with a count may exist only in its plural forms (`_one`, `_other`).
  const has = (k: string) => { const value = keys.get(k); return typeof value === 'string' && value.trim() !== ''; };
  return has(name) || (has(`${name}_one`) && has(`${name}_other`));
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(tsx|ts)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

/** Literal keys in the web app: t('…'), t("…"), i18n.t('…') and i18nKey="…". */
function literalKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\bt\(\s*'([^'\n]+)'/g, /\bt\(\s*"([^"\n]+)"/g, /i18nKey=["']([^"'\n]+)["']/g];
  for (const file of sourceFiles(path.resolve('src/web'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) found.set(match[1] as string, path.relative('.', file));
    }
  }
  return found;
}

describe('translations', () => {
  for (const ns of NAMESPACES) {
    it(`${ns}: sq, bg and en have exactly the same keys`, () => {
      const reference = [...keysOf('en', ns).keys()].sort();
      expect(reference.length).toBeGreaterThan(0);
      for (const language of LANGUAGES) expect([...keysOf(language, ns).keys()].sort()).toEqual(reference);
    });

    it(`${ns}: no value is empty`, () => {
      for (const language of LANGUAGES) {
        const empty = [...keysOf(language, ns)].filter(([, v]) => v.trim() === '').map(([k]) => `${language}:${k}`);
        expect(empty).toEqual([]);
      }
    });
  }

  it('every taxonomy code has a label', () => {
    for (const [name, codes] of Object.entries(TAXONOMIES)) {
      for (const code of codes) {
        for (const language of LANGUAGES) expect(exists(language, `taxonomy:${name}.${code}`), `${language} ${name}.${code}`).toBe(true);
      }
    }
  });

  it('every key the web app names literally exists in all three languages', () => {
    const keys = literalKeys();
    expect(keys.size).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const [key, file] of keys) {
      for (const language of LANGUAGES) if (!exists(language, key)) missing.push(`${language}: ${key} (${file})`);
    }
    expect(missing).toEqual([]);
  });

  it('keys the web app builds from shared codes exist (navigation, roles, child fields, languages)', () => {
    const built = [
      ...NAVIGATION.map((item) => `nav.${item.id}`),
      ...ROLES.map((role) => `roles.${role}`),
      ...CHILD_FIELDS.map((field) => `child.field.${field}`),
      ...LANGUAGES.map((language) => `language.${language}`),
      ...['country', 'region', 'municipality'].map((level) => `jurisdictions.level.${level}`),
    ];
    const missing = built.flatMap((key) => LANGUAGES.filter((l) => !exists(l, key)).map((l) => `${l}: ${key}`));
    expect(missing).toEqual([]);
  });

  it('the scan catches a missing key', () => {
    expect(exists('en', 'nav.home')).toBe(true);
    expect(exists('en', 'nav.noSuchSection')).toBe(false);
    expect(exists('sq', 'taxonomy:sex.female')).toBe(true);
    expect(exists('bg', 'meetings.overdueCount')).toBe(true);
    expect(exists('bg', 'meetings.overdueCount_few')).toBe(false);
  });
});
