import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DuplicateQuery } from '../../children/child-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { FieldMessages, SelectField, TextField } from '../app/fields.tsx';
import { useFormat } from '../app/format.ts';
import { useDebouncedValue } from '../app/useDebouncedValue.ts';
import { useDuplicates } from '../children/queries.ts';
import type { SignalForm } from './signal-form.ts';
import { DateField } from '../app/DateInput.tsx';

const MIN_LETTERS = 2;
const DEBOUNCE_MS = 400;
const letters = (value: string | undefined) => (value ?? '').replace(/[^\p{L}]/gu, '').length;

/**
 * One child of the signal. A new child is typed in; while the names are typed the duplicate
 * check (a POST: names never go in URLs) offers children the safety net already knows, and
 * "this is the same child" turns the entry into a reference to that record.
 */
export function ChildEntryFields({ form, index, count, onRemove }: { form: SignalForm; index: number; count: number; onRemove: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { register, setValue, formState, control } = form;
  const errors = formState.errors.children?.[index];
  const prefix = `signal-child-${index}`;
  const [childId, knownName, givenName, familyName, birthDate] = useWatch({
    control,
    name: [`children.${index}.childId`, `children.${index}.knownName`, `children.${index}.givenName`, `children.${index}.familyName`, `children.${index}.birthDate`],
  });
  const query = useMemo<DuplicateQuery | null>(() => {
    if (childId || letters(givenName) < MIN_LETTERS || letters(familyName) < MIN_LETTERS) return null;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(birthDate ?? '') ? birthDate : null;
    return { givenName: givenName.trim(), familyName: familyName.trim(), birthDate: date };
  }, [childId, givenName, familyName, birthDate]);
  const debounced = useDebouncedValue(query, DEBOUNCE_MS);
  const duplicates = useDuplicates(debounced);
  const matches = debounced && !childId ? (duplicates.data?.items ?? []) : [];
  // The same child in another unit: only the unit is named.
  const elsewhere = debounced && !childId ? (duplicates.data?.elsewhere ?? []) : [];
  const title = t('signals.form.childN', { n: format.number(index + 1) });

  const pickChild = (id: string, name: string) => {
    setValue(`children.${index}.childId`, id, { shouldDirty: true });
    setValue(`children.${index}.knownName`, name);
    form.clearErrors(`children.${index}`);
  };

  return (
    <fieldset className="signal-child" data-testid={`signal-child-${index}`}>
      <legend>{title}</legend>
      {childId ? (
        <div className="signal-child-known" data-testid="known-child">
          <p>
            {t('signals.form.knownChild')} <strong>{knownName}</strong>
          </p>
          <FieldMessages id={`${prefix}-child-id`} error={errors?.childId} />
          <button type="button" className="button-secondary" onClick={() => pickChild('', '')}>
            {t('signals.form.notSameChild')}
          </button>
        </div>
      ) : (
        <>
          <div className="field-row">
            <TextField id={`${prefix}-given-name`} label={t('child.field.givenName')} required autoComplete="off"
              registration={register(`children.${index}.givenName`)} error={errors?.givenName} />
            <TextField id={`${prefix}-family-name`} label={t('child.field.familyName')} required autoComplete="off"
              registration={register(`children.${index}.familyName`)} error={errors?.familyName} />
          </div>
          <div className="field-row">
            <SelectField id={`${prefix}-sex`} label={t('child.field.sex')} required registration={register(`children.${index}.sex`)}
              error={errors?.sex} options={TAXONOMIES.sex.map((code) => ({ value: code, label: t(`taxonomy:sex.${code}`) }))} />
            <DateField id={`${prefix}-birth-date`} label={t('child.field.birthDate')}
              control={control} name={`children.${index}.birthDate`} error={errors?.birthDate} />
          </div>
          <section className="duplicates" aria-label={t('duplicates.title')} data-testid="duplicates">
            <div aria-live="polite">
              {!debounced ? (
                <p className="hint">{t('duplicates.typeNames')}</p>
              ) : duplicates.isFetching && !duplicates.data ? (
                <p className="hint">{t('duplicates.checking')}</p>
              ) : duplicates.isError ? (
                <ErrorMessage error={duplicates.error} />
              ) : matches.length === 0 ? (
                <p className="hint">{t('duplicates.none')}</p>
              ) : (
                <>
                  <p className="alert alert-warning">{t('signals.form.matchesFound', { n: format.number(matches.length) })}</p>
                  <ul className="duplicate-list">
                    {matches.map(({ child }) => {
                      const name = `${child.givenName ?? ''} ${child.familyName ?? ''}`.trim();
                      return (
                        <li key={child.id}>
                          <span className="duplicate-name">{name}</span>
                          <span className="duplicate-meta">
                            {[child.birthDate ? format.date(child.birthDate) : null, child.sex ? t(`taxonomy:sex.${child.sex}`) : null, child.unitName]
                              .filter(Boolean)
                              .join(' · ')}
                          </span>
                          <button type="button" className="button-secondary" data-testid="same-child" onClick={() => pickChild(child.id, name)}>
                            {t('signals.form.sameChild')}
                          </button>
                        </li>
                      );
                    })}
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
        </>
      )}
      {count > 1 && (
        <button type="button" className="button-secondary" onClick={onRemove} data-testid="remove-child">
          {t('signals.form.removeChild', { n: format.number(index + 1) })}
        </button>
      )}
    </fieldset>
  );
}
