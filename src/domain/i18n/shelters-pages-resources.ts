import bg from './locales/bg/shelters-pages.json' with { type: 'json' };
import en from './locales/en/shelters-pages.json' with { type: 'json' };
import sq from './locales/sq/shelters-pages.json' with { type: 'json' };

/**
 * The strings of the shelter's pages (`ui` namespace, under `shelters`), loaded with those pages,
 * the shelter's Home block and the services report's section (its figure labels) rather than with
 * every page's first load; the server's exports read them too (src/reports/report-rows.ts). What
 * stays in `resources`: `nav.shelters` and the task kind. The admin's organisation page loads them
 * too (`shelterCapacity`).
 */
export const SHELTER_PAGE_RESOURCES = { en, sq, bg };
