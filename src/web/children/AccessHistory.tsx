import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AccessHistoryEntry } from '../../children/child-schema.ts';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { useAccessHistory } from './queries.ts';

type Entry = z.infer<typeof AccessHistoryEntry>;

/** "Who read or changed this record", from the audit log, for the unit's supervisor. */
export function AccessHistory({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useAccessHistory(childId, true);
  const columns = useMemo<ListColumn<Entry>[]>(() => {
    const col = listColumns<Entry>();
    return [
      col.display({ id: 'at', header: () => t('history.at'), cell: ({ row }) => format.dateTime(row.original.at) }),
      col.display({ id: 'actor', header: () => t('history.actor'), cell: ({ row }) => row.original.actorName }),
      col.display({
        id: 'action',
        header: () => t('history.action'),
        cell: ({ row }) => t(`history.actions.${row.original.action}`, { defaultValue: row.original.action }),
      }),
      col.display({
        id: 'reason',
        header: () => t('history.reason'),
        cell: ({ row }) =>
          row.original.reason
            ? t(`history.reasons.${row.original.reason}`, { defaultValue: row.original.reason })
            : t('common.none'),
      }),
      col.display({
        id: 'outcome',
        header: () => t('history.outcome'),
        cell: ({ row }) => t(`history.outcomes.${row.original.outcome}`, { defaultValue: row.original.outcome }),
      }),
      col.display({
        id: 'fields',
        header: () => t('history.fields'),
        cell: ({ row }) =>
          row.original.fields.length
            ? row.original.fields.map((f) => t(`child.field.${f}`, { defaultValue: f })).join(', ')
            : t('common.none'),
      }),
    ];
  }, [t, format]);

  return (
    <section className="panel" aria-labelledby="access-history-title" data-testid="access-history">
      <h2 id="access-history-title">{t('history.title')}</h2>
      <p className="hint">{t('history.intro')}</p>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorMessage error={history.error} />
      ) : (
        <DataTable
          caption={t('history.title')}
          columns={columns}
          data={history.data.items}
          getRowId={(e) => String(e.seq)}
          emptyText={t('history.empty')}
        />
      )}
    </section>
  );
}
