import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../cases/case-schema.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { PlanDecisions, PlanReviewForm } from './PlanDecisions.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { PlanSummary } from './PlanSummary.tsx';
import { usePlans } from './queries.ts';
import type { CaseAction } from '../../cases/case-workflow.ts';
import { useNextStepRequest } from '../cases/next-step.ts';

const NEXT_STEPS: readonly CaseAction[] = ['edit_plan', 'review_plan'];

const IN_PREPARATION = ['draft', 'submitted', 'returned'];

/** The plan in force and the one in preparation (newest first from the API), with what the reader may do to each. */
export function PlansSection({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const query = usePlans(caseView.id);
  const [editing, setEditing] = useState<'new' | 'prep' | null>(null);
  const [reviewing, setReviewing] = useState(false);
  // The page's next step: prepare the plan (the one in preparation if any, else a new one) or review the one in force.
  useNextStepRequest(NEXT_STEPS, (action) => {
    if (action === 'review_plan') setReviewing(true);
    else setEditing(query.data?.items.some((p) => IN_PREPARATION.includes(p.status)) ? 'prep' : 'new');
  });
  if (query.isPending) return <section className="casework-section"><Loading /></section>;
  if (query.isError) return <section className="casework-section"><ErrorMessage error={query.error} retry={() => query.refetch()} /></section>;
  const current = query.data.items.find((p) => p.status === 'approved') ?? null;
  const prep = query.data.items.find((p) => IN_PREPARATION.includes(p.status)) ?? null;
  const canStart = !prep && caseView.allowed.includes('edit_plan');

  return (
    <section className="casework-section" aria-labelledby="plans-title" data-testid="plans-section">
      <h2 id="plans-title">{t('casework.plan.title')}</h2>
      <h3>{t('casework.plan.current')}</h3>
      {current ? (
        <div data-testid="plan-current">
          <PlanSummary plan={current} caseId={caseView.id} />
          {reviewing ? <PlanReviewForm caseId={caseView.id} plan={current} onDone={() => setReviewing(false)} />
            : current.allowed.includes('review_plan') && (
              <button type="button" data-testid="plan-review" onClick={() => setReviewing(true)}>{t('casework.review.new')}</button>
            )}
        </div>
      ) : <p>{t('casework.plan.noneInForce')}</p>}
      <h3>{t('casework.plan.preparation')}</h3>
      {editing ? (
        <PlanEditor caseId={caseView.id} country={caseView.country} plan={editing === 'prep' ? prep : null} onDone={() => setEditing(null)} />
      ) : prep ? (
        <div data-testid="plan-preparation">
          <PlanSummary plan={prep} />
          {prep.allowed.includes('edit_plan') && (
            <button type="button" className="button-secondary" data-testid="plan-edit" onClick={() => setEditing('prep')}>{t('casework.plan.edit')}</button>
          )}
          <PlanDecisions caseId={caseView.id} plan={prep} />
        </div>
      ) : (
        <>
          <p>{t('casework.plan.noneInPreparation')}</p>
          {canStart && <button type="button" data-testid="plan-new" onClick={() => setEditing('new')}>{t('casework.plan.new')}</button>}
        </>
      )}
    </section>
  );
}
