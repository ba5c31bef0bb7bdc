import bg from './locales/bg/feedback.json' with { type: 'json' };
import en from './locales/en/feedback.json' with { type: 'json' };
import sq from './locales/sq/feedback.json' with { type: 'json' };
import bgKiosk from './locales/bg/kiosk.json' with { type: 'json' };
import enKiosk from './locales/en/kiosk.json' with { type: 'json' };
import sqKiosk from './locales/sq/kiosk.json' with { type: 'json' };

/**
 * The strings of the feedback pages (`ui` namespace, under `feedback`) and of the kiosk (under
 * `kiosk`: the kiosk page reads its own file; the pages and the exports use its labels of age
 * bands and questions), loaded with those pages and the services report's section rather than
 * with every page's first load. What stays in `resources`: `nav.feedback`, the service's name in
 * the report and the task's kind.
 */
export const FEEDBACK_PAGE_RESOURCES = { en: { ...en, ...enKiosk }, sq: { ...sq, ...sqKiosk }, bg: { ...bg, ...bgKiosk } };
