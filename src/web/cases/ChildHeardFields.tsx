import type { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../app/fields.tsx';

/** The child's views, or why the child was not heard: one of the two is always recorded. */
export function ChildHeardFields({ register, heard, errors, prefix }: {
  register: ReturnType<typeof useForm<any>>['register'];
  heard: string;
  errors: Record<string, { message?: string } | undefined>;
  prefix: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="field" aria-describedby={errors.childHeard ? `${prefix}-heard-error` : undefined}>
        <legend>{t('casework.childHeard.question')}<span className="required"> ({t('common.required')})</span></legend>
        <div className="radio-options">
          {(['yes', 'no'] as const).map((v) => (
            <div className="field-checkbox" key={v}>
              <input id={`${prefix}-heard-${v}`} type="radio" value={v} {...register('childHeard')} />
              <label htmlFor={`${prefix}-heard-${v}`}>{t(`casework.childHeard.${v}`)}</label>
            </div>
          ))}
        </div>
        {errors.childHeard?.message && <p className="field-error" id={`${prefix}-heard-error`} role="alert">{errors.childHeard.message}</p>}
      </fieldset>
      {heard === 'yes' && (
        <TextAreaField id={`${prefix}-child-views`} label={t('casework.childHeard.views')} required registration={register('childViews')} error={errors.childViews} />
      )}
      {heard === 'no' && (
        <TextAreaField id={`${prefix}-not-heard`} label={t('casework.childHeard.notHeardReason')} required registration={register('childNotHeardReason')} error={errors.childNotHeardReason} />
      )}
    </>
  );
}
