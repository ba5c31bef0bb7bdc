import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import type { CertificateView, ModuleView, NeedView, ParticipantView, SessionDetail, SessionView } from '../../trainings/trainings-schema.ts';

/** The trainings register's pages (issue 14 §5): TanStack Query keys and calls. */
export type { CertificateView, ModuleView, NeedView, ParticipantView, SessionDetail, SessionView };
export type TrainerHome = { upcoming: SessionView[]; toIssue: Array<{ participantId: string; name: string; sessionId: string; moduleTitle: string; endsOn: string }> };

const enc = encodeURIComponent;
export const trainingKeys = {
  all: ['trainings'] as const,
  home: ['trainings', 'home'] as const,
  modules: ['trainings', 'modules'] as const,
  sessions: ['trainings', 'sessions'] as const,
  session: (id: string) => ['trainings', 'session', id] as const,
  needs: ['trainings', 'needs'] as const,
};

export const useTrainerHome = () => useQuery({ queryKey: trainingKeys.home, queryFn: ({ signal }) => api<TrainerHome>('/trainings/home', { signal }) });
export const useModules = () => useQuery({ queryKey: trainingKeys.modules, queryFn: ({ signal }) => api<ModuleView[]>('/training-modules', { signal }) });
export const useSessions = () => useQuery({ queryKey: trainingKeys.sessions, queryFn: ({ signal }) => api<{ items: SessionView[] }>('/training-sessions', { signal }) });
export const useSession = (id: string) => useQuery({ queryKey: trainingKeys.session(id), queryFn: ({ signal }) => api<SessionDetail>(`/training-sessions/${enc(id)}`, { signal }) });
export const useNeeds = () => useQuery({ queryKey: trainingKeys.needs, queryFn: ({ signal }) => api<NeedView[]>('/training-needs', { signal }) });

/** A write of the register; everything read of it is read again after. */
export function useTrainingWrite<T>(path: string, method: 'POST' | 'PUT' = 'POST') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<T>(path, { method, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

/** A write whose path depends on the row (attendance, results, certificate of one participant). */
export function useParticipantWrite<T>(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ participantId, what, method, body }: { participantId: string; what: 'attendance' | 'results' | 'certificate'; method: 'POST' | 'PUT'; body: unknown }) =>
      api<T>(`/training-sessions/${enc(sessionId)}/participants/${enc(participantId)}/${what}`, { method, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
