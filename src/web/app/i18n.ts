import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_NAMESPACE, LANGUAGES, LOCALES, type Language, NAMESPACES, isLanguage } from '../../domain/i18n/languages.ts';

/**
 * One language's strings at a time: each language is a chunk of its own, loaded when it is first
 * chosen (the first load carries the reader's language only, not all three).
 */
const LOADERS: Record<Language, () => Promise<{ ui: object; taxonomy: object }>> = {
  sq: async () => (await import('../../domain/i18n/resources-sq.ts')).sq,
  bg: async () => (await import('../../domain/i18n/resources-bg.ts')).bg,
  en: async () => (await import('../../domain/i18n/resources-en.ts')).en,
};

/** Remembers the language before sign-in (the login page) and across visits on this device. */
export const LANGUAGE_STORAGE_KEY = 'safetynet.language';

function storedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Language | null {
  const tags = globalThis.navigator?.languages ?? [];
  for (const tag of tags) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return null;
}

export function initialLanguage(): Language {
  return storedLanguage() ?? browserLanguage() ?? 'sq';
}

function applyToDocument(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be disabled (private mode); the language still applies to this visit.
  }
}

export const i18n = i18next.createInstance();
i18n.use(initReactI18next);
i18n.on('languageChanged', applyToDocument);
void i18n.init({
  resources: {},
  lng: initialLanguage(),
  supportedLngs: [...LANGUAGES],
  // Every key exists in every language (src/domain/i18n/i18n.test.ts): no fallback to load.
  fallbackLng: false,
  ns: [...NAMESPACES],
  defaultNS: DEFAULT_NAMESPACE,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Loads a language's strings once (and, in the tests, every language: they switch at will). */
export async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, DEFAULT_NAMESPACE)) return;
  const strings = await LOADERS[language]();
  for (const ns of NAMESPACES) i18n.addResourceBundle(language, ns, strings[ns], true, false);
}
// The app shows once the reader's language is here (a module-level await: every importer waits).
const underTest = Boolean((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.VITEST);
await Promise.all((underTest ? [...LANGUAGES] : [i18n.language as Language]).map(loadLanguage));
// Re-render with the strings now present.
await i18n.changeLanguage(i18n.language);
applyToDocument(i18n.language);

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

export function currentLocale(): string {
  return LOCALES[currentLanguage()];
}

export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  if (i18n.language !== language) await i18n.changeLanguage(language);
}
