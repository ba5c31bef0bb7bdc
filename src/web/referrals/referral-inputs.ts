import type { z } from 'zod';
import { ReferralInput } from '../../referrals/referral-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { orNull } from '../cases/form-kit.ts';
import type { ConsentAnswer } from './types.ts';

/**
 * The referral form's values (as the inputs hold them), its fields (read from the input schema) and
 * its mapper to the API input. The mapper returns `EveryInputKey<typeof X>`: a field of the schema
 * it forgets (or one the schema does not have) does not compile.
 */

/** Sharing without both the child's and the caregiver's consent needs a best-interests reason. */
export function consentNeedsReason(child: ConsentAnswer | '', caregiver: ConsentAnswer | ''): boolean {
  return !(child === 'given' && caregiver === 'given');
}

export interface ReferralValues { providerOrgId: string; service: string; request: string; consentChild: ConsentAnswer | ''; consentCaregiver: ConsentAnswer | ''; bestInterestsReason: string }
export const REFERRAL_FIELDS = fieldNames(ReferralInput);
sameKeys<ReferralValues, z.input<typeof ReferralInput>>();

export function toReferralInput(v: ReferralValues): EveryInputKey<typeof ReferralInput> {
  return {
    providerOrgId: v.providerOrgId,
    service: v.service as never,
    request: v.request.trim(),
    consentChild: v.consentChild as never,
    consentCaregiver: v.consentCaregiver as never,
    bestInterestsReason: consentNeedsReason(v.consentChild, v.consentCaregiver) ? orNull(v.bestInterestsReason) : null,
  };
}
