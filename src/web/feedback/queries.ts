import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FreeTextView, KioskView, NoteView } from '../../feedback/feedback-schema.ts';
import type { FigureTable } from '../../reports/figure-table.ts';
import { api } from '../app/api.ts';

/** The unit's feedback kiosks, their notes, results and free texts (TanStack Query keys). */
export type Kiosk = KioskView;
export type Note = NoteView;
export type FreeText = FreeTextView;

const enc = encodeURIComponent;
export const feedbackKeys = {
  all: ['feedback'] as const,
  kiosks: ['feedback', 'kiosks'] as const,
  notes: (id: string) => ['feedback', 'notes', id] as const,
  results: (kiosk?: string) => ['feedback', 'results', kiosk ?? ''] as const,
  texts: (state: string) => ['feedback', 'texts', state] as const,
};

export function useKiosks() {
  return useQuery({ queryKey: feedbackKeys.kiosks, queryFn: ({ signal }) => api<{ items: Kiosk[] }>('/kiosks', { signal }) });
}
export function useKioskNotes(id: string) {
  return useQuery({ queryKey: feedbackKeys.notes(id), queryFn: ({ signal }) => api<{ items: Note[] }>(`/kiosks/${enc(id)}/notes`, { signal }) });
}
export function useKioskResults(kiosk?: string) {
  return useQuery({ queryKey: feedbackKeys.results(kiosk), queryFn: ({ signal }) => api<{ tables: FigureTable[] }>('/kiosk-results', { query: kiosk ? { kiosk } : {}, signal }) });
}
export function useFreeTexts(state: 'unreviewed' | 'reviewed') {
  return useQuery({ queryKey: feedbackKeys.texts(state), queryFn: ({ signal }) => api<{ items: FreeText[] }>('/kiosk-texts', { query: { state }, signal }) });
}

function useFeedbackMutation<B, T>(fn: (body: B) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: feedbackKeys.all }) });
}
export const useCreateKiosk = () => useFeedbackMutation((body: { label: string; service: string; languages: string[] }) => api<Kiosk>('/kiosks', { method: 'POST', body, idempotent: true }));
export const useKioskStatus = () => useFeedbackMutation((b: { id: string; status: 'open' | 'closed'; version: number }) =>
  api<Kiosk>(`/kiosks/${enc(b.id)}/status`, { method: 'POST', body: { status: b.status, version: b.version } }));
export const usePublishNote = (id: string) => useFeedbackMutation((body: { language: string; youSaid: string; weDid: string }) =>
  api<Note>(`/kiosks/${enc(id)}/notes`, { method: 'POST', body, idempotent: true }));
export const useWithdrawNote = (id: string) => useFeedbackMutation((noteId: string) => api<{ ok: true }>(`/kiosks/${enc(id)}/notes/${enc(noteId)}`, { method: 'DELETE' }));
export const useMarkReviewed = () => useFeedbackMutation((id: string) => api<FreeText>(`/kiosk-texts/${enc(id)}/reviewed`, { method: 'POST', body: {} }));
export const useMakeSignal = () => useFeedbackMutation((b: { id: string; body: Record<string, unknown> }) =>
  api<{ signalId: string }>(`/kiosk-texts/${enc(b.id)}/signal`, { method: 'POST', body: b.body }));
