import { z } from 'zod';
import { Id } from '../domain/common-schema.ts';
import { DELIVERY, NOTIFICATION_KINDS, NotificationPrefs } from './notification-kinds.ts';

export const NotificationView = z.object({
  id: Id,
  kind: z.enum(NOTIFICATION_KINDS),
  /** The page it opens, in the web app. */
  path: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationList = z.object({ items: z.array(NotificationView), unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(30) });

export const MarkReadInput = z.strictObject({
  /** The notifications read; none: all of them. */
  ids: z.array(Id).max(100).optional(),
});
export const Unread = z.object({ unread: z.number().int() });

const Email = z.string().trim().max(254).regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'must be an e-mail address' });

export const NotificationSettings = z.object({
  email: z.string().nullable(),
  prefs: z.record(z.enum(NOTIFICATION_KINDS), z.enum(DELIVERY)),
  /** Whether this deployment sends e-mail (SAFETYNET_SMTP_URL). */
  mailEnabled: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSettingsPatch = z.strictObject({
  email: Email.nullable().optional(),
  prefs: NotificationPrefs.optional(),
});
export type NotificationSettingsPatch = z.infer<typeof NotificationSettingsPatch>;
