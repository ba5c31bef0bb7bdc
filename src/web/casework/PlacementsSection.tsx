import type { CaseView } from '../../domain/schemas/case.ts';

/** The case page's placements section: placeholder until the casework pages are built. */
export function PlacementsSection(_props: { caseView: CaseView }) {
  return null;
}
