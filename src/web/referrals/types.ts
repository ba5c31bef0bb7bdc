import type { CONSENT_ANSWERS } from '../../cases/case-workflow.ts';

/** The referrals' views, from the shared API schemas (src/referrals/referral-schema.ts). */
export type { ReferralList, ReferralServiceView, ReferralView } from '../../referrals/referral-schema.ts';

export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];
