import { BOARD_PAGE_RESOURCES } from '../../domain/i18n/boards-pages-resources.ts';
import { i18n } from '../app/i18n.ts';

/** Registers the consultation board pages' strings when the first of them loads (imported by each page for this effect). */
for (const [language, strings] of Object.entries(BOARD_PAGE_RESOURCES)) {
  i18n.addResourceBundle(language, 'ui', strings, true, false);
}
