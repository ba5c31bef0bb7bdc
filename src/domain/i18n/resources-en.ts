import enAccounts from './locales/en/accounts.json' with { type: 'json' };
import enAttachments from './locales/en/attachments.json' with { type: 'json' };
import enCasePage from './locales/en/casepage.json' with { type: 'json' };
import enCases from './locales/en/cases.json' with { type: 'json' };
import enCasework from './locales/en/casework.json' with { type: 'json' };
import enCrossBorder from './locales/en/crossborder.json' with { type: 'json' };
import enForms from './locales/en/forms.json' with { type: 'json' };
import enHome from './locales/en/home.json' with { type: 'json' };
import enInstitutions from './locales/en/institutions.json' with { type: 'json' };
import enIntakes from './locales/en/intakes.json' with { type: 'json' };
import enInterchange from './locales/en/interchange.json' with { type: 'json' };
import enLists from './locales/en/lists.json' with { type: 'json' };
import enMeetings from './locales/en/meetings.json' with { type: 'json' };
import enNotifications from './locales/en/notifications.json' with { type: 'json' };
import enReports from './locales/en/reports.json' with { type: 'json' };
import enSignals from './locales/en/signals.json' with { type: 'json' };
import enChildViews from './locales/en/childviews.json' with { type: 'json' };
import enTaxonomy from './locales/en/taxonomy.json' with { type: 'json' };
import enBreakGlass from './locales/en/breakglass.json' with { type: 'json' };
import enUi from './locales/en/ui.json' with { type: 'json' };
import enRetention from './locales/en/retention.json' with { type: 'json' };
import enAuth2 from './locales/en/auth2.json' with { type: 'json' };
import enTrainings from './locales/en/trainings.json' with { type: 'json' };
import { ui } from './languages.ts';

/** Every `en` string of Safetynet: `ui` (one file per capability, merged) and `taxonomy`. The web app loads it when the language is chosen (src/web/app/i18n.ts). */
export const en = { ui: ui(enUi, enSignals, enMeetings, enReports, enInterchange, enCases, enCasework, enCrossBorder, enAccounts, enHome, enForms, enCasePage, enLists, enAttachments, enIntakes, enNotifications, enInstitutions, enBreakGlass, enRetention, enAuth2, enChildViews, enTrainings), taxonomy: enTaxonomy } as const;
