import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SignalView } from '../../signals/signal-schema.ts';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { canConvene } from '../meetings/permissions.ts';
import { useSignal } from './queries.ts';
import { ScreeningCountdown } from './ScreeningCountdown.tsx';
import { ScreeningForm } from './ScreeningForm.tsx';
import { SignalStatusBadge } from './SignalStatusBadge.tsx';
import { DetailsRow } from '../app/DetailsRow.tsx';

/** One signal as the reader may see it, its children, and its screening (or the form for it). */
export function SignalPage() {
  const { t } = useTranslation();
  usePageTitle(t('signals.pageTitle'));
  const { signalId = '' } = useParams();
  const me = useCurrentUser();
  const format = useFormat();
  const signal = useSignal(signalId);

  if (signal.isPending) return <Loading what={t('forms.what.signal')} />;
  if (signal.isError) return <LoadFailed title={t('signals.pageTitle')} error={signal.error} retry={() => signal.refetch()} backTo="/signals" backLabel={t('signals.backToList')} />;
  const view = signal.data;
  const mayScreen = view.allowed.includes('screen') && me.roles.some((r) => r === 'caseworker' || r === 'supervisor');
  // The unit convenes the meeting on its own signal (the initial one, or a later one), from here.
  const mayConvene = canConvene(me) && view.unitId !== null && view.unitId === me.organisation.id;

  const unscreened = view.status === 'unscreened';
  const screening = view.screening ? <ScreeningResult signal={view} /> : mayScreen ? <ScreeningForm key={view.version} signal={view} /> : null;
  const details = (
    <>
      <h2>{t('signals.childrenTitle')}</h2>
      <ul className="signal-children" data-testid="signal-children">
        {view.children.map((c) => (
          <li key={c.id}>
            <Link to={`/children/${c.id}`}>{`${c.givenName ?? ''} ${c.familyName ?? ''}`.trim() || t('child.withheld')}</Link>
            <span className="duplicate-meta">
              {[t(`taxonomy:sex.${c.sex}`), c.birthDate ? format.date(c.birthDate) : null].filter(Boolean).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      <h2 id="signal-details-title">{t('signalPage.details')}</h2>
      <SignalDetails signal={view} />
    </>
  );

  return (
    <section className="signal-page">
      <p><Link to="/signals">{t('signals.backToList')}</Link></p>
      <div className="page-heading">
        <h1>{t('signals.pageTitle')}</h1>
        <SignalStatusBadge signal={{ status: view.status, overdue: view.overdue, decision: view.screening?.decision ?? null }} />
      </div>
      {view.overdue && <p className="alert alert-error" role="status">{t('signals.overdueNote')}</p>}
      {view.withheld.length > 0 && <p className="alert alert-info">{t('signals.withheldIntro')}</p>}
      {/* An unscreened signal opens on its screening: the clock and the form first, the details after. */}
      {unscreened && <ScreeningCountdown signal={view} />}
      {unscreened && screening}
      {details}
      {view.caseId && (
        <p data-testid="signal-case-link"><Link to={`/cases/${view.caseId}`}>{t('cases.fromSignal')}</Link></p>
      )}
      {!unscreened && screening}
      {mayConvene && <SignalMeeting signal={view} />}
    </section>
  );
}

/** The initial meeting on the signal: offered to convene while there is none, otherwise its link. */
function SignalMeeting({ signal }: { signal: SignalView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const m = signal.meeting;
  if (m) {
    return (
      <p data-testid="signal-meeting">
        {t(m.status === 'held' ? 'signalPage.meetingHeld' : 'signalPage.meetingPlanned', { at: format.dateTime(m.heldAt) })}{' '}
        <Link to={`/meetings/${m.id}`}>{t('signalPage.openMeeting')}</Link>
      </p>
    );
  }
  return (
    <p data-testid="signal-convene-link">
      <Link className="button button-secondary" to={`/meetings/new?signal=${encodeURIComponent(signal.id)}`}>{t('meetings.conveneOnSignal')}</Link>
    </p>
  );
}


function SignalDetails({ signal }: { signal: SignalView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lookup = useMunicipalityLookup(signal.country);
  const dash = t('common.none');
  const withheld = (field: string, value: ReactNode) =>
    signal.withheld.includes(field) ? <span className="withheld-text">{t('child.withheld')}</span> : value;
  return (
    <dl className="details">
      <DetailsRow field="receivedAt" label={t('signals.field.receivedAt')}>{format.dateTime(signal.receivedAt)}</DetailsRow>
      <DetailsRow field="screeningDueAt" label={t('signals.field.screeningDueAt')}>{format.dateTime(signal.screeningDueAt)}</DetailsRow>
      <DetailsRow field="urgency" label={t('signals.field.urgency')}>{t(`signals.urgency.${signal.urgency}`)}</DetailsRow>
      <DetailsRow field="channel" label={t('signals.field.channel')}>{signal.channel ? t(`taxonomy:channel.${signal.channel}`) : dash}</DetailsRow>
      <DetailsRow field="source" label={t('signals.field.source')}>{t(`taxonomy:signalSource.${signal.source}`)}</DetailsRow>
      <DetailsRow field="reporterName" label={t('signals.field.reporterName')}>{withheld('reporterName', signal.reporterName || dash)}</DetailsRow>
      <DetailsRow field="reporterContact" label={t('signals.field.reporterContact')}>{withheld('reporterContact', signal.reporterContact || dash)}</DetailsRow>
      <DetailsRow field="harmTypes" label={t('signals.field.harmTypes')}>{signal.harmTypes.map((h) => t(`taxonomy:harmType.${h}`)).join(', ')}</DetailsRow>
      <DetailsRow field="place" label={t('signals.field.place')}>{t(`taxonomy:place.${signal.place}`)}</DetailsRow>
      <DetailsRow field="perpetrators" label={t('signals.field.perpetrators')}>
        {withheld('perpetrators', (signal.perpetrators ?? []).map((p) => t(`taxonomy:perpetrator.${p}`)).join(', ') || dash)}
      </DetailsRow>
      <DetailsRow field="description" label={t('signals.field.description')}>
        {withheld('description', signal.description ? <span className="prewrap">{signal.description}</span> : dash)}
      </DetailsRow>
      <DetailsRow field="municipality" label={t('signals.field.municipality')}>{jurisdictionLabel(lookup.get(signal.municipalityCode), signal.municipalityCode)}</DetailsRow>
      <DetailsRow field="unit" label={t('signals.field.unit')}>{signal.unitName ?? t('signals.noUnit')}</DetailsRow>
      <DetailsRow field="registeredBy" label={t('signals.field.registeredBy')}>
        {[signal.registeredByName, signal.registeredOrgName].filter(Boolean).join(', ') || dash}
      </DetailsRow>
    </dl>
  );
}

function ScreeningResult({ signal }: { signal: SignalView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const s = signal.screening!;
  const dash = t('common.none');
  return (
    <section className="panel" data-testid="screening-result" aria-labelledby="screening-result-title">
      <h2 id="screening-result-title">{t('signals.screening.resultTitle')}</h2>
      <dl className="details">
        <DetailsRow field="decision" label={t('signals.screening.decision')}>{t(`signalPage.decided.${s.decision}`)}</DetailsRow>
        <DetailsRow field="riskLevel" label={t('signals.screening.riskLevel')}>{s.riskLevel ? t(`taxonomy:riskLevel.${s.riskLevel}`) : dash}</DetailsRow>
        {s.referredTo && <DetailsRow field="referredTo" label={t('signals.screening.referredTo')}>{s.referredTo}</DetailsRow>}
        <DetailsRow field="reason" label={t('signals.screening.reason')}>{s.reason ? <span className="prewrap">{s.reason}</span> : dash}</DetailsRow>
        <DetailsRow field="screenedAt" label={t('signals.screening.screenedAt')}>
          {[format.dateTime(s.screenedAt), s.screenedByName].filter(Boolean).join(', ')}
        </DetailsRow>
      </dl>
    </section>
  );
}
