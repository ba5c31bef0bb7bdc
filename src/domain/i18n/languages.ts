/**
 * The languages of the interface and how strings are put together, without the strings
 * themselves: what every page may import without downloading three languages' words.
 */

/** The languages of the interface, in the order the language switcher lists them. */
export const LANGUAGES = ['sq', 'bg', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_NAMESPACE = 'ui';
export const NAMESPACES = ['ui', 'taxonomy'] as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The BCP 47 locale used for dates and numbers in each language. */
export const LOCALES: Record<Language, string> = { sq: 'sq-AL', bg: 'bg-BG', en: 'en-GB' };

/**
 * Each capability keeps its strings in a file of its own (locales/<lang>/<capability>.json, with
 * top-level keys of its own), merged into the `ui` namespace (src/domain/i18n/resources-<lang>.ts).
 */
type Merged<T extends object[]> = T extends [infer H, ...infer R extends object[]] ? H & Merged<R> : unknown;
export function ui<T extends object[]>(...parts: T): Merged<T> {
  return Object.assign({}, ...parts) as Merged<T>;
}
