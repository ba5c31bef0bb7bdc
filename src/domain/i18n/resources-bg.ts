import bgAccounts from './locales/bg/accounts.json' with { type: 'json' };
import bgAttachments from './locales/bg/attachments.json' with { type: 'json' };
import bgCasePage from './locales/bg/casepage.json' with { type: 'json' };
import bgCases from './locales/bg/cases.json' with { type: 'json' };
import bgCasework from './locales/bg/casework.json' with { type: 'json' };
import bgCrossBorder from './locales/bg/crossborder.json' with { type: 'json' };
import bgForms from './locales/bg/forms.json' with { type: 'json' };
import bgHome from './locales/bg/home.json' with { type: 'json' };
import bgInstitutions from './locales/bg/institutions.json' with { type: 'json' };
import bgIntakes from './locales/bg/intakes.json' with { type: 'json' };
import bgInterchange from './locales/bg/interchange.json' with { type: 'json' };
import bgLists from './locales/bg/lists.json' with { type: 'json' };
import bgMeetings from './locales/bg/meetings.json' with { type: 'json' };
import bgNotifications from './locales/bg/notifications.json' with { type: 'json' };
import bgReports from './locales/bg/reports.json' with { type: 'json' };
import bgSignals from './locales/bg/signals.json' with { type: 'json' };
import bgChildViews from './locales/bg/childviews.json' with { type: 'json' };
import bgTaxonomy from './locales/bg/taxonomy.json' with { type: 'json' };
import bgBreakGlass from './locales/bg/breakglass.json' with { type: 'json' };
import bgUi from './locales/bg/ui.json' with { type: 'json' };
import bgRetention from './locales/bg/retention.json' with { type: 'json' };
import bgAuth2 from './locales/bg/auth2.json' with { type: 'json' };
import bgTrainings from './locales/bg/trainings.json' with { type: 'json' };
import { ui } from './languages.ts';

/** Every `bg` string of Safetynet: `ui` (one file per capability, merged) and `taxonomy`. The web app loads it when the language is chosen (src/web/app/i18n.ts). */
export const bg = { ui: ui(bgUi, bgSignals, bgMeetings, bgReports, bgInterchange, bgCases, bgCasework, bgCrossBorder, bgAccounts, bgHome, bgForms, bgCasePage, bgLists, bgAttachments, bgIntakes, bgNotifications, bgInstitutions, bgBreakGlass, bgRetention, bgAuth2, bgChildViews, bgTrainings), taxonomy: bgTaxonomy } as const;
