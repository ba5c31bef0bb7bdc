import { z } from 'zod';
import { PLACEMENT_KINDS } from '../cases/case-workflow.ts';
import { Id, OptProse, OptText, PastDate, Prose } from '../domain/common-schema.ts';

/**
 * Placements (where the child lives when not at home: a shelter, residential care, kinship or
 * foster care), as the API and the web app exchange them.
 */

export const PlacementInput = z.strictObject({
  kind: z.enum(PLACEMENT_KINDS),
  /** A shelter, residential care or NGO organisation … */
  providerOrgId: Id.nullable().optional(),
  /** … or the carer's name (kinship or foster care). */
  carerName: OptText(200),
  startedOn: PastDate,
  notes: OptProse(10_000),
}).superRefine((v, ctx) => {
  if (!v.providerOrgId && !v.carerName) ctx.addIssue({ code: 'custom', path: ['providerOrgId'], message: 'name the provider organisation or the carer' });
  if (v.providerOrgId && v.carerName) ctx.addIssue({ code: 'custom', path: ['carerName'], message: 'name either the provider organisation or the carer, not both' });
});
export type PlacementInput = z.infer<typeof PlacementInput>;

export const PlacementEndInput = z.strictObject({ endedOn: PastDate, endReason: Prose(5_000) });
export type PlacementEndInput = z.infer<typeof PlacementEndInput>;

/** Sectors whose organisations can host a placement. */
export const PLACEMENT_SECTORS = ['shelter', 'residential_care', 'ngo'] as const;

export const PlacementView = z.object({
  id: Id,
  caseId: Id,
  kind: z.enum(PLACEMENT_KINDS),
  providerOrgId: Id.nullable(),
  providerName: z.string().nullable(),
  carerName: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  /** 'case_closed': ended by the case's closure; 'shelter_discharge': by the shelter's discharge (no reason text then). */
  endCode: z.enum(['case_closed', 'shelter_discharge']).nullable(),
  notes: z.string().nullable(),
  current: z.boolean(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type PlacementView = z.infer<typeof PlacementView>;
export const PlacementList = z.object({ items: z.array(PlacementView) });
