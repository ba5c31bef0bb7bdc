/**
 * The shelter's codes (issue 13 §2), in a module without dependencies: the API's schema
 * (shelter-schema.ts) and the web pages share them, and the pages stay small.
 */
export const REFERRED_BY = ['unit_case', 'police_station', 'self_referral'] as const;
export const COMPANION_RELATIONS = ['mother', 'father', 'grandparent', 'other_relative', 'other_caregiver'] as const;
export const PLAN_GOALS = ['return_to_family', 'kinship_care', 'foster_care', 'independent_living'] as const;
export const DESTINATIONS = ['family', 'kinship_care', 'foster_care', 'residential_care', 'independent_living', 'other'] as const;
