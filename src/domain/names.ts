import { distance } from 'fastest-levenshtein';

/**
 * Names for the duplicate check: a lower-case Latin key, so that "Иван Петров", "Ivan Petrov"
 * and "IVAN  PETROV" meet, and Albanian "Ç/Ë" match their plain forms as people often type them.
 * Cyrillic follows Bulgaria's official (streamlined) transliteration.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'sht', ъ: 'a', ь: 'y', ю: 'yu', я: 'ya', ѝ: 'i', ё: 'yo', э: 'e', ы: 'y',
};

export function nameKey(...parts: string[]): string {
  const text = parts.join(' ').toLowerCase();
  const latin = [...text].map((ch) => CYRILLIC[ch] ?? ch).join('');
  return latin
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 1 for the same key, falling towards 0 as edits grow; word order does not matter. */
export function nameSimilarity(a: string, b: string): number {
  const sorted = (k: string) => k.split(' ').sort().join(' ');
  const score = (x: string, y: string) => (x.length + y.length === 0 ? 1 : 1 - distance(x, y) / Math.max(x.length, y.length));
  return Math.max(score(a, b), score(sorted(a), sorted(b)));
}

/** How alike two names must be to be offered as a possible duplicate. */
export const DUPLICATE_THRESHOLD = 0.8;
