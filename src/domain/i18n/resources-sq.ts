import sqAccounts from './locales/sq/accounts.json' with { type: 'json' };
import sqAttachments from './locales/sq/attachments.json' with { type: 'json' };
import sqCasePage from './locales/sq/casepage.json' with { type: 'json' };
import sqCases from './locales/sq/cases.json' with { type: 'json' };
import sqCasework from './locales/sq/casework.json' with { type: 'json' };
import sqCrossBorder from './locales/sq/crossborder.json' with { type: 'json' };
import sqForms from './locales/sq/forms.json' with { type: 'json' };
import sqHome from './locales/sq/home.json' with { type: 'json' };
import sqInstitutions from './locales/sq/institutions.json' with { type: 'json' };
import sqIntakes from './locales/sq/intakes.json' with { type: 'json' };
import sqInterchange from './locales/sq/interchange.json' with { type: 'json' };
import sqLists from './locales/sq/lists.json' with { type: 'json' };
import sqMeetings from './locales/sq/meetings.json' with { type: 'json' };
import sqNotifications from './locales/sq/notifications.json' with { type: 'json' };
import sqReports from './locales/sq/reports.json' with { type: 'json' };
import sqSignals from './locales/sq/signals.json' with { type: 'json' };
import sqChildViews from './locales/sq/childviews.json' with { type: 'json' };
import sqTaxonomy from './locales/sq/taxonomy.json' with { type: 'json' };
import sqBreakGlass from './locales/sq/breakglass.json' with { type: 'json' };
import sqUi from './locales/sq/ui.json' with { type: 'json' };
import sqRetention from './locales/sq/retention.json' with { type: 'json' };
import sqAuth2 from './locales/sq/auth2.json' with { type: 'json' };
import sqTrainings from './locales/sq/trainings.json' with { type: 'json' };
import { ui } from './languages.ts';

/** Every `sq` string of Safetynet: `ui` (one file per capability, merged) and `taxonomy`. The web app loads it when the language is chosen (src/web/app/i18n.ts). */
export const sq = { ui: ui(sqUi, sqSignals, sqMeetings, sqReports, sqInterchange, sqCases, sqCasework, sqCrossBorder, sqAccounts, sqHome, sqForms, sqCasePage, sqLists, sqAttachments, sqIntakes, sqNotifications, sqInstitutions, sqBreakGlass, sqRetention, sqAuth2, sqChildViews, sqTrainings), taxonomy: sqTaxonomy } as const;
