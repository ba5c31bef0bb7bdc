import bg from './locales/bg/boards.json' with { type: 'json' };
import en from './locales/en/boards.json' with { type: 'json' };
import sq from './locales/sq/boards.json' with { type: 'json' };

/**
 * The strings of the consultation board pages (`ui` namespace, under `boards`), loaded with those
 * pages and the services report's section (its figure labels) rather than with every page's first
 * load; the server's exports read them too (src/reports/report-rows.ts). What stays in `resources`:
 * `nav.boards`, the task kind and the service's name in the report.
 */
export const BOARD_PAGE_RESOURCES = { en, sq, bg };
