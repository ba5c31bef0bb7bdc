import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { type ListColumn, listColumns } from '../app/DataTable.tsx';
import type { useFormat } from '../app/format.ts';
import { RiskBadge } from '../cases/CaseBadges.tsx';
import type { TaskItem } from './queries.ts';

/**
 * Who the task is about: the child's name when the server gave it (the reader may see it), else
 * the case's, signal's or meeting's reference; "+N" when the subject concerns several children.
 */
export function childLabel(t: TFunction, task: TaskItem): string {
  const ref = task.subjectKind && task.subjectRef ? t('tasks.subjectRef', { subject: t(`tasks.subject.${task.subjectKind}`), ref: task.subjectRef }) : t('common.none');
  const who = task.child?.name ?? ref;
  return task.childCount > 1 ? `${who} ${t('tasks.moreChildren', { count: task.childCount - 1 })}` : who;
}

export function kindLabel(t: TFunction, exists: (key: string) => boolean, task: Pick<TaskItem, 'kind' | 'title'>): string {
  const key = `tasks.kind.${task.kind}`;
  return exists(key) ? t(key) : task.title;
}

/** One row per task: the child, what is due, when, the risk or urgency, whose. */
export function taskColumns(t: TFunction, exists: (key: string) => boolean, format: ReturnType<typeof useFormat>, showOwner: boolean): ListColumn<TaskItem>[] {
  const col = listColumns<TaskItem>();
  const columns: ListColumn<TaskItem>[] = [
    col.display({
      id: 'child',
      header: () => t('tasks.column.child'),
      cell: ({ row }) => <span className={row.original.child?.name ? 'task-child' : 'task-child task-ref'}>{childLabel(t, row.original)}</span>,
    }),
    col.display({
      id: 'title',
      header: () => t('tasks.column.task'),
      cell: ({ row }) => <Link to={row.original.link}>{kindLabel(t, exists, row.original)}</Link>,
    }),
    col.display({
      id: 'due',
      header: () => t('tasks.column.due'),
      cell: ({ row }) => (
        <span className="task-due">
          <span className={row.original.overdue ? 'badge badge-overdue' : row.original.dueState === 'today' ? 'badge badge-warning' : 'badge badge-muted'}
            data-status={row.original.dueState}>
            {row.original.overdue ? t('tasks.overdue') : t(`tasks.dueState.${row.original.dueState}`)}
          </span>{' '}
          <time dateTime={row.original.dueAt}>{format.dateTime(row.original.dueAt)}</time>
        </span>
      ),
    }),
    col.display({
      id: 'risk',
      header: () => t('tasks.column.risk'),
      cell: ({ row }) => {
        const { riskLevel, urgency } = row.original;
        if (!riskLevel && !urgency) return t('common.none');
        return (
          <span className="task-risk">
            {riskLevel && <RiskBadge level={riskLevel} />}
            {urgency && urgency !== 'normal' && (
              <> <span className={urgency === 'immediate' ? 'badge badge-overdue' : 'badge badge-warning'} data-urgency={urgency}>{t(`signals.urgency.${urgency}`)}</span></>
            )}
          </span>
        );
      },
    }),
  ];
  if (showOwner) columns.push(col.display({ id: 'owner', header: () => t('tasks.column.owner'), cell: ({ row }) => row.original.ownerName ?? t('common.none') }));
  return columns;
}
