import { z } from 'zod';
import { CONTACT_KINDS } from '../cases/case-workflow.ts';
import { Id, Instant, OptProse, Text } from '../domain/common-schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';

/**
 * Contacts with the child (visits, meetings, calls), as the API and the web app exchange them
 * (placements: src/placements/placement-schema.ts).
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
  /** What the child said, in the child's words as the worker wrote them (a narrative of the child: seen by whoever sees the contact). */
  childSaid: OptProse(5_000),
  /** Where the child would prefer to meet (taxonomy preferredMeetingPlace). */
  preferredPlace: z.enum(TAXONOMIES.preferredMeetingPlace).nullable().optional(),
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
  childSaid: z.string().nullable(),
  preferredPlace: z.enum(TAXONOMIES.preferredMeetingPlace).nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type ContactView = z.infer<typeof ContactView>;
export const ContactList = z.object({ items: z.array(ContactView) });
