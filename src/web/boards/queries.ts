import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import type { BoardDetail, BoardSummary } from '../../boards/boards-schema.ts';

/** The consultation board pages: the list, one board, and the writes (each answers the whole board). */
export type Board = BoardDetail;
export type { BoardSummary };

const enc = encodeURIComponent;
export const boardKeys = {
  all: ['boards'] as const,
  list: () => ['boards', 'list'] as const,
  one: (id: string) => ['boards', 'one', id] as const,
};

export function useBoards() {
  return useQuery({ queryKey: boardKeys.list(), queryFn: ({ signal }) => api<{ items: BoardSummary[] }>('/boards', { signal }) });
}

export function useBoard(id: string) {
  return useQuery({ queryKey: boardKeys.one(id), queryFn: ({ signal }) => api<Board>(`/boards/${enc(id)}`, { signal }) });
}

/** A write on a board (`path` under /boards/:id, or '' for the board itself); the answer replaces the board read. */
export function useBoardWrite(id: string | null, path: string, method: 'POST' | 'PUT' = 'POST') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<Board>(id ? `/boards/${enc(id)}${path}` : '/boards', { method, body, idempotent: method === 'POST' && !path.endsWith('/leave') }),
    onSuccess: (board) => {
      client.setQueryData(boardKeys.one(board.id), board);
      return client.invalidateQueries({ queryKey: boardKeys.list() });
    },
  });
}
