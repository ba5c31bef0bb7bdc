import bg from './locales/bg/institutions-pages.json' with { type: 'json' };
import en from './locales/en/institutions-pages.json' with { type: 'json' };
import sq from './locales/sq/institutions-pages.json' with { type: 'json' };

/**
 * The strings of the deinstitutionalisation pages (`ui` namespace, under `institutions`), loaded
 * with those pages rather than with every page's first load. What other pages show (the figures
 * of the services report, `nav.institutions`, the follow-up task) stays in `resources`.
 */
export const INSTITUTION_PAGE_RESOURCES = { en, sq, bg };
