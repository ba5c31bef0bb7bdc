import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isLanguage } from '../domain/i18n/i18n-resources.ts';
import { translator } from '../reports/report-rows.ts';
import { mailSettings } from './mail-settings.ts';
import { type NotificationEntity, type NotificationKind, deliveryOf, notificationPath } from './notification-kinds.ts';

/**
 * Tells users of an event, in the transaction of the event itself: a notification for the bell
 * and, when the user has an e-mail address, wants it by e-mail and this deployment sends e-mail,
 * a message in the outbox (src/notifications/mail-worker.ts sends it). A change that rolls back
 * takes its notifications and e-mails with it; one that commits never loses them. The e-mail says
 * the kind of event and gives a link — never a name or anything else about the child.
 */
export type NotificationDraft = { userId: string; kind: NotificationKind; entity: NotificationEntity; entityId: string | null };

/** The e-mail of a notification in the user's language: a subject and a body with the link. */
export function mailText(kind: NotificationKind, language: string, link: string, vars: Record<string, string> = {}): { subject: string; body: string } {
  const { t } = translator(isLanguage(language) ? language : 'en');
  return {
    subject: `Safetynet: ${t(`notifications.kind.${kind}`, vars)}`,
    body: `${t(`notifications.email.${kind}`, vars)}\n\n${link}\n\n${t('notifications.email.footer')}\n`,
  };
}

export async function notify(tx: Transaction<DB> | Kysely<DB>, drafts: NotificationDraft[], vars: Record<string, string> = {}): Promise<void> {
  if (drafts.length === 0) return;
  const users = await tx.selectFrom('users').select(['id', 'email', 'language', 'notification_prefs', 'disabled_at'])
    .where('id', 'in', [...new Set(drafts.map((d) => d.userId))]).execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  const mail = mailSettings();
  for (const d of drafts) {
    const user = byId.get(d.userId);
    if (!user || user.disabled_at) continue;
    const delivery = deliveryOf(user.notification_prefs, d.kind);
    if (delivery === 'off') continue;
    const row = await tx.insertInto('notifications').values({ user_id: d.userId, kind: d.kind, entity: d.entity, entity_id: d.entityId }).returning('id').executeTakeFirstOrThrow();
    if (delivery !== 'app_email' || !user.email || !mail.smtpUrl) continue;
    const text = mailText(d.kind, user.language, `${mail.publicUrl}${notificationPath(d.entity, d.entityId)}`, vars);
    await tx.insertInto('mail_outbox').values({ user_id: d.userId, notification_id: row.id, to_address: user.email, subject: text.subject, body: text.body }).execute();
  }
}
