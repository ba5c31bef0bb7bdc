import type { CaseView } from '../../domain/schemas/case.ts';

/** The case page's assessments section: placeholder until the casework pages are built. */
export function AssessmentsSection(_props: { caseView: CaseView }) {
  return null;
}
