import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { REACH_AGE_GROUPS, REACH_SEXES } from '../../prevention/prevention-schema.ts';
import { DetailsRow } from '../app/DetailsRow.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { useActivity } from './queries.ts';

/** One prevention activity: where, when, on what, who facilitated, whom it reached. */
export function ActivityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const { id = '' } = useParams();
  const query = useActivity(id);
  const municipalities = useMunicipalityLookup(me.organisation.country);
  usePageTitle(query.data?.title ?? t('prevention.title'));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => query.refetch()} />;
  const a = query.data;
  const reached = (age: string, sex: string) => a.childrenReached.find((c) => c.ageGroup === age && c.sex === sex)?.children ?? 0;
  return (
    <section data-testid="prevention-activity">
      <p><Link to="/prevention">{t('prevention.back')}</Link></p>
      <h1>{a.title}</h1>
      {a.editable ? <p><Link className="button" to={`/prevention/${a.id}/edit`} data-testid="prevention-edit">{t('prevention.edit')}</Link></p>
        : <p className="hint">{t('prevention.notEditable')}</p>}
      <dl className="details">
        <DetailsRow field="heldOn" label={t('prevention.field.heldOn')}>{format.date(a.heldOn)}</DetailsRow>
        <DetailsRow field="place" label={t('prevention.field.place')}>{t(`prevention.place.${a.place}`)}</DetailsRow>
        <DetailsRow field="municipality" label={t('prevention.field.municipalityCode')}>{jurisdictionLabel(municipalities.get(a.municipalityCode), a.municipalityCode)}</DetailsRow>
        <DetailsRow field="topic" label={t('prevention.field.topic')}>{t(`prevention.topic.${a.topic}`)}</DetailsRow>
        <DetailsRow field="facilitators" label={t('prevention.field.facilitators')}>{a.facilitators.join(', ') || '—'}</DetailsRow>
        <DetailsRow field="totals" label={t('prevention.column.children')}>{t('prevention.totals', { children: format.number(a.totals.children), adults: format.number(a.totals.adults) })}</DetailsRow>
        <DetailsRow field="coOrganised" label={t('prevention.field.childrenCoOrganised')}>{a.childrenCoOrganised ? t('common.yes') : t('common.no')}</DetailsRow>
        <DetailsRow field="org" label={t('prevention.recordedBy')}>{a.orgName}{a.authorName ? ` · ${a.authorName}` : ''}</DetailsRow>
        {a.ref && <DetailsRow field="ref" label={t('prevention.field.ref')}>{a.ref}</DetailsRow>}
      </dl>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('prevention.field.childrenReached')}>
        <table data-testid="prevention-reach">
          <caption>{t('prevention.field.childrenReached')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prevention.field.ageGroup')}</th>
              {REACH_SEXES.map((sex) => <th key={sex} scope="col">{t(sex === 'female' ? 'prevention.field.girls' : 'prevention.field.boys')}</th>)}
            </tr>
          </thead>
          <tbody>
            {REACH_AGE_GROUPS.map((age) => (
              <tr key={age}>
                <th scope="row">{t(`taxonomy:ageGroup.${age}`)}</th>
                {REACH_SEXES.map((sex) => <td key={sex}>{format.number(reached(age, sex))}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('prevention.field.adults')}</h2>
      <dl className="details">
        {(['parents', 'teachers', 'professionals'] as const).map((k) => (
          <DetailsRow key={k} field={k} label={t(`prevention.field.${k}`)}>{format.number(a.adults[k])}</DetailsRow>
        ))}
      </dl>
    </section>
  );
}
