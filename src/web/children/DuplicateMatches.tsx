import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateQuery } from '../../children/child-schema.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { useDebouncedValue } from '../app/useDebouncedValue.ts';
import type { ChildForm } from './child-form.ts';
import { useDuplicates } from './queries.ts';

const MIN_LETTERS = 2;
const DEBOUNCE_MS = 400;

function letters(value: string | undefined): number {
  return (value ?? '').replace(/[^\p{L}]/gu, '').length;
}

/**
 * While a child is being registered: records that may be the same child, so a second record
 * is not opened for a child the safety net already knows. Asked once both names have two letters.
 */
export function DuplicateMatches({ form }: { form: ChildForm }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [givenName, familyName, birthDate] = useWatch({
    control: form.control,
    name: ['givenName', 'familyName', 'birthDate'],
  });
  const query = useMemo<DuplicateQuery | null>(() => {
    if (letters(givenName) < MIN_LETTERS || letters(familyName) < MIN_LETTERS) return null;
    const date = typeof birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : null;
    return { givenName: givenName.trim(), familyName: familyName.trim(), birthDate: date };
  }, [givenName, familyName, birthDate]);
  const debounced = useDebouncedValue(query, DEBOUNCE_MS);
  const duplicates = useDuplicates(debounced);
  const items = debounced ? (duplicates.data?.items ?? []) : [];
  // The same child in another unit: only the unit is named.
  const elsewhere = debounced ? (duplicates.data?.elsewhere ?? []) : [];

  return (
    <section className="duplicates" aria-labelledby="duplicates-title" data-testid="duplicates">
      <h2 id="duplicates-title">{t('duplicates.title')}</h2>
      <div aria-live="polite">
        {!debounced ? (
          <p className="hint">{t('duplicates.typeNames')}</p>
        ) : duplicates.isFetching && !duplicates.data ? (
          <p className="hint">{t('duplicates.checking')}</p>
        ) : duplicates.isError ? (
          <ErrorMessage error={duplicates.error} />
        ) : items.length === 0 ? (
          <p className="hint">{t('duplicates.none')}</p>
        ) : (
          <>
            <p className="alert alert-warning">{t('duplicates.found', { n: format.number(items.length) })}</p>
            <ul className="duplicate-list">
              {items.map(({ child }) => (
                <li key={child.id}>
                  <span className="duplicate-name">
                    {child.givenName} {child.familyName}
                  </span>
                  <span className="duplicate-meta">
                    {[
                      child.birthDate ? format.date(child.birthDate) : null,
                      child.sex ? t(`taxonomy:sex.${child.sex}`) : null,
                      child.unitName,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  <Link to={`/children/${child.id}`} data-testid="duplicate-open">
                    {t('duplicates.open')}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
        {elsewhere.map((e) => (
          <p key={e.unitId} className="alert alert-warning" data-testid="duplicate-elsewhere">
            {t('oneRecord.elsewhere', { unit: e.unitName })}
          </p>
        ))}
      </div>
    </section>
  );
}
