import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActionItemInput, ActionItemList, ActionItemView, MeetingInput, MeetingList, MeetingPatch, MeetingView, SignalMeetingContext,
} from '../../meetings/meeting-schema.ts';
import { api } from '../app/api.ts';

export interface MeetingListParams {
  limit: number;
  offset: number;
  type?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort?: string | undefined;
}

export interface OrganisationOption {
  id: string;
  name: string;
  sector: string;
  isProtectionUnit: boolean;
  active: boolean;
}

/** Query keys for meetings and action items (ids and filters only, never child data). */
export const meetingKeys = {
  all: ['meetings'] as const,
  lists: () => [...meetingKeys.all, 'list'] as const,
  list: (params: MeetingListParams) => [...meetingKeys.lists(), params] as const,
  detail: (id: string) => [...meetingKeys.all, 'detail', id] as const,
  signalContext: (signalId: string) => [...meetingKeys.all, 'from-signal', signalId] as const,
  myItems: () => [...meetingKeys.all, 'action-items', 'mine'] as const,
  organisations: (country: string) => [...meetingKeys.all, 'organisations', country] as const,
};

export function useMeetings(params: MeetingListParams) {
  return useQuery({
    queryKey: meetingKeys.list(params),
    queryFn: ({ signal }) => api<z.infer<typeof MeetingList>>('/meetings', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: ({ signal }) => api<MeetingView>(`/meetings/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useSignalContext(signalId: string | null) {
  return useQuery({
    queryKey: meetingKeys.signalContext(signalId ?? ''),
    queryFn: ({ signal }) => api<SignalMeetingContext>(`/meetings/from-signal/${encodeURIComponent(signalId!)}`, { signal }),
    enabled: !!signalId,
  });
}

export function useMyActionItems(enabled = true) {
  return useQuery({
    queryKey: meetingKeys.myItems(),
    queryFn: ({ signal }) => api<z.infer<typeof ActionItemList>>('/action-items', { query: { mine: 'true', state: 'open', limit: 200 }, signal }),
    enabled,
  });
}

export function useOrganisations(country: string) {
  return useQuery({
    queryKey: meetingKeys.organisations(country),
    queryFn: ({ signal }) => api<{ items: OrganisationOption[] }>('/organisations', { query: { country }, signal }),
    staleTime: 5 * 60_000,
  });
}

export function useConveneMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingInput) => api<MeetingView>('/meetings', { method: 'POST', body: input, idempotent: true }),
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingKeys.detail(meeting.id), meeting);
      void queryClient.invalidateQueries({ queryKey: meetingKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export function useUpdateMeeting(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: MeetingPatch) => api<MeetingView>(`/meetings/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingKeys.detail(id), meeting);
      void queryClient.invalidateQueries({ queryKey: meetingKeys.lists() });
    },
  });
}

/** Adding, completing and reopening items change the meeting and the task lists. */
function useItemMutation<V>(meetingId: string, fn: (vars: V) => Promise<ActionItemView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.myItems() });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export function useAddActionItem(meetingId: string) {
  return useItemMutation(meetingId, (input: ActionItemInput) =>
    api<ActionItemView>(`/meetings/${encodeURIComponent(meetingId)}/action-items`, { method: 'POST', body: input, idempotent: true }));
}

export function useCompleteActionItem(meetingId: string) {
  return useItemMutation(meetingId, (vars: { id: string; note?: string }) =>
    api<ActionItemView>(`/action-items/${encodeURIComponent(vars.id)}/done`, { method: 'POST', body: vars.note ? { note: vars.note } : {} }));
}

export function useReopenActionItem(meetingId: string) {
  return useItemMutation(meetingId, (id: string) =>
    api<ActionItemView>(`/action-items/${encodeURIComponent(id)}/reopen`, { method: 'POST', body: {} }));
}
