import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  DEFAULT_NAMESPACE, LANGUAGES, LOCALES, type Language, NAMESPACES, isLanguage, resources,
} from '../../domain/i18n/i18n-resources.ts';

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
  resources,
  lng: initialLanguage(),
  supportedLngs: [...LANGUAGES],
  fallbackLng: 'en',
  ns: [...NAMESPACES],
  defaultNS: DEFAULT_NAMESPACE,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyToDocument(i18n.language);

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

export function currentLocale(): string {
  return LOCALES[currentLanguage()];
}

export async function changeLanguage(language: Language): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
}
