import { INTAKE_PAGE_RESOURCES } from '../../domain/i18n/intakes-pages-resources.ts';
import { i18n } from '../app/i18n.ts';

/** Registers the team's page strings when the first of its pages loads (imported by each page for this effect). */
for (const [language, strings] of Object.entries(INTAKE_PAGE_RESOURCES)) {
  i18n.addResourceBundle(language, 'ui', strings, true, false);
}
