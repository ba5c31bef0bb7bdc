import { z } from 'zod';

/** The API of retention (src/retention/): a case's legal hold, and what a dry run would anonymise. */
export const CaseIdParams = z.object({ id: z.uuid() });

/** Why a hold is placed or lifted: written out, never empty. */
export const LegalHoldInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export type LegalHoldInput = z.infer<typeof LegalHoldInput>;

export const LegalHoldView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  reason: z.string(),
  placedAt: z.string(),
  placedByName: z.string(),
  liftedAt: z.string().nullable(),
  liftedByName: z.string().nullable(),
  liftReason: z.string().nullable(),
});
export type LegalHoldView = z.infer<typeof LegalHoldView>;

/** A case's holds, the one in force first; whether the reader may place or lift one. */
export const LegalHolds = z.object({
  inForce: LegalHoldView.nullable(),
  history: z.array(LegalHoldView),
  canChange: z.boolean(),
  /** Years after closure when the child's identifying data is anonymised (null: the country keeps it). */
  retentionYears: z.number().nullable(),
});
export type LegalHolds = z.infer<typeof LegalHolds>;

export const DueCaseView = z.object({
  caseId: z.uuid(), caseRef: z.string().nullable(), country: z.string(), closedOn: z.string(), dueOn: z.string(),
});
export const RetentionPreview = z.object({
  due: z.array(z.object({ childId: z.uuid(), country: z.string(), dueOn: z.string(), cases: z.array(DueCaseView) })),
  held: z.number(),
});
