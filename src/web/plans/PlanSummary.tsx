import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAN_ACTION_STATUSES } from '../../cases/case-workflow.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { useUpdatePlanAction } from './queries.ts';
import type { PlanActionView, PlanView } from './types.ts';

/** A plan read-only: goals, actions (with their status, changeable when allowed), reviews. */
export function PlanSummary({ plan, caseId }: { plan: PlanView; caseId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="casework-plan">
      <p>
        <span className={`badge plan-${plan.status}`}>{t(`casework.planStatus.${plan.status}`)}</span>{' '}
        {t('casework.plan.version', { version: plan.version })}
        {plan.updatedByName ? ` · ${t('casework.plan.savedBy', { name: plan.updatedByName })}` : ''}
        {plan.updatedAt ? ` · ${format.dateTime(plan.updatedAt)}` : ''}
      </p>
      {plan.status === 'returned' && plan.decisionComment && <p className="alert alert-warning" data-testid="plan-returned">{t('casework.plan.returned', { comment: plan.decisionComment })}</p>}
      <h4>{t('casework.plan.goals')}</h4>
      <ol>{plan.goals.map((g) => <li key={g.id}>{t(`casework.domain.${g.domain}`)}: {g.description}</li>)}</ol>
      <h4>{t('casework.plan.actions')}</h4>
      {plan.actions.length === 0 ? <p>{t('casework.plan.noActions')}</p> : (
        <ul className="casework-list">
          {plan.actions.map((a) => <ActionItem key={a.id} action={a} caseId={caseId !== undefined && a.canUpdate ? caseId : undefined} />)}
        </ul>
      )}
      {(plan.childViews || plan.caregiverViews) && (
        <p>
          {plan.childViews && <>{t('casework.plan.childViews')}: {plan.childViews} </>}
          {plan.caregiverViews && <>{t('casework.plan.caregiverViews')}: {plan.caregiverViews}</>}
        </p>
      )}
      {plan.reviews.length > 0 && (
        <>
          <h4>{t('casework.review.title')}</h4>
          <ul className="casework-list">
            {plan.reviews.map((r) => (
              <li key={r.id}>
                {format.dateTime(r.reviewedAt)}{r.riskLevel ? ` · ${t(`taxonomy:riskLevel.${r.riskLevel}`)}` : ''} · {r.summary}
                {r.authorName ? ` · ${r.authorName}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** One action with its status; `caseId` given, the status can be changed (PATCH /plan-actions/:id). Also on the action's own page. */
export function ActionItem({ action, caseId }: { action: PlanActionView; caseId: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdatePlanAction(caseId ?? '');
  const [status, setStatus] = useState<string>(action.status);
  const who = [action.responsibleOrgName, action.responsibleUserName, action.responsibleName].filter(Boolean).join(' · ');
  return (
    <li className="casework-item" data-testid={`plan-action-item-${action.id}`}>
      <p>
        <strong>{t(`casework.service.${action.service}`)}</strong>: {action.description} · {who} · {t('casework.plan.due', { date: format.date(action.dueDate) })}
        {action.overdue && <span className="badge badge-overdue"> {t('casework.overdue')}</span>}
      </p>
      {caseId ? (
        <div className="casework-inline">
          <label htmlFor={`action-status-${action.id}`}>{t('casework.plan.actionStatus')}</label>
          <select id={`action-status-${action.id}`} value={status} onChange={(e) => setStatus(e.target.value)}>
            {PLAN_ACTION_STATUSES.map((s) => <option key={s} value={s}>{t(`casework.actionStatus.${s}`)}</option>)}
          </select>
          <button type="button" className="button-secondary" disabled={update.isPending || status === action.status}
            onClick={() => update.mutate({ actionId: action.id, status, note: null })}>
            {t('casework.plan.updateStatus')}
          </button>
          {update.isError && <ErrorMessage error={update.error} />}
        </div>
      ) : (
        <p>{t('casework.plan.actionStatus')}: {t(`casework.actionStatus.${action.status}`)}</p>
      )}
    </li>
  );
}
