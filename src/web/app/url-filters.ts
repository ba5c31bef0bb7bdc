import type { PaginationState } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';

/**
 * A list's view in the query string: its filters, `sort` and `page` (1-based), so that a reload, a
 * bookmark or a shared address opens the same view and the back button returns to the previous
 * one. Changing a filter or the sort goes back to the first page. Values are codes only: a search
 * by a child's name is never put in an address (it would reach the server's access log and the
 * browser's history).
 */
export function useUrlFilters(pageSize: number) {
  const [params, setParams] = useSearchParams();
  const get = (key: string): string | null => params.get(key);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  /** Sets (or, with null or '', removes) some keys; any change but the page's starts again at page 1. */
  const set = (patch: Record<string, string | null | undefined>, opts: { replace?: boolean } = {}) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      if (!('page' in patch)) next.delete('page');
      return next;
    }, { replace: opts.replace });
  };

  /** Replaces the whole view: `keep` survives (e.g. owner=all); everything else goes. */
  const reset = (keep: Record<string, string> = {}) => setParams(new URLSearchParams(keep));

  const pagination: PaginationState = { pageIndex: page - 1, pageSize };
  const onPaginationChange = (next: PaginationState) => set({ page: next.pageIndex > 0 ? String(next.pageIndex + 1) : null });

  return {
    params,
    get,
    /** `key=1` (a checkbox filter such as overdue=1). */
    flag: (key: string) => params.get(key) === '1',
    set,
    reset,
    sort: params.get('sort'),
    setSort: (sort: string | null) => set({ sort }),
    pagination,
    onPaginationChange,
    offset: (page - 1) * pageSize,
    /** Any of these keys in the address. */
    has: (keys: readonly string[]) => keys.some((k) => params.has(k)),
  };
}

export type UrlFilters = ReturnType<typeof useUrlFilters>;

/** A value from the address when it is one of `allowed`, else undefined (a hand-edited address never reaches the server malformed). */
export function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}
