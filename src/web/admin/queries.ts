import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import type { NewOrganisation, NewUser, Organisation, OrganisationPatch, User, UserPatch } from './types.ts';

export interface Page {
  limit: number;
  offset: number;
  status?: 'active' | 'locked' | 'disabled' | undefined;
  sort?: string | undefined;
}

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (page: Page) => [...userKeys.lists(), page] as const,
  detail: (id: string) => [...userKeys.all, 'detail', id] as const,
};

export const organisationKeys = {
  all: ['organisations'] as const,
  list: () => [...organisationKeys.all, 'list'] as const,
};

export function useUsers(page: Page) {
  return useQuery({
    queryKey: userKeys.list(page),
    queryFn: ({ signal }) => api<{ items: User[]; total: number }>('/users', { query: { ...page }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * One user. Opened from the list, the row already in the cache shows at once; a direct visit
 * (reload, bookmark) asks GET /users/:id.
 */
export function useUser(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => api<User>(`/users/${encodeURIComponent(id)}`, { signal }),
    initialData: () => {
      for (const [, data] of queryClient.getQueriesData<{ items: User[] }>({ queryKey: userKeys.lists() })) {
        const found = data?.items.find((u) => u.id === id);
        if (found) return found;
      }
      return undefined;
    },
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => api<User>('/users', { method: 'POST', body, idempotent: true }),
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.detail(user.id), user);
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() });
    },
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserPatch) => api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.detail(id), user);
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() });
    },
  });
}

export function useOrganisations() {
  return useQuery({
    queryKey: organisationKeys.list(),
    queryFn: ({ signal }) => api<{ items: Organisation[] }>('/organisations', { signal }).then((r) => r.items),
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewOrganisation) => api<Organisation>('/organisations', { method: 'POST', body, idempotent: true }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
  });
}

export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationPatch) =>
      api<Organisation>(`/organisations/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: organisationKeys.all });
      // Users show their organisation's name.
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}
