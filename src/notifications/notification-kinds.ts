import { z } from 'zod';

/**
 * The events a user can be told of (issue 15 §3), each opening one page. Shared by the server
 * (who is told, what the e-mail says) and the web app (the bell, the preferences).
 */
export const NOTIFICATION_KINDS = [
  'case_assigned', 'approval_waiting', 'decision_returned', 'decision_approved',
  'referral_received', 'referral_answered', 'transfer_waiting', 'break_glass', 'daily_digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What the link of a notification opens. */
export const NOTIFICATION_ENTITIES = ['case', 'referral', 'transfers', 'tasks', 'child'] as const;
export type NotificationEntity = (typeof NOTIFICATION_ENTITIES)[number];

/** The page of a notification, as a path of the web app (ids only: never child data). */
export function notificationPath(entity: NotificationEntity, id: string | null): string {
  switch (entity) {
    case 'case': return `/cases/${id}`;
    case 'referral': return `/referrals/${id}`;
    case 'child': return `/children/${id}`;
    case 'transfers': return '/transfers';
    case 'tasks': return '/tasks';
  }
}

/** Per kind: not at all, in the app only, or in the app and by e-mail (the default). */
export const DELIVERY = ['off', 'app', 'app_email'] as const;
export type Delivery = (typeof DELIVERY)[number];
export const NotificationPrefs = z.strictObject(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.enum(DELIVERY).optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<{ [K in Delivery]: K }>>>,
);
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

export function deliveryOf(prefs: unknown, kind: NotificationKind): Delivery {
  const value = (prefs as Record<string, unknown> | null)?.[kind];
  return value === 'off' || value === 'app' || value === 'app_email' ? value : 'app_email';
}
