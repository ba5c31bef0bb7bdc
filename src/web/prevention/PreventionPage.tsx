import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTIVITY_TOPICS } from '../../prevention/prevention-schema.ts';
import { DateInput, wholeDays } from '../app/DateInput.tsx';
import { Loading } from '../app/ErrorMessage.tsx';
import { ListEmpty, ListLoadFailed, emptyState } from '../app/ListStates.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { oneOf, useUrlFilters } from '../app/url-filters.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { useActivities } from './queries.ts';

const PAGE = 25;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const FILTERS = ['from', 'to', 'municipality', 'topic'] as const;

/** Prevention activities: newest first, filtered by period, municipality and topic (all in the address). */
export function PreventionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  usePageTitle(t('prevention.title'));
  const filters = useUrlFilters(PAGE);
  const municipalities = useMunicipalityLookup(me.organisation.country);
  const day = (key: string) => { const v = filters.get(key); return v && ISO_DAY.test(v) ? v : undefined; };
  const municipality = municipalities.has(filters.get('municipality') ?? '') ? filters.get('municipality')! : undefined;
  const topic = oneOf(filters.get('topic'), ACTIVITY_TOPICS);
  const query = useActivities({ from: day('from'), to: day('to'), municipality, topic, limit: PAGE, offset: filters.offset });
  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / PAGE)) : 1;
  const page = filters.pagination.pageIndex + 1;
  const empty = emptyState(filters.has(FILTERS), { filtered: t('prevention.none'), none: t('prevention.none') }, () => filters.reset());
  const sorted = [...municipalities.values()].sort((a, b) => a.nameLocal.localeCompare(b.nameLocal));
  return (
    <section data-testid="prevention-page">
      <h1>{t('prevention.title')}</h1>
      <p className="hint">{t('prevention.intro')}</p>
      <p><Link className="button" to="/prevention/new" data-testid="prevention-new">{t('prevention.new')}</Link></p>
      <div className="filters" role="group" aria-label={t('prevention.filters.label')}>
        <div className="field">
          <label htmlFor="prevention-from">{t('prevention.filters.from')}</label>
          <DateInput id="prevention-from" value={day('from') ?? ''} onChange={wholeDays((v) => filters.set({ from: v }))} />
        </div>
        <div className="field">
          <label htmlFor="prevention-to">{t('prevention.filters.to')}</label>
          <DateInput id="prevention-to" value={day('to') ?? ''} onChange={wholeDays((v) => filters.set({ to: v }))} />
        </div>
        <div className="field">
          <label htmlFor="prevention-municipality">{t('prevention.filters.municipality')}</label>
          <select id="prevention-municipality" value={municipality ?? ''} onChange={(e) => filters.set({ municipality: e.target.value })}>
            <option value="">{t('prevention.filters.allMunicipalities')}</option>
            {sorted.map((m) => <option key={m.code} value={m.code}>{jurisdictionLabel(m, m.code)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="prevention-topic">{t('prevention.filters.topic')}</label>
          <select id="prevention-topic" value={topic ?? ''} onChange={(e) => filters.set({ topic: e.target.value })}>
            <option value="">{t('prevention.filters.allTopics')}</option>
            {ACTIVITY_TOPICS.map((c) => <option key={c} value={c}>{t(`prevention.topic.${c}`)}</option>)}
          </select>
        </div>
      </div>
      {query.isPending ? <Loading /> : query.isError ? <ListLoadFailed error={query.error} onRetry={() => query.refetch()} />
        : query.data.items.length === 0 ? <p data-testid="prevention-empty"><ListEmpty state={empty} /></p> : (
          <>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('prevention.title')}>
              <table data-testid="prevention-table">
                <thead>
                  <tr>
                    <th scope="col">{t('prevention.column.heldOn')}</th>
                    <th scope="col">{t('prevention.column.title')}</th>
                    <th scope="col">{t('prevention.column.topic')}</th>
                    <th scope="col">{t('prevention.column.municipality')}</th>
                    <th scope="col">{t('prevention.column.organisation')}</th>
                    <th scope="col">{t('prevention.column.children')}</th>
                    <th scope="col">{t('prevention.column.adults')}</th>
                  </tr>
                </thead>
                <tbody>
                  {query.data.items.map((a) => (
                    <tr key={a.id} data-testid="prevention-row">
                      <td>{format.date(a.heldOn)}</td>
                      <th scope="row"><Link to={`/prevention/${a.id}`}>{a.title}</Link></th>
                      <td>{t(`prevention.topic.${a.topic}`)}</td>
                      <td>{jurisdictionLabel(municipalities.get(a.municipalityCode), a.municipalityCode)}</td>
                      <td>{a.orgName}</td>
                      <td>{format.number(a.totals.children)}</td>
                      <td>{format.number(a.totals.adults)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pages > 1 && (
              <nav className="pager" aria-label={t('prevention.pager.label')}>
                <button type="button" className="button-secondary" disabled={page <= 1} onClick={() => filters.set({ page: page > 2 ? String(page - 1) : null })}>{t('prevention.pager.previous')}</button>
                <span>{t('prevention.pager.pageOf', { page, pages })}</span>
                <button type="button" className="button-secondary" disabled={page >= pages} onClick={() => filters.set({ page: String(page + 1) })}>{t('prevention.pager.next')}</button>
              </nav>
            )}
          </>
        )}
    </section>
  );
}
