import { SHELTER_PAGE_RESOURCES } from '../../domain/i18n/shelters-pages-resources.ts';
import { i18n } from '../app/i18n.ts';

/** Registers the shelter's page strings when the first of its pages loads (imported by each page for this effect). */
for (const [language, strings] of Object.entries(SHELTER_PAGE_RESOURCES)) {
  i18n.addResourceBundle(language, 'ui', strings, true, false);
}
