import type { CaseView } from '../../domain/schemas/case.ts';

/** The case page's plans section: placeholder until the casework pages are built. */
export function PlansSection(_props: { caseView: CaseView }) {
  return null;
}
