import bgTaxonomy from './locales/bg/taxonomy.json' with { type: 'json' };
import bgUi from './locales/bg/ui.json' with { type: 'json' };
import enTaxonomy from './locales/en/taxonomy.json' with { type: 'json' };
import enUi from './locales/en/ui.json' with { type: 'json' };
import sqTaxonomy from './locales/sq/taxonomy.json' with { type: 'json' };
import sqUi from './locales/sq/ui.json' with { type: 'json' };

/**
 * Every translated label of Safetynet, by language and namespace: `ui` (the web app's strings,
 * the default namespace) and `taxonomy` (labels of the codes in taxonomies.ts). Shared by the web
 * app and the server so both say the same thing in the same words.
 */
export const resources = {
  en: { ui: enUi, taxonomy: enTaxonomy },
  sq: { ui: sqUi, taxonomy: sqTaxonomy },
  bg: { ui: bgUi, taxonomy: bgTaxonomy },
} as const;

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
