import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { IntakeView } from '../../intakes/intake-schema.ts';
import { DetailsRow } from '../app/DetailsRow.tsx';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { useIntake } from './queries.ts';

/**
 * One intake: what the team wrote, whole, and the follow-up of the unit it was referred to —
 * screened or not, a case and who is responsible, when the child was last seen (facts only,
 * never the unit's narrative). The unit opens the signal from here.
 */
export function IntakePage() {
  const { t } = useTranslation();
  usePageTitle(t('intakes.pageTitle'));
  const { intakeId = '' } = useParams();
  const format = useFormat();
  const me = useCurrentUser();
  const lookup = useMunicipalityLookup(me.organisation.country);
  const intake = useIntake(intakeId);

  if (intake.isPending) return <Loading what={t('intakes.what')} />;
  if (intake.isError) {
    return <LoadFailed title={t('intakes.pageTitle')} error={intake.error} retry={() => intake.refetch()} backTo="/intakes" backLabel={t('intakes.backToList')} />;
  }
  const v = intake.data;
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));

  return (
    <section className="intake-page">
      <p><Link to="/intakes">{t('intakes.backToList')}</Link></p>
      <div className="page-heading">
        <h1>{t('intakes.pageTitle')}</h1>
        <span className={`badge ${v.followUp.screened ? 'badge-ok' : 'badge-warning'}`} data-testid="intake-screened">
          {v.followUp.screened ? t('intakes.screened.yes') : t('intakes.screened.no')}
        </span>
      </div>

      <h2>{t('intakes.followUpTitle')}</h2>
      <FollowUp intake={v} />
      {v.accessReason === 'unit' && <p><Link to={`/signals/${v.signalId}`}>{t('intakes.openSignal')}</Link></p>}

      <h2>{t('intakes.childrenTitle')}</h2>
      <ul className="signal-children" data-testid="intake-children">
        {v.children.map((c) => (
          <li key={c.id}>
            <Link to={`/children/${c.id}`}>{`${c.givenName} ${c.familyName}`}</Link>
            <span className="duplicate-meta">{[t(`taxonomy:sex.${c.sex}`), c.birthDate ? format.date(c.birthDate) : null].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>

      <h2>{t('intakes.detailsTitle')}</h2>
      <dl className="details">
        <DetailsRow field="station" label={t('intakes.field.station')}>{v.stationName}</DetailsRow>
        <DetailsRow field="calledAt" label={t('intakes.field.calledAt')}>{format.dateTime(v.calledAt)}</DetailsRow>
        <DetailsRow field="arrivedAt" label={t('intakes.field.arrivedAt')}>{format.dateTime(v.arrivedAt)}</DetailsRow>
        <DetailsRow field="responseMinutes" label={t('intakes.field.responseMinutes')}>{t('intakes.minutes', { count: v.responseMinutes, n: format.number(v.responseMinutes) })}</DetailsRow>
        <DetailsRow field="teamMembers" label={t('intakes.field.teamMembers')}>{v.teamMembers.map((m) => `${m.name} (${m.role})`).join(', ')}</DetailsRow>
        <DetailsRow field="municipality" label={t('intakes.field.municipality')}>{jurisdictionLabel(lookup.get(v.municipalityCode), v.municipalityCode)}</DetailsRow>
        <DetailsRow field="legalSituation" label={t('intakes.field.legalSituation')}>{t(`taxonomy:legalSituation.${v.legalSituation}`)}</DetailsRow>
        <DetailsRow field="harmTypes" label={t('intakes.field.harmTypes')}>{v.harmTypes.map((h) => t(`taxonomy:harmType.${h}`)).join(', ')}</DetailsRow>
        <DetailsRow field="parentPresent" label={t('intakes.field.parentPresent')}>{yesNo(v.parentPresent)}</DetailsRow>
        <DetailsRow field="lawyerPresent" label={t('intakes.field.lawyerPresent')}>{yesNo(v.lawyerPresent)}</DetailsRow>
        <DetailsRow field="psychologistPresent" label={t('intakes.field.psychologistPresent')}>{yesNo(v.psychologistPresent)}</DetailsRow>
        <DetailsRow field="childFriendlyRoom" label={t('intakes.field.childFriendlyRoom')}>{yesNo(v.childFriendlyRoom)}</DetailsRow>
        <DetailsRow field="supportGiven" label={t('intakes.field.supportGiven')}>{v.supportGiven ?? t('common.none')}</DetailsRow>
        <DetailsRow field="outcome" label={t('intakes.field.outcome')}>
          {[t(`taxonomy:intakeOutcome.${v.outcome}`), v.outcomeNote].filter(Boolean).join(' — ')}
        </DetailsRow>
        <DetailsRow field="recordedBy" label={t('intakes.field.recordedBy')}>{[v.recordedByName, v.teamName].filter(Boolean).join(', ')} · {format.dateTime(v.createdAt)}</DetailsRow>
      </dl>
    </section>
  );
}

function FollowUp({ intake }: { intake: IntakeView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const f = intake.followUp;
  const name = (id: string) => {
    const c = intake.children.find((x) => x.id === id);
    return c ? `${c.givenName} ${c.familyName}` : '';
  };
  return (
    <>
      <dl className="details" data-testid="intake-follow-up">
        <DetailsRow field="unit" label={t('intakes.field.unit')}>{f.unitName ?? t('intakes.noUnit')}</DetailsRow>
        <DetailsRow field="screened" label={t('intakes.field.screened')}>
          {f.screenedAt ? t('intakes.screenedAt', { at: format.dateTime(f.screenedAt) }) : t('intakes.awaitingScreening')}
        </DetailsRow>
      </dl>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('intakes.followUpCaption')}>
        <table>
          <caption>{t('intakes.followUpCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('intakes.field.child')}</th>
              <th scope="col">{t('intakes.field.case')}</th>
              <th scope="col">{t('intakes.field.childLastSeenAt')}</th>
            </tr>
          </thead>
          <tbody>
            {f.children.map((c) => (
              <tr key={c.childId}>
                <th scope="row">{name(c.childId)}</th>
                <td>{!c.caseOpened ? t('intakes.noCase') : c.responsibleName ? t('intakes.caseWith', { name: c.responsibleName }) : t('intakes.caseNoOwner')}</td>
                <td>{c.childLastSeenAt ? format.dateTime(c.childLastSeenAt) : t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
