import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { ActionItem } from './PlanSummary.tsx';
import { usePlanAction } from './queries.ts';

/**
 * One action of a protection plan, as the organisation responsible for it sees it (from its task
 * list): the child's identity shared with its sector, the unit that asked, the goal the action
 * serves, its due date and status — which it may update (the same control as on the case page).
 * A reader of the case also gets a link to it.
 */
export function PlanActionPage() {
  const { actionId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('casework.planAction.pageTitle'));
  const query = usePlanAction(actionId);
  if (query.isPending) return <Loading what={t('forms.what.planAction')} />;
  if (query.isError) return <LoadFailed title={t('casework.planAction.pageTitle')} error={query.error} retry={() => query.refetch()} backTo="/tasks" backLabel={t('casework.planAction.back')} />;
  const { action, child, goal } = query.data;
  const name = [child.givenName, child.familyName].filter(Boolean).join(' ');
  return (
    <section data-testid="plan-action-page">
      <h1>{t('casework.planAction.pageTitle')}</h1>
      <p>
        <Link to="/tasks">{t('casework.planAction.back')}</Link>
        {query.data.caseInReach && <> · <Link to={`/cases/${action.caseId}`} data-testid="plan-action-case">{t('casework.planAction.openCase')}</Link></>}
      </p>
      <dl className="details" data-testid="plan-action-details">
        <dt>{t('casework.referrals.child')}</dt>
        <dd>{name}{child.birthDate ? ` · ${format.date(child.birthDate)}` : ''}</dd>
        <dt>{t('casework.planAction.unit')}</dt><dd>{query.data.unitName}</dd>
        <dt>{t('casework.planAction.goal')}</dt>
        <dd data-testid="plan-action-goal">{goal ? `${t(`casework.domain.${goal.domain}`)}: ${goal.description}` : t('common.none')}</dd>
        <dt>{t('casework.referrals.status')}</dt>
        <dd data-testid="plan-action-status">
          {t(`casework.actionStatus.${action.status}`)}
          {action.doneAt ? ` · ${format.date(action.doneAt)}` : ''}
          {action.statusNote ? ` · ${action.statusNote}` : ''}
        </dd>
      </dl>
      <h2>{t('casework.plan.actions')}</h2>
      <ul className="casework-list">
        <ActionItem action={action} caseId={action.canUpdate ? action.caseId : undefined} />
      </ul>
      {!action.canUpdate && <p className="hint" data-testid="plan-action-read-only">{t('casework.planAction.readOnly')}</p>}
    </section>
  );
}
