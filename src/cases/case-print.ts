import type { AssessmentList } from '../assessments/assessment-schema.ts';
import { listAssessments } from '../assessments/assessments.ts';
import type { ContactView } from '../contacts/contact-schema.ts';
import { listContacts } from '../contacts/contacts.ts';
import type { PlacementView } from '../placements/placement-schema.ts';
import { listPlacements } from '../placements/placements.ts';
import type { PlanView } from '../plans/plan-schema.ts';
import { listPlans } from '../plans/plan-views.ts';
import type { Door } from '../policy/door.ts';
import type { ReferralView } from '../referrals/referral-schema.ts';
import { listCaseReferrals } from '../referrals/referrals.ts';
import { unitTimeZone } from './case-context.ts';
import type { CaseView } from './case-schema.ts';
import { getCase } from './case-records.ts';

/**
 * The printed case file (GET /cases/:id/print.pdf) is read with the very functions that answer
 * GET /cases/:id and its sections, as the reader: the same reach (out of reach → the same 404,
 * audited as a denied read) and the same field sharing (a partner's file lacks what the partner
 * may not see — the field is absent, never a placeholder). Each section read is audited as it
 * is for the page, and the print itself once more as `print_case`.
 */
export type CaseFile = {
  view: CaseView;
  assessments: AssessmentList['items'];
  plans: PlanView[];
  contacts: ContactView[];
  referrals: ReferralView[];
  placements: PlacementView[];
  timeZone: string;
  printedBy: string;
  printedAt: Date;
  /** The reader's interface language (the default language of the print). */
  readerLanguage: string | null;
};

export async function readCaseFile(door: Door, caseId: string, now = new Date()): Promise<CaseFile> {
  const view = await getCase(door, caseId, now);
  const [assessments, plans, contacts, referrals, placements] = await Promise.all([
    listAssessments(door, caseId), listPlans(door, caseId), listContacts(door, caseId), listCaseReferrals(door, caseId), listPlacements(door, caseId),
  ]);
  const actor = door.actor;
  const { timeZone, printedBy, readerLanguage } = await door.read(async (tx, audit) => {
    await audit([{ chain: view.country, action: 'print_case', entity: 'case', entityId: view.id, childId: view.child.id, reason: view.accessReason, outcome: 'ok' }]);
    const user = actor.kind === 'user'
      ? await tx.selectFrom('users').select(['display_name', 'language']).where('id', '=', actor.userId).executeTakeFirst()
      : undefined;
    return {
      timeZone: await unitTimeZone(tx, view.unitId),
      printedBy: user?.display_name ?? (actor.kind === 'user' ? actor.username : actor.name),
      readerLanguage: user?.language ?? null,
    };
  });
  return { view, assessments: assessments.items, plans: plans.items, contacts: contacts.items, referrals: referrals.items, placements: placements.items, timeZone, printedBy, printedAt: now, readerLanguage };
}

/** The file's name: the case's reference (or id), never the child's name. */
export function caseFileName(view: CaseView): string {
  const ref = (view.ref ?? view.id).replace(/[^A-Za-z0-9._-]/g, '-');
  return `case-${ref}.pdf`;
}
