import { z } from 'zod';
import { Id, OptProse, Prose } from '../domain/common-schema.ts';

/** Attachments as the API and the web app exchange them (the content itself travels as multipart, and back as the file). */
/** The records a file can belong to. */
export const OWNER_KINDS = ['child', 'case', 'referral', 'meeting', 'contact'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const ATTACHMENT_KINDS = ['consent', 'court_order', 'report', 'photo', 'other'] as const;

export const AttachmentOwnerQuery = z.strictObject({ ownerKind: z.enum(OWNER_KINDS), ownerId: Id });
export type AttachmentOwnerQuery = z.infer<typeof AttachmentOwnerQuery>;

/** The form fields sent beside the file. */
export const AttachmentFields = AttachmentOwnerQuery.extend({
  kind: z.enum(ATTACHMENT_KINDS),
  description: OptProse(2_000),
});
export type AttachmentFields = z.infer<typeof AttachmentFields>;

export const AttachmentRemoveInput = z.strictObject({ reason: Prose(1_000) });

export const AttachmentIdParams = z.strictObject({ id: Id });
export const AttachmentContentQuery = z.strictObject({
  /** Shown in the browser (images and PDF only) rather than downloaded. */
  inline: z.enum(['true', 'false']).optional(),
});

export const AttachmentView = z.object({
  id: Id,
  ownerKind: z.enum(OWNER_KINDS),
  ownerId: Id,
  kind: z.enum(ATTACHMENT_KINDS),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  description: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
  uploaderOrgName: z.string().nullable(),
  /** Images and PDF open in the browser. */
  previewable: z.boolean(),
  removedAt: z.string().nullable(),
  removedReason: z.string().nullable(),
  /** The reader may remove it: who attached it, or the unit's supervisor. */
  canRemove: z.boolean(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const AttachmentList = z.object({
  items: z.array(AttachmentView),
  /** The largest file accepted, in bytes (SAFETYNET_ATTACHMENT_MAX_MB). */
  maxBytes: z.number().int(),
});
export type AttachmentList = z.infer<typeof AttachmentList>;
