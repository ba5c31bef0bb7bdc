import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NOT_DUPLICATE_REASONS, type ChildView, type NotDuplicate } from '../../children/child-schema.ts';
import { type ApiError, isApiError } from '../app/api.ts';
import { useFormat } from '../app/format.ts';

export type DuplicateAnswer = {
  duplicates: Array<{ index?: number; child: ChildView }>;
  elsewhere: Array<{ index?: number; unitId: string; unitName: string }>;
};

/** The 409 of the duplicate rule, if this error is one. */
export function duplicateAnswer(error: unknown): DuplicateAnswer | null {
  if (!isApiError(error, 409)) return null;
  const body = (error as ApiError).body;
  if (!Array.isArray(body.duplicates) && !Array.isArray(body.elsewhere)) return null;
  return { duplicates: (body.duplicates ?? []) as DuplicateAnswer['duplicates'], elsewhere: (body.elsewhere ?? []) as DuplicateAnswer['elsewhere'] };
}

/**
 * The server found a record of the same child (same name and birth date): the records the user
 * may see, with a link to each, and the other units that hold one (named only). The user opens
 * the record, or says why this is another child and registers it.
 */
export function DuplicateConflictPanel({ answer, busy, onOverride }: { answer: DuplicateAnswer; busy: boolean; onOverride: (notDuplicate: NotDuplicate) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [reason, setReason] = useState<NotDuplicate['reason']>(answer.duplicates.length > 0 ? 'different_child' : 'confirmed_with_unit');
  return (
    <section className="panel conflict" role="alert" aria-labelledby="duplicate-conflict-title" data-testid="duplicate-conflict">
      <h2 id="duplicate-conflict-title">{t('oneRecord.conflictTitle')}</h2>
      {answer.duplicates.length > 0 && (
        <>
          <p>{t('oneRecord.conflictIntro')}</p>
          <ul className="duplicate-list">
            {answer.duplicates.map(({ child }) => (
              <li key={child.id}>
                <span className="duplicate-name">{child.givenName} {child.familyName}</span>
                <span className="duplicate-meta">{[child.birthDate ? format.date(child.birthDate) : null, child.unitName].filter(Boolean).join(' · ')}</span>
                <Link to={`/children/${child.id}`}>{t('duplicates.open')}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {answer.elsewhere.map((e) => (
        <p key={e.unitId} className="alert alert-warning">{t('oneRecord.elsewhere', { unit: e.unitName })}</p>
      ))}
      <label htmlFor="not-duplicate-reason">{t('oneRecord.reasonLabel')}</label>
      <select id="not-duplicate-reason" value={reason} onChange={(e) => setReason(e.target.value as NotDuplicate['reason'])} data-testid="not-duplicate-reason">
        {NOT_DUPLICATE_REASONS.map((r) => (
          <option key={r} value={r}>{t(`oneRecord.reason.${r}`)}</option>
        ))}
      </select>
      <div className="form-actions">
        <button type="button" disabled={busy} onClick={() => onOverride({ reason })} data-testid="register-anyway">
          {t('oneRecord.registerAnyway')}
        </button>
      </div>
    </section>
  );
}
