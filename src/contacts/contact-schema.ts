import { z } from 'zod';
import { CONTACT_KINDS, PLACEMENT_KINDS } from '../cases/case-workflow.ts';
import { Id, Instant, OptProse, OptText, PastDate, Prose, Text } from '../domain/common-schema.ts';

/**
 * Contacts with the child (visits, meetings, calls) and placements (where the child lives when
 * not at home), as the API and the web app exchange them. Only the owning unit reads these.
 */

export const ContactInput = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  occurredAt: Instant,
  /** Who was present, as the worker writes them (names and roles). */
  present: z.array(Text(200)).max(50),
  childSeen: z.boolean(),
  childHeardAlone: z.boolean(),
  /** Required when the child was not heard alone. */
  notHeardReason: OptProse(5_000),
  notes: OptProse(10_000),
}).superRefine((v, ctx) => {
  // A small allowance for clock drift between the worker's device and the server.
  if (new Date(v.occurredAt).getTime() > Date.now() + 5 * 60_000) ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'cannot be in the future' });
  if (!v.childHeardAlone && !v.notHeardReason) ctx.addIssue({ code: 'custom', path: ['notHeardReason'], message: 'is required when the child was not heard alone' });
});
export type ContactInput = z.infer<typeof ContactInput>;

export const ContactView = z.object({
  id: Id,
  caseId: Id,
  kind: z.enum(CONTACT_KINDS),
  occurredAt: z.string(),
  present: z.array(z.string()),
  childSeen: z.boolean(),
  childHeardAlone: z.boolean(),
  notHeardReason: z.string().nullable(),
  notes: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type ContactView = z.infer<typeof ContactView>;
export const ContactList = z.object({ items: z.array(ContactView) });

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
  /** 'case_closed': ended by the case's closure (no reason text then). */
  endCode: z.enum(['case_closed']).nullable(),
  notes: z.string().nullable(),
  current: z.boolean(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type PlacementView = z.infer<typeof PlacementView>;
export const PlacementList = z.object({ items: z.array(PlacementView) });
