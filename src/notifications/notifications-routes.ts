import { ErrorBody } from '../domain/common-schema.ts';
import { iso } from '../domain/dates.ts';
import type { App } from '../server/types.ts';
import { mailSettings } from './mail-settings.ts';
import { NOTIFICATION_KINDS, type NotificationEntity, type NotificationKind, deliveryOf, notificationPath } from './notification-kinds.ts';
import { MarkReadInput, NotificationList, NotificationListQuery, NotificationSettings, NotificationSettingsPatch, Unread } from './notification-schema.ts';

const tags = ['notifications'];

/**
 * The signed-in user's own notifications (the bell) and their choice of what to receive and how.
 * Notifications hold no child data (a kind and a link), so they are read without a Door; each
 * user reads only their own.
 */
export async function notificationsRoutes(app: App) {
  const db = app.database.db;
  const unread = async (userId: string) =>
    Number((await db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow()).n);

  app.get('/notifications', {
    schema: { operationId: 'listNotifications', tags, summary: 'Your notifications, newest first, and how many are unread', querystring: NotificationListQuery, response: { 200: NotificationList, 400: ErrorBody } },
    handler: async (request) => {
      const userId = request.actor!.userId;
      const rows = await db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(request.query.limit).execute();
      return {
        items: rows.map((r) => ({ id: r.id, kind: r.kind as NotificationKind, path: notificationPath(r.entity as NotificationEntity, r.entity_id), createdAt: iso(r.created_at), readAt: r.read_at ? iso(r.read_at) : null })),
        unread: await unread(userId),
      };
    },
  });

  app.post('/notifications/read', {
    schema: { operationId: 'markNotificationsRead', tags, summary: 'Marks your notifications read: those named, or all', body: MarkReadInput, response: { 200: Unread, 400: ErrorBody } },
    handler: async (request) => {
      const userId = request.actor!.userId;
      let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
      if (request.body.ids) q = request.body.ids.length ? q.where('id', 'in', request.body.ids) : q.where('id', 'is', null);
      await q.execute();
      return { unread: await unread(userId) };
    },
  });

  const settings = async (userId: string) => {
    const u = await db.selectFrom('users').select(['email', 'notification_prefs']).where('id', '=', userId).executeTakeFirstOrThrow();
    return {
      email: u.email,
      prefs: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, deliveryOf(u.notification_prefs, k)])) as NotificationSettings['prefs'],
      mailEnabled: mailSettings().smtpUrl !== null,
    };
  };

  app.get('/notifications/settings', {
    schema: { operationId: 'getNotificationSettings', tags, summary: 'Your e-mail address and what you receive, per kind of event', response: { 200: NotificationSettings } },
    handler: (request) => settings(request.actor!.userId),
  });

  app.patch('/notifications/settings', {
    schema: { operationId: 'updateNotificationSettings', tags, summary: 'Changes your e-mail address (null: none) or what you receive', body: NotificationSettingsPatch, response: { 200: NotificationSettings, 400: ErrorBody } },
    handler: async (request) => {
      const userId = request.actor!.userId;
      const current = await settings(userId);
      const changes = {
        ...(request.body.email !== undefined ? { email: request.body.email } : {}),
        ...(request.body.prefs ? { notification_prefs: JSON.stringify({ ...current.prefs, ...request.body.prefs }) } : {}),
      };
      if (Object.keys(changes).length > 0) await db.updateTable('users').set(changes).where('id', '=', userId).execute();
      return settings(userId);
    },
  });
}
