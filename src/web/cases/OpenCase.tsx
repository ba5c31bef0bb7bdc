import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ChildView } from '../../children/child-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { isApiError } from '../app/api.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useCurrentUser } from '../auth/queries.ts';
import { canEditChild } from '../children/permissions.ts';
import { useOpenCase } from './queries.ts';

/**
 * "Open a case" on the child page, for the unit's workers. The server refuses (409) when the
 * child already has an active case; the answer is shown, with a link to it when the server names it.
 */
export function OpenCaseButton({ child }: { child: ChildView }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const open = useOpenCase();
  const [expanded, setExpanded] = useState(false);
  const [riskLevel, setRiskLevel] = useState('');
  const [missing, setMissing] = useState(false);
  if (!me.roles.some((r) => r === 'caseworker' || r === 'supervisor') || !canEditChild(child)) return null;

  const submit = () => {
    if (!riskLevel) { setMissing(true); return; }
    open.mutate({ childId: child.id, riskLevel: riskLevel as (typeof TAXONOMIES.riskLevel)[number] }, {
      onSuccess: (view) => { void navigate(`/cases/${view.id}`); },
    });
  };
  const existing = isApiError(open.error, 409) && typeof open.error.body.caseId === 'string' ? open.error.body.caseId : null;

  if (!expanded) {
    return <button type="button" data-testid="open-case" onClick={() => setExpanded(true)}>{t('cases.open.button')}</button>;
  }
  return (
    <div className="panel case-form" data-testid="open-case-form">
      <div className="field">
        <label htmlFor="open-case-risk">{t('cases.open.riskLevel')}<span className="required"> ({t('common.required')})</span></label>
        <select id="open-case-risk" value={riskLevel} aria-invalid={missing || undefined} aria-describedby={missing ? 'open-case-risk-error' : undefined}
          onChange={(e) => { setRiskLevel(e.target.value); setMissing(false); }}>
          <option value="">{t('cases.form.choose')}</option>
          {TAXONOMIES.riskLevel.map((r) => <option key={r} value={r}>{t(`taxonomy:riskLevel.${r}`)}</option>)}
        </select>
        {missing && <p className="field-error" id="open-case-risk-error" role="alert">{t('validation.required')}</p>}
      </div>
      {isApiError(open.error, 409) ? (
        <p className="alert alert-error" role="alert">
          {t('cases.open.exists')}{existing && <> <Link to={`/cases/${existing}`} data-testid="existing-case">{t('cases.open.goToCase')}</Link></>}
        </p>
      ) : open.isError ? <ErrorMessage error={open.error} /> : null}
      <div className="form-actions">
        <button type="button" data-testid="open-case-submit" disabled={open.isPending} onClick={submit}>{t('cases.open.submit')}</button>
        <button type="button" className="button-secondary" onClick={() => setExpanded(false)}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
