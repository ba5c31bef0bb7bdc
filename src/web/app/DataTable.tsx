import {
  type CellData, type ColumnDef, type PaginationState, type RowData, type TableFeatures, type Updater,
  createColumnHelper, rowPaginationFeature, tableFeatures, useTable,
} from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format.ts';
import { type EmptyState, ListEmpty } from './ListStates.tsx';

/** The table features every list of the app uses: pages are cut by the server. */
export const listFeatures = tableFeatures({ rowPaginationFeature });
export type ListFeatures = typeof listFeatures;
export type ListColumn<T extends object> = ColumnDef<ListFeatures, T, any>;

declare module '@tanstack/react-table' {
  interface ColumnMeta<TFeatures extends TableFeatures, TData extends RowData, TValue extends CellData = CellData> {
    /** 'low': hidden at tablet width (≤ 800 px), where status, deadline and overdue must stay. */
    priority?: 'low';
    /** The list's server sort key this column orders by (its header becomes a button). */
    sortKey?: string;
    /** Never wrap (dates, badges). */
    nowrap?: boolean;
  }
}

export function listColumns<T extends object>() {
  return createColumnHelper<ListFeatures, T>();
}

export interface ServerPaging {
  pagination: PaginationState;
  onPaginationChange: (next: PaginationState) => void;
  total: number;
}

/** The server's order: `value` as in the address (`deadline`, `-openedAt`), `fallback` when none. */
export interface ServerSort {
  value: string | null;
  fallback: string;
  onChange: (next: string) => void;
}

/** Rows chosen for an action on several at once (the cases list's bulk assignment). */
export interface RowSelection<T> {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** The accessible name of a row's checkbox (names the child or the reference). */
  rowLabel: (row: T) => string;
  allLabel: string;
}

const NO_PAGING: PaginationState = { pageIndex: 0, pageSize: Number.POSITIVE_INFINITY };

/**
 * A semantic table in a horizontally scrolling region, compact rows; at tablet width the columns
 * whose meta says `priority: 'low'` hide. Headers with a `sortKey` are buttons that sort on the
 * server (aria-sort says the order); a pager when the list is paged on the server; an optional
 * checkbox column. The caption names the table for screen readers.
 */
export function DataTable<T extends object>(props: {
  caption: string;
  columns: ListColumn<T>[];
  data: T[];
  paging?: ServerPaging;
  sort?: ServerSort;
  selection?: RowSelection<T>;
  emptyText: string | EmptyState;
  getRowId?: (row: T) => string;
}) {
  const { caption, columns, data, paging, sort, selection, emptyText, getRowId } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const pagination = paging?.pagination ?? NO_PAGING;
  const table = useTable({
    features: listFeatures,
    columns,
    data,
    getRowId: getRowId ? (row: T) => getRowId(row) : undefined,
    manualPagination: true,
    rowCount: paging?.total ?? data.length,
    state: { pagination },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      if (!paging) return;
      paging.onPaginationChange(typeof updater === 'function' ? updater(paging.pagination) : updater);
    },
  });
  const rows = table.getRowModel().rows;
  const pageCount = paging ? Math.max(1, table.getPageCount()) : 1;
  const current = sort ? (sort.value ?? sort.fallback) : null;
  const empty: EmptyState = typeof emptyText === 'string' ? { text: emptyText } : emptyText;
  const pageIds = selection ? rows.map((r) => r.id) : [];
  const allChosen = pageIds.length > 0 && pageIds.every((id) => selection!.selected.has(id));
  const someChosen = pageIds.some((id) => selection?.selected.has(id));
  const classOf = (meta: { priority?: 'low'; nowrap?: boolean } | undefined) =>
    [meta?.priority === 'low' ? 'col-low' : '', meta?.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className="data-table">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="list-table">
          <caption>{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {selection && (
                  <th scope="col" className="col-select">
                    <input type="checkbox" aria-label={selection.allLabel} checked={allChosen} disabled={pageIds.length === 0}
                      ref={(el) => { if (el) el.indeterminate = someChosen && !allChosen; }} data-testid="select-page"
                      onChange={() => {
                        const next = new Set(selection.selected);
                        for (const id of pageIds) if (allChosen) next.delete(id); else next.add(id);
                        selection.onChange(next);
                      }} />
                  </th>
                )}
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const key = sort && meta?.sortKey;
                  const direction = key && current === key ? 'ascending' : key && current === `-${key}` ? 'descending' : undefined;
                  return (
                    <th key={header.id} scope="col" className={classOf(meta)} aria-sort={key ? (direction ?? 'none') : undefined}>
                      {header.isPlaceholder ? null : key ? (
                        <button type="button" className="sort-button" data-testid={`sort-${header.column.id}`}
                          onClick={() => sort.onChange(direction === 'ascending' ? `-${key}` : key)}>
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="sort-mark">{direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}</span>
                        </button>
                      ) : <table.FlexRender header={header} />}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + (selection ? 1 : 0)} className="empty">
                  <ListEmpty state={empty} />
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className={selection?.selected.has(row.id) ? 'selected' : undefined}>
                  {selection && (
                    <td className="col-select">
                      <input type="checkbox" aria-label={selection.rowLabel(row.original)} checked={selection.selected.has(row.id)}
                        onChange={(e) => {
                          const next = new Set(selection.selected);
                          if (e.target.checked) next.add(row.id); else next.delete(row.id);
                          selection.onChange(next);
                        }} />
                    </td>
                  )}
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={classOf(cell.column.columnDef.meta)}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {paging && (
        <nav className="pager" aria-label={t('table.pages')}>
          <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            {t('table.previous')}
          </button>
          <span aria-live="polite">
            {t('table.pageOf', {
              page: format.number(pagination.pageIndex + 1),
              pages: format.number(pageCount),
              total: format.number(paging.total),
            })}
          </span>
          <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            {t('table.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
