import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type ListColumn, listColumns } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { type TaskItem, type TaskScope, useTasks } from './queries.ts';

const NO_ROWS: TaskItem[] = [];

/**
 * The user's open work, overdue first (the server sorts); a supervisor also sees the unit's.
 * Titles name no child: the list is read over a shoulder. Each capability's kind has a label
 * here (`tasks.kind.<kind>`); a kind without one shows the server's title.
 */
export function TasksPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('tasks.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const supervisor = me.roles.includes('supervisor');
  const [scope, setScope] = useState<TaskScope>('mine');
  const tasks = useTasks(scope);

  const columns = useMemo<ListColumn<TaskItem>[]>(() => {
    const col = listColumns<TaskItem>();
    return [
      col.display({
        id: 'title',
        header: () => t('tasks.column.task'),
        cell: ({ row }) => {
          const key = `tasks.kind.${row.original.kind}`;
          return <Link to={row.original.link}>{i18n.exists(key) ? t(key) : row.original.title}</Link>;
        },
      }),
      col.display({ id: 'due', header: () => t('tasks.column.due'), cell: ({ row }) => format.dateTime(row.original.dueAt) }),
      col.display({
        id: 'state',
        header: () => t('tasks.column.state'),
        cell: ({ row }) =>
          row.original.overdue ? (
            <span className="badge badge-overdue" data-status="overdue">{t('tasks.overdue')}</span>
          ) : (
            <span className="badge badge-muted" data-status="due">{t('tasks.due')}</span>
          ),
      }),
      col.display({ id: 'owner', header: () => t('tasks.column.owner'), cell: ({ row }) => row.original.ownerName ?? t('common.none') }),
    ];
  }, [t, i18n, format]);

  const overdue = tasks.data?.filter((x) => x.overdue).length ?? 0;

  return (
    <section>
      <h1>{t('tasks.title')}</h1>
      {supervisor && (
        <div className="scope-switch" role="group" aria-label={t('tasks.scopeLabel')}>
          {(['mine', 'unit'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} data-testid={`tasks-scope-${s}`}
              className={scope === s ? undefined : 'button-secondary'} onClick={() => setScope(s)}>
              {t(`tasks.scope.${s}`)}
            </button>
          ))}
        </div>
      )}
      {tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <ErrorMessage error={tasks.error} />
      ) : (
        <>
          <p className={overdue > 0 ? 'alert alert-warning' : 'hint'} role="status">
            {t('tasks.summary', { n: format.number(tasks.data.length), overdue: format.number(overdue) })}
          </p>
          <DataTable
            caption={t(scope === 'unit' ? 'tasks.captionUnit' : 'tasks.captionMine')}
            columns={columns}
            data={tasks.data ?? NO_ROWS}
            getRowId={(x) => `${x.kind}:${x.id}`}
            emptyText={t('tasks.empty')}
          />
        </>
      )}
    </section>
  );
}
