import {
  type ColumnDef, type PaginationState, type Updater, createColumnHelper, rowPaginationFeature, tableFeatures, useTable,
} from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format.ts';

/** The table features every list of the app uses: pages are cut by the server. */
export const listFeatures = tableFeatures({ rowPaginationFeature });
export type ListFeatures = typeof listFeatures;
export type ListColumn<T extends object> = ColumnDef<ListFeatures, T, any>;

export function listColumns<T extends object>() {
  return createColumnHelper<ListFeatures, T>();
}

export interface ServerPaging {
  pagination: PaginationState;
  onPaginationChange: (next: PaginationState) => void;
  total: number;
}

const NO_PAGING: PaginationState = { pageIndex: 0, pageSize: Number.POSITIVE_INFINITY };

/**
 * A semantic table in a horizontally scrolling region (tablet width), with a pager when the
 * list is paged on the server. The caption names the table for screen readers.
 */
export function DataTable<T extends object>(props: {
  caption: string;
  columns: ListColumn<T>[];
  data: T[];
  paging?: ServerPaging;
  emptyText: string;
  getRowId?: (row: T) => string;
}) {
  const { caption, columns, data, paging, emptyText, getRowId } = props;
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

  return (
    <div className="data-table">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col">
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {emptyText}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id}>
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
