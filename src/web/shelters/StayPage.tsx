import './page-strings.ts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useStay } from './queries.ts';
import { useShelterRole } from './SheltersPage.tsx';
import { StayLinkState } from './StayBadges.tsx';
import { DischargeForm, FollowUpForm, LinkForm } from './StayForms.tsx';
import { StayPlan } from './StayPlan.tsx';

/** One stay: who, since when, why, the link to the unit's case, the length against the standard; the plan, discharge and follow-up. */
export function StayPage() {
  const { stayId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const { staff, unit } = useShelterRole();
  const query = useStay(stayId);
  usePageTitle(t('shelters.stay.title'));
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadFailed title={t('shelters.stay.title')} error={query.error} retry={() => query.refetch()} backTo="/shelters" backLabel={t('shelters.stay.back')} />;
  const s = query.data;
  const row = (label: string, value: React.ReactNode, testId?: string) => <><dt>{label}</dt><dd data-testid={testId}>{value}</dd></>;
  return (
    <section data-testid="stay-page">
      <h1>{t('shelters.stay.title')}: {s.child.givenName} {s.child.familyName}</h1>
      <p><Link to="/shelters">{t('shelters.stay.back')}</Link></p>
      <dl className="details summary">
        {row(t('shelters.stay.child'), `${s.child.givenName} ${s.child.familyName}${s.child.birthDate ? ` · ${format.date(s.child.birthDate)}` : ''} · ${t(`taxonomy:sex.${s.child.sex}`)}`)}
        {s.siblings.length > 0 && row(t('shelters.stay.siblings'), s.siblings.map((x) => <span key={x.admissionId}><Link to={`/shelters/stays/${x.admissionId}`}>{x.givenName} {x.familyName}</Link> </span>))}
        {s.companionName && row(t('shelters.stay.companion'), `${s.companionName} (${t(`shelters.admit.relation.${s.companionRelation}`)})`)}
        {row(t('shelters.stay.shelter'), s.shelterName)}
        {row(t('shelters.stay.admittedAt'), format.dateTime(s.admittedAt))}
        {row(t('shelters.stay.referredBy'), t(`shelters.admit.referredByOptions.${s.referredBy}`))}
        {row(t('shelters.stay.harmTypes'), s.harmTypes.map((h) => t(`taxonomy:harmType.${h}`)).join(', '))}
        {s.vulnerabilities && s.vulnerabilities.length > 0 && row(t('shelters.stay.vulnerabilities'), s.vulnerabilities.map((v) => t(`taxonomy:vulnerability.${v}`)).join(', '))}
        {row(t('shelters.stay.unit'), s.responsibleUnitName)}
        {row(t('shelters.stay.caseLink'), (
          <>
            <StayLinkState stay={s} />{' '}
            {s.linked
              ? (s.caseId ? <Link to={`/cases/${s.caseId}`}>{s.caseOwnerName ? t('shelters.stay.linkedOwner', { name: s.caseOwnerName }) : t('shelters.stay.linkedNoOwner')}</Link>
                : (s.caseOwnerName ? t('shelters.stay.linkedOwner', { name: s.caseOwnerName }) : null))
              : s.linkDueAt && t('shelters.stay.awaitingUntil', { due: format.dateTime(s.linkDueAt) })}
          </>
        ), 'stay-link')}
        {s.overCapacityReason && row(t('shelters.stay.overCapacity'), s.overCapacityReason)}
        {row(t('shelters.stay.length'), (
          <>
            {t('shelters.stay.lengthDays', { count: s.stayDays })}
            {s.standardDays != null && ` (${t('shelters.stay.standard', { count: s.standardDays })})`}
            {s.stayExceeded && <> <span className="badge badge-warning">{t('shelters.stay.exceeded')}</span></>}
          </>
        ))}
        {s.dischargedOn && row(t('shelters.stay.discharge.date'), format.date(s.dischargedOn), 'stay-discharged')}
        {s.destination && row(t('shelters.stay.discharge.destination'), t(`shelters.stay.discharge.destinations.${s.destination}`))}
        {s.dischargedWith && row(t('shelters.stay.discharge.with'), s.dischargedWith)}
        {s.followUpOn && row(t('shelters.stay.followUp.date'), `${format.date(s.followUpOn)} · ${s.followUpNote ?? ''}`)}
      </dl>
      {unit && !s.linked && <LinkForm stay={s} />}
      <StayPlan stay={s} editable={staff} />
      {staff && s.current && <DischargeForm stay={s} />}
      {staff && !s.current && !s.followUpOn && <FollowUpForm stay={s} />}
    </section>
  );
}
