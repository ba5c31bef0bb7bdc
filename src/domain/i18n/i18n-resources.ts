import { bg } from './resources-bg.ts';
import { en } from './resources-en.ts';
import { sq } from './resources-sq.ts';

export { DEFAULT_NAMESPACE, LANGUAGES, LOCALES, type Language, NAMESPACES, isLanguage } from './languages.ts';

/**
 * Every translated label of Safetynet, by language and namespace: `ui` (the web app's strings,
 * the default namespace) and `taxonomy` (labels of the codes in taxonomies.ts). The server, the
 * CLI and the tests read all three languages from here; the web app loads one language at a time
 * (src/web/app/i18n.ts), from the same per-language modules. A capability adds its strings file
 * to each of resources-sq.ts, resources-bg.ts and resources-en.ts.
 */
export const resources = { en, sq, bg } as const;
