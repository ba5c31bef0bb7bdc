import bg from './locales/bg/intakes-pages.json' with { type: 'json' };
import en from './locales/en/intakes-pages.json' with { type: 'json' };
import sq from './locales/sq/intakes-pages.json' with { type: 'json' };

/**
 * The strings of the police-station team's pages (`ui` namespace, under `intakes`), loaded with
 * those pages rather than with every page's first load: one role reads them. What other pages
 * show of intakes (Home's block, the figures of the services report, `nav.intakes`) stays in
 * locales/<lang>/intakes.json, part of `resources`.
 */
export const INTAKE_PAGE_RESOURCES = { en, sq, bg };
