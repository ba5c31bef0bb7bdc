import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseView } from '../../cases/case-schema.ts';
import { useFormat } from '../app/format.ts';
import { OverdueBadge } from './CaseBadges.tsx';
import { DetailsRow } from '../app/DetailsRow.tsx';


/** The case's full details (below the summary): every date, the plan, placement, transfer, closure and decisions. */
export function CaseDetails({ view }: { view: CaseView }) {
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
      <DetailsRow field="child" label={t('cases.field.child')}>
        <Link to={`/children/${view.child.id}`}>{`${view.child.givenName} ${view.child.familyName}`}</Link>
        <span className="duplicate-meta">
          {' '}{[t(`taxonomy:sex.${view.child.sex}`, { defaultValue: view.child.sex }), view.child.birthDate ? format.date(view.child.birthDate) : null].filter(Boolean).join(' · ')}
        </span>
      </DetailsRow>
      {view.ref && <DetailsRow field="ref" label={t('cases.field.ref')}>{view.ref}</DetailsRow>}
      <DetailsRow field="owner" label={t('cases.field.owner')}>{view.ownerName ?? t('cases.unassigned')}</DetailsRow>
      <DetailsRow field="unit" label={t('cases.field.unit')}>{view.unitName}</DetailsRow>
      <DetailsRow field="openedAt" label={t('cases.field.openedAt')}>
        {[format.dateTime(view.openedAt), view.openedByName].filter(Boolean).join(', ')}
      </DetailsRow>
      <DetailsRow field="initialAssessmentDueAt" label={t('cases.field.initialAssessmentDueAt')}>
        {due(view.initialAssessmentDueAt, 'initial_assessment', view.initialAssessmentAt)}
      </DetailsRow>
      {/* A closed case has no plan or review to come. */}
      {!closed && !view.planInForce && <DetailsRow field="planDueAt" label={t('cases.field.planDueAt')}>{due(view.planDueAt, 'plan')}</DetailsRow>}
      {!closed && <DetailsRow field="reviewDueAt" label={t('cases.field.reviewDueAt')}>{due(view.reviewDueAt, 'review')}</DetailsRow>}
      <DetailsRow field="childLastSeenAt" label={t('cases.field.childLastSeenAt')}>
        {view.childLastSeenAt ? format.dateTime(view.childLastSeenAt) : t('cases.neverSeen')}
      </DetailsRow>
      {!closed && (
        <DetailsRow field="planInForce" label={t('cases.field.planInForce')}>
          {view.planInForce ? t('cases.planInForce', { number: view.planInForce.number, at: format.date(view.planInForce.approvedAt) }) : dash}
        </DetailsRow>
      )}
      <DetailsRow field="placement" label={t('cases.field.placement')}>
        {view.currentPlacement
          ? [t(`cases.placementKind.${view.currentPlacement.kind}`), view.currentPlacement.placeName, t('cases.since', { at: format.date(view.currentPlacement.since) })].filter(Boolean).join(' · ')
          : dash}
      </DetailsRow>
      {view.pendingTransfer && (
        <DetailsRow field="pendingTransfer" label={t('cases.field.pendingTransfer')}>
          {t('cases.pendingTransfer', { from: view.pendingTransfer.fromUnitName, to: view.pendingTransfer.toUnitName, at: format.date(view.pendingTransfer.requestedAt) })}
        </DetailsRow>
      )}
      {view.closure && (
        <DetailsRow field="closure" label={t('cases.field.closure')}>
          <span data-testid="case-closure">
            {t(`cases.closureReason.${view.closure.reason}`)}
            {view.closure.requestedAt && <> · {t('cases.closureRequested', { at: format.date(view.closure.requestedAt), by: view.closure.requestedByName ?? '' })}</>}
            {view.closure.closedAt && <> · {t('cases.closureClosed', { at: format.date(view.closure.closedAt), by: view.closure.closedByName ?? '' })}</>}
          </span>
          {view.closure.note && <span className="prewrap case-closure-note">{view.closure.note}</span>}
        </DetailsRow>
      )}
      {view.decisions.length > 0 && (
        <DetailsRow field="decisions" label={t('cases.field.decisions')}>
          <ul className="case-decisions" data-testid="case-decisions">
            {view.decisions.map((d) => (
              <li key={d.id} data-kind={d.kind}>
                {t(`cases.decision.${d.kind}`, { at: format.date(d.at), by: d.byName })}
                {d.closureReason && <> ({t(`cases.closureReason.${d.closureReason}`)})</>}
                <span className="prewrap case-decision-comment">{d.comment}</span>
              </li>
            ))}
          </ul>
        </DetailsRow>
      )}
    </dl>
  );
}
