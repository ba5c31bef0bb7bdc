import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../app/DataTable.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { DUE_STATES, type TaskItem, type TaskScope, useTasks } from './queries.ts';
import { childLabel, kindLabel, taskColumns } from './task-columns.tsx';

type Grouping = 'due' | 'child' | 'none';
const GROUPINGS: readonly Grouping[] = ['due', 'child', 'none'];

/**
 * The user's open work, overdue first (the server sorts); a supervisor also sees the unit's. Each
 * row names the child (or, where the reader may not see the name, the case's or signal's
 * reference), what is due, when, and the risk or urgency. Grouped by due state (overdue, today,
 * this week, later) or by child; filtered by kind, due state (`due=today`, …) and overdue. Scope, grouping and filters live in
 * the URL's query string (useUrlFilters, as every list), so a view can be bookmarked or shared.
 */
export function TasksPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('tasks.title'));
  const me = useCurrentUser();
  const format = useFormat();
  const supervisor = me.roles.includes('supervisor');
  // The list is not paged: the whole of one's open work is one screen, grouped.
  const filters = useUrlFilters(Number.MAX_SAFE_INTEGER);
  const scope: TaskScope = supervisor && filters.get('scope') === 'unit' ? 'unit' : 'mine';
  const grouping: Grouping = oneOf(filters.get('group'), GROUPINGS) ?? 'due';
  const kind = filters.get('kind') ?? '';
  const overdueOnly = filters.flag('overdue');
  const due = oneOf(filters.get('due'), DUE_STATES) ?? '';
  const tasks = useTasks(scope);
  const set = (key: string, value: string | null) => filters.set({ [key]: value }, { replace: true });

  const exists = (key: string) => i18n.exists(key);
  const columns = useMemo(() => taskColumns(t, (key) => i18n.exists(key), format, scope === 'unit'), [t, i18n, format, scope]);
  const all = tasks.data ?? [];
  const kinds = [...new Set(all.map((x) => x.kind))];
  const shown = all.filter((x) => (!kind || x.kind === kind) && (!overdueOnly || x.overdue) && (!due || x.dueState === due));
  const overdue = all.filter((x) => x.overdue).length;
  const groups = groupTasks(shown, grouping, (x) => childLabel(t, x));

  return (
    <section className="tasks-page">
      <h1>{t('tasks.title')}</h1>
      {supervisor && (
        <div className="scope-switch" role="group" aria-label={t('tasks.scopeLabel')}>
          {(['mine', 'unit'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} data-testid={`tasks-scope-${s}`}
              className={scope === s ? undefined : 'button-secondary'} onClick={() => set('scope', s === 'mine' ? null : s)}>
              {t(`tasks.scope.${s}`)}
            </button>
          ))}
        </div>
      )}
      <form className="filters" role="search" aria-label={t('tasks.filter.label')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('tasks.filter.kind')}
          <select value={kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="">{t('tasks.filter.allKinds')}</option>
            {[...new Set([...kinds, ...(kind ? [kind] : [])])].map((k) => <option key={k} value={k}>{kindLabel(t, exists, { kind: k, title: k })}</option>)}
          </select>
        </label>
        <label>
          {t('tasksDue.label')}
          <select value={due} onChange={(e) => set('due', e.target.value)}>
            <option value="">{t('tasksDue.all')}</option>
            {DUE_STATES.map((d) => <option key={d} value={d}>{t(`tasks.dueState.${d}`)}</option>)}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => set('overdue', e.target.checked ? '1' : null)} />
          {t('tasks.filter.overdueOnly')}
        </label>
        <label>
          {t('tasks.group.label')}
          <select value={grouping} onChange={(e) => set('group', e.target.value === 'due' ? null : e.target.value)}>
            {GROUPINGS.map((g) => <option key={g} value={g}>{t(`tasks.group.${g}`)}</option>)}
          </select>
        </label>
      </form>
      {tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <ErrorMessage error={tasks.error} />
      ) : (
        <>
          <p className={overdue > 0 ? 'alert alert-warning' : 'hint'} role="status">
            {t('tasks.summary', { n: format.number(all.length), overdue: format.number(overdue) })}
          </p>
          {groups.length === 0 ? (
            <DataTable caption={t(scope === 'unit' ? 'tasks.captionUnit' : 'tasks.captionMine')} columns={columns} data={[]} emptyText={t(all.length > 0 ? 'tasks.emptyFiltered' : 'tasks.empty')} />
          ) : groups.map((g) => {
            const label = grouping === 'due' ? t(`tasks.dueState.${g.key}`) : grouping === 'child' ? g.key : t(scope === 'unit' ? 'tasks.captionUnit' : 'tasks.captionMine');
            return (
              <div key={g.key} className="task-group">
                {grouping !== 'none' && <h2>{t('tasks.groupHeading', { label, count: g.items.length })}</h2>}
                <DataTable caption={label} columns={columns} data={g.items} getRowId={(x) => `${x.kind}:${x.id}`} emptyText={t('tasks.empty')} />
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}

/** The rows in groups, each keeping the server's order (overdue first, then by due time). */
export function groupTasks(tasks: TaskItem[], grouping: Grouping, childOf: (x: TaskItem) => string): Array<{ key: string; items: TaskItem[] }> {
  if (tasks.length === 0) return [];
  if (grouping === 'none') return [{ key: 'all', items: tasks }];
  const keyOf = grouping === 'due' ? (x: TaskItem) => x.dueState : childOf;
  const groups = new Map<string, TaskItem[]>();
  if (grouping === 'due') for (const s of DUE_STATES) groups.set(s, []);
  for (const x of tasks) groups.set(keyOf(x), [...(groups.get(keyOf(x)) ?? []), x]);
  return [...groups].filter(([, items]) => items.length > 0).map(([key, items]) => ({ key, items }));
}
