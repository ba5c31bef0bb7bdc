import type { CaseView } from '../../domain/schemas/case.ts';

/** The case page's contacts section: placeholder until the casework pages are built. */
export function ContactsSection(_props: { caseView: CaseView }) {
  return null;
}
