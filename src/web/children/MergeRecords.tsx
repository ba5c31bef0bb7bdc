import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChildView } from '../../children/child-schema.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { useDuplicates, useMergeChild } from './queries.ts';

/**
 * For the unit's supervisor: other records of the unit with this child's name and birth date,
 * each with a merge into this record, asked twice (the merge cannot be undone).
 */
export function MergeRecords({ child }: { child: ChildView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = child.givenName && child.familyName && child.birthDate ? { givenName: child.givenName, familyName: child.familyName, birthDate: child.birthDate } : null;
  const duplicates = useDuplicates(query);
  const merge = useMergeChild(child.id);
  const [confirming, setConfirming] = useState<ChildView | null>(null);
  const [merged, setMerged] = useState(false);
  if (!query) return null;
  const others = (duplicates.data?.items ?? [])
    .map((i) => i.child)
    .filter((c) => c.id !== child.id && c.unitId === child.unitId && c.birthDate === child.birthDate);

  return (
    <section className="panel" aria-labelledby="merge-title" data-testid="merge-records">
      <h2 id="merge-title">{t('oneRecord.mergeTitle')}</h2>
      {merged && <p className="alert alert-success" role="status">{t('oneRecord.merged')}</p>}
      {merge.isError && <ErrorMessage error={merge.error} />}
      {others.length === 0 ? (
        <p className="hint">{t('oneRecord.mergeNone')}</p>
      ) : (
        <>
          <p>{t('oneRecord.mergeIntro')}</p>
          <ul className="duplicate-list">
            {others.map((c) => (
              <li key={c.id}>
                <span className="duplicate-name">{c.givenName} {c.familyName}</span>
                <span className="duplicate-meta">{[c.birthDate ? format.date(c.birthDate) : null, c.ownerName].filter(Boolean).join(' · ')}</span>
                <Link to={`/children/${c.id}`}>{t('duplicates.open')}</Link>
                <button type="button" className="button-secondary" onClick={() => { setConfirming(c); setMerged(false); }} data-testid="merge-start">
                  {t('oneRecord.mergeButton')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {confirming && (
        <div role="alertdialog" aria-labelledby="merge-confirm" className="alert alert-warning">
          <p id="merge-confirm">
            {t('oneRecord.mergeConfirm', { name: `${confirming.givenName ?? ''} ${confirming.familyName ?? ''}`.trim(), date: confirming.birthDate ? format.date(confirming.birthDate) : '' })}
          </p>
          <div className="form-actions">
            <button
              type="button"
              disabled={merge.isPending}
              data-testid="merge-confirm"
              onClick={() => merge.mutate(confirming.id, { onSuccess: () => { setConfirming(null); setMerged(true); } })}
            >
              {t('oneRecord.mergeConfirmButton')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
