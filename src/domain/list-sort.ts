import { z } from 'zod';

/**
 * A list's `sort` query parameter: one of its sortable keys, ascending (`deadline`) or
 * descending (`-openedAt`). Each list applies it in SQL with the row's id as the last key, so
 * that the order is total and the offset pages never repeat or skip a row.
 */
export function SortParam<K extends string>(keys: readonly [K, ...K[]]) {
  const values = [...keys, ...keys.map((k) => `-${k}` as const)] as [K | `-${K}`, ...Array<K | `-${K}`>];
  return z.enum(values).optional();
}

export function sortOf<K extends string>(sort: K | `-${K}`): { key: K; direction: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { key: sort.slice(1) as K, direction: 'desc' } : { key: sort as K, direction: 'asc' };
}
