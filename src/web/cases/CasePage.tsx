import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseView } from '../../cases/case-schema.ts';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { AssessmentsSection } from '../assessments/AssessmentsSection.tsx';
import { ContactsSection } from '../contacts/ContactsSection.tsx';
import { PlacementsSection } from '../placements/PlacementsSection.tsx';
import { PlansSection } from '../plans/PlansSection.tsx';
import { ReferralsSection } from '../referrals/ReferralsSection.tsx';
import { CaseStatusBadge, OverdueBadge, RiskBadge } from './CaseBadges.tsx';
import { CaseActionBar } from './CaseActionBar.tsx';
import { CaseTimelineSection } from './CaseTimeline.tsx';
import { CrossBorderList } from './CrossBorder.tsx';
import { useCase } from './queries.ts';

/** One case: who and where it stands, what the reader may do now, its sections and its timeline. */
export function CasePage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.pageTitle'));
  const { caseId = '' } = useParams();
  const kase = useCase(caseId);

  if (kase.isPending) return <Loading />;
  if (kase.isError) return <LoadFailed title={t('cases.pageTitle')} error={kase.error} backTo="/cases" backLabel={t('cases.backToList')} />;
  const view = kase.data;
  const childName = `${view.child.givenName} ${view.child.familyName}`.trim();
  return (
    <section className="case-page">
      <p><Link to="/cases">{t('cases.backToList')}</Link></p>
      <div className="page-heading">
        <h1 data-testid="case-child">{childName}</h1>
        <CaseStatusBadge status={view.status} />
        <RiskBadge level={view.riskLevel} />
      </div>
      {view.overdue.length > 0 && (
        <p className="alert alert-error" role="status" data-testid="case-overdue">
          {t('cases.overdueNote', { items: view.overdue.map((o) => t(`cases.overdueKind.${o}`)).join(', ') })}
        </p>
      )}
      {!view.fullAccess && <p className="alert alert-info">{t('cases.partialAccess')}</p>}
      <CaseHeader view={view} />
      <CaseActionBar caseView={view} />
      <CrossBorderList caseView={view} />
      <AssessmentsSection caseView={view} />
      <PlansSection caseView={view} />
      <ContactsSection caseView={view} />
      <ReferralsSection caseView={view} />
      <PlacementsSection caseView={view} />
      <CaseTimelineSection caseId={view.id} />
    </section>
  );
}

function Row({ field, label, children }: { field: string; label: string; children: ReactNode }) {
  return (
    <div className="details-row" data-field={field}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CaseHeader({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dash = t('common.none');
  const closed = view.status === 'closed';
  const due = (at: string | null, kind: 'initial_assessment' | 'plan' | 'review', doneAt?: string | null) => {
    if (doneAt) return t('cases.doneOn', { at: format.date(doneAt) });
    if (!at) return dash;
    return <>{format.dateTime(at)}{view.overdue.includes(kind) && <> <OverdueBadge /></>}</>;
  };
  return (
    <dl className="details case-header" data-testid="case-header">
      <Row field="child" label={t('cases.field.child')}>
        <Link to={`/children/${view.child.id}`}>{`${view.child.givenName} ${view.child.familyName}`}</Link>
        <span className="duplicate-meta">
          {' '}{[t(`taxonomy:sex.${view.child.sex}`, { defaultValue: view.child.sex }), view.child.birthDate ? format.date(view.child.birthDate) : null].filter(Boolean).join(' · ')}
        </span>
      </Row>
      {view.ref && <Row field="ref" label={t('cases.field.ref')}>{view.ref}</Row>}
      <Row field="owner" label={t('cases.field.owner')}>{view.ownerName ?? t('cases.unassigned')}</Row>
      <Row field="unit" label={t('cases.field.unit')}>{view.unitName}</Row>
      <Row field="openedAt" label={t('cases.field.openedAt')}>
        {[format.dateTime(view.openedAt), view.openedByName].filter(Boolean).join(', ')}
      </Row>
      <Row field="initialAssessmentDueAt" label={t('cases.field.initialAssessmentDueAt')}>
        {due(view.initialAssessmentDueAt, 'initial_assessment', view.initialAssessmentAt)}
      </Row>
      {/* A closed case has no plan or review to come. */}
      {!closed && !view.planInForce && <Row field="planDueAt" label={t('cases.field.planDueAt')}>{due(view.planDueAt, 'plan')}</Row>}
      {!closed && <Row field="reviewDueAt" label={t('cases.field.reviewDueAt')}>{due(view.reviewDueAt, 'review')}</Row>}
      <Row field="childLastSeenAt" label={t('cases.field.childLastSeenAt')}>
        {view.childLastSeenAt ? format.dateTime(view.childLastSeenAt) : t('cases.neverSeen')}
      </Row>
      {!closed && (
        <Row field="planInForce" label={t('cases.field.planInForce')}>
          {view.planInForce ? t('cases.planInForce', { number: view.planInForce.number, at: format.date(view.planInForce.approvedAt) }) : dash}
        </Row>
      )}
      <Row field="placement" label={t('cases.field.placement')}>
        {view.currentPlacement
          ? [t(`cases.placementKind.${view.currentPlacement.kind}`), view.currentPlacement.placeName, t('cases.since', { at: format.date(view.currentPlacement.since) })].filter(Boolean).join(' · ')
          : dash}
      </Row>
      {view.pendingTransfer && (
        <Row field="pendingTransfer" label={t('cases.field.pendingTransfer')}>
          {t('cases.pendingTransfer', { from: view.pendingTransfer.fromUnitName, to: view.pendingTransfer.toUnitName, at: format.date(view.pendingTransfer.requestedAt) })}
        </Row>
      )}
      {view.closure && (
        <Row field="closure" label={t('cases.field.closure')}>
          <span data-testid="case-closure">
            {t(`cases.closureReason.${view.closure.reason}`)}
            {view.closure.requestedAt && <> · {t('cases.closureRequested', { at: format.date(view.closure.requestedAt), by: view.closure.requestedByName ?? '' })}</>}
            {view.closure.closedAt && <> · {t('cases.closureClosed', { at: format.date(view.closure.closedAt), by: view.closure.closedByName ?? '' })}</>}
          </span>
          {view.closure.note && <span className="prewrap case-closure-note">{view.closure.note}</span>}
        </Row>
      )}
      {view.decisions.length > 0 && (
        <Row field="decisions" label={t('cases.field.decisions')}>
          <ul className="case-decisions" data-testid="case-decisions">
            {view.decisions.map((d) => (
              <li key={d.id} data-kind={d.kind}>
                {t(`cases.decision.${d.kind}`, { at: format.date(d.at), by: d.byName })}
                {d.closureReason && <> ({t(`cases.closureReason.${d.closureReason}`)})</>}
                <span className="prewrap case-decision-comment">{d.comment}</span>
              </li>
            ))}
          </ul>
        </Row>
      )}
    </dl>
  );
}
