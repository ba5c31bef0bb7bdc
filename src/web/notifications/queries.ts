import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList, NotificationSettings, NotificationSettingsPatch } from '../../notifications/notification-schema.ts';
import { api } from '../app/api.ts';

/** The signed-in user's notifications: the bell polls the unread count once a minute. */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => [...notificationKeys.all, 'list'] as const,
  settings: () => [...notificationKeys.all, 'settings'] as const,
};

export function useNotifications(opts: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: notificationKeys.list(),
    queryFn: ({ signal }) => api<NotificationList>('/notifications', { query: { limit: 50 }, signal }),
    refetchInterval: opts.poll ? 60_000 : false,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => api<{ unread: number }>('/notifications/read', { method: 'POST', body: ids ? { ids } : {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.list() }),
  });
}

export function useNotificationSettings() {
  return useQuery({ queryKey: notificationKeys.settings(), queryFn: ({ signal }) => api<NotificationSettings>('/notifications/settings', { signal }) });
}

export function useUpdateNotificationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettingsPatch) => api<NotificationSettings>('/notifications/settings', { method: 'PATCH', body }),
    onSuccess: (data) => client.setQueryData(notificationKeys.settings(), data),
  });
}
