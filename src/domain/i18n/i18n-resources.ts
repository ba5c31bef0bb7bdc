import bgTaxonomy from './locales/bg/taxonomy.json' with { type: 'json' };
import bgUi from './locales/bg/ui.json' with { type: 'json' };
import enTaxonomy from './locales/en/taxonomy.json' with { type: 'json' };
import enUi from './locales/en/ui.json' with { type: 'json' };
import sqTaxonomy from './locales/sq/taxonomy.json' with { type: 'json' };
import sqUi from './locales/sq/ui.json' with { type: 'json' };
import bgSignals from './locales/bg/signals.json' with { type: 'json' };
import bgMeetings from './locales/bg/meetings.json' with { type: 'json' };
import bgReports from './locales/bg/reports.json' with { type: 'json' };
import bgInterchange from './locales/bg/interchange.json' with { type: 'json' };
import bgCases from './locales/bg/cases.json' with { type: 'json' };
import bgCasework from './locales/bg/casework.json' with { type: 'json' };
import bgCrossBorder from './locales/bg/crossborder.json' with { type: 'json' };
import bgAccounts from './locales/bg/accounts.json' with { type: 'json' };
import bgHome from './locales/bg/home.json' with { type: 'json' };
import bgAttachments from './locales/bg/attachments.json' with { type: 'json' };
import bgForms from './locales/bg/forms.json' with { type: 'json' };
import bgCasePage from './locales/bg/casepage.json' with { type: 'json' };
import bgLists from './locales/bg/lists.json' with { type: 'json' };
import bgIntakes from './locales/bg/intakes.json' with { type: 'json' };
import enSignals from './locales/en/signals.json' with { type: 'json' };
import enMeetings from './locales/en/meetings.json' with { type: 'json' };
import enReports from './locales/en/reports.json' with { type: 'json' };
import enInterchange from './locales/en/interchange.json' with { type: 'json' };
import enCases from './locales/en/cases.json' with { type: 'json' };
import enCasework from './locales/en/casework.json' with { type: 'json' };
import enCrossBorder from './locales/en/crossborder.json' with { type: 'json' };
import enAccounts from './locales/en/accounts.json' with { type: 'json' };
import enHome from './locales/en/home.json' with { type: 'json' };
import enAttachments from './locales/en/attachments.json' with { type: 'json' };
import enForms from './locales/en/forms.json' with { type: 'json' };
import enCasePage from './locales/en/casepage.json' with { type: 'json' };
import enLists from './locales/en/lists.json' with { type: 'json' };
import enIntakes from './locales/en/intakes.json' with { type: 'json' };
import sqSignals from './locales/sq/signals.json' with { type: 'json' };
import sqMeetings from './locales/sq/meetings.json' with { type: 'json' };
import sqReports from './locales/sq/reports.json' with { type: 'json' };
import sqInterchange from './locales/sq/interchange.json' with { type: 'json' };
import sqCases from './locales/sq/cases.json' with { type: 'json' };
import sqCasework from './locales/sq/casework.json' with { type: 'json' };
import sqCrossBorder from './locales/sq/crossborder.json' with { type: 'json' };
import sqAccounts from './locales/sq/accounts.json' with { type: 'json' };
import sqHome from './locales/sq/home.json' with { type: 'json' };
import sqAttachments from './locales/sq/attachments.json' with { type: 'json' };
import sqForms from './locales/sq/forms.json' with { type: 'json' };
import sqCasePage from './locales/sq/casepage.json' with { type: 'json' };
import sqLists from './locales/sq/lists.json' with { type: 'json' };
import sqIntakes from './locales/sq/intakes.json' with { type: 'json' };

/**
 * Each capability keeps its strings in a file of its own (locales/<lang>/<capability>.json, with
 * top-level keys of its own), merged into the `ui` namespace.
 */
type Merged<T extends object[]> = T extends [infer H, ...infer R extends object[]] ? H & Merged<R> : unknown;
function ui<T extends object[]>(...parts: T): Merged<T> {
  return Object.assign({}, ...parts) as Merged<T>;
}

/**
 * Every translated label of Safetynet, by language and namespace: `ui` (the web app's strings,
 * the default namespace) and `taxonomy` (labels of the codes in taxonomies.ts). Shared by the web
 * app and the server so both say the same thing in the same words.
 */
export const resources = {
  en: { ui: ui(enUi, enSignals, enMeetings, enReports, enInterchange, enCases, enCasework, enCrossBorder, enAccounts, enHome, enForms, enCasePage, enLists, enAttachments, enIntakes), taxonomy: enTaxonomy },
  sq: { ui: ui(sqUi, sqSignals, sqMeetings, sqReports, sqInterchange, sqCases, sqCasework, sqCrossBorder, sqAccounts, sqHome, sqForms, sqCasePage, sqLists, sqAttachments, sqIntakes), taxonomy: sqTaxonomy },
  bg: { ui: ui(bgUi, bgSignals, bgMeetings, bgReports, bgInterchange, bgCases, bgCasework, bgCrossBorder, bgAccounts, bgHome, bgForms, bgCasePage, bgLists, bgAttachments, bgIntakes), taxonomy: bgTaxonomy },
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
