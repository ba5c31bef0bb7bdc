import bg from './locales/bg/prevention.json' with { type: 'json' };
import en from './locales/en/prevention.json' with { type: 'json' };
import sq from './locales/sq/prevention.json' with { type: 'json' };

/**
 * The strings of the prevention pages (`ui` namespace, under `prevention`), loaded with those pages
 * and the services report's section (its figure labels) rather than with every page's first load;
 * the server's exports read them too (src/reports/report-rows.ts). What stays in `resources`:
 * `nav.prevention` and the service's name in the report.
 */
export const PREVENTION_PAGE_RESOURCES = { en, sq, bg };
