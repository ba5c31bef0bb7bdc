import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from '../../cases/case-workflow.ts';
import type { CaseView } from '../../cases/case-schema.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { useNextStepRequest } from '../cases/next-step.ts';
import { AssessmentForm } from './AssessmentForm.tsx';
import { useAssessments } from './queries.ts';
import type { AssessmentKind, AssessmentView } from './types.ts';

const KIND_ACTION: Record<AssessmentKind, CaseAction> = {
  initial: 'record_initial_assessment',
  comprehensive: 'record_comprehensive_assessment',
  risk: 'record_risk_assessment',
};

const NEXT_STEPS: readonly CaseAction[] = ['record_initial_assessment'];

/** The case's assessments, its risk-level history, and a form per kind the reader may record now. */
export function AssessmentsSection({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useAssessments(caseView.id);
  const [open, setOpen] = useState<AssessmentKind | null>(null);
  // Only what the server allows now: the initial assessment is not offered once it is recorded.
  const kinds = (Object.keys(KIND_ACTION) as AssessmentKind[]).filter((k) => caseView.allowed.includes(KIND_ACTION[k]));
  useNextStepRequest(NEXT_STEPS, () => setOpen('initial'));

  return (
    <section className="casework-section" aria-labelledby="assessments-title" data-testid="assessments-section">
      <h2 id="assessments-title">{t('casework.assessment.title')}</h2>
      {query.isPending ? <Loading /> : query.isError ? <ErrorMessage error={query.error} retry={() => query.refetch()} /> : (
        <>
          {query.data.items.length === 0 ? <p>{t('casework.assessment.none')}</p> : (
            <ul className="casework-list">
              {query.data.items.map((a) => <AssessmentItem key={a.id} a={a} />)}
            </ul>
          )}
          <h3>{t('casework.assessment.riskHistory')}</h3>
          {query.data.riskHistory.length === 0 ? <p>{t('casework.assessment.noRiskHistory')}</p> : (
            <ol className="casework-list" data-testid="risk-history">
              {query.data.riskHistory.map((r, i) => (
                <li key={`${r.setAt}-${i}`}>
                  <span className={`badge risk-${r.level}`}>{t(`taxonomy:riskLevel.${r.level}`)}</span>{' '}
                  {format.dateTime(r.setAt)} · {t(`casework.riskSource.${r.source}`, { defaultValue: r.source })}{r.setByName ? ` · ${r.setByName}` : ''}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {open ? <AssessmentForm caseId={caseView.id} kind={open} onDone={() => setOpen(null)} /> : kinds.length > 0 && (
        <div className="form-actions">
          {kinds.map((k) => (
            <button key={k} type="button" data-testid={`new-assessment-${k}`} onClick={() => setOpen(k)}>
              {t(`casework.assessment.record.${k}`)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

function AssessmentItem({ a }: { a: AssessmentView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="casework-item" data-testid={`assessment-${a.id}`}>
      <p><strong>{t(`casework.assessment.kind.${a.kind}`)}</strong> · {format.date(a.assessedAt)}{a.authorName ? ` · ${a.authorName}` : ''}</p>
      {a.summary && <p>{a.summary}</p>}
      {a.domains && (
        <dl className="casework-domains">
          {Object.entries(a.domains).map(([d, v]) => v && (
            <div key={d}><dt>{t(`casework.domain.${d}`)}</dt><dd>{t(`casework.needLevel.${v.level}`)}{v.needs ? ` — ${v.needs}` : ''}</dd></div>
          ))}
        </dl>
      )}
      {a.riskLevel && (
        <p>
          {t('casework.assessment.riskLevel')}: {t(`taxonomy:riskLevel.${a.riskLevel}`)}
          {a.levelReason ? ` (${a.levelReason})` : ''}
        </p>
      )}
      {a.riskFactors && a.riskFactors.length > 0 && <p>{t('casework.assessment.riskFactors')}: {a.riskFactors.map((f) => t(`casework.riskFactor.${f}`)).join(', ')}</p>}
      {a.protectiveFactors && a.protectiveFactors.length > 0 && <p>{t('casework.assessment.protectiveFactors')}: {a.protectiveFactors.map((f) => t(`casework.protectiveFactor.${f}`)).join(', ')}</p>}
      {a.childViews && <p>{t('casework.childHeard.views')}: {a.childViews}</p>}
      {a.childNotHeardReason && <p>{t('casework.childHeard.notHeardReason')}: {a.childNotHeardReason}</p>}
    </li>
  );
}
