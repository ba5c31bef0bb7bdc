import { z } from 'zod';
import { CONTACT_KINDS } from '../cases/case-workflow.ts';
import { Id, Instant, OptProse, Text } from '../domain/common-schema.ts';

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
