import { FEEDBACK_PAGE_RESOURCES } from '../../domain/i18n/feedback-pages-resources.ts';
import { i18n } from '../app/i18n.ts';

/** Registers the feedback pages' strings when the first of them loads (imported by each page for this effect). */
for (const [language, strings] of Object.entries(FEEDBACK_PAGE_RESOURCES)) {
  i18n.addResourceBundle(language, 'ui', strings, true, false);
}
