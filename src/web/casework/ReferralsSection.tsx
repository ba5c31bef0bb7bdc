import type { CaseView } from '../../domain/schemas/case.ts';

/** The case page's referrals section: placeholder until the casework pages are built. */
export function ReferralsSection(_props: { caseView: CaseView }) {
  return null;
}
