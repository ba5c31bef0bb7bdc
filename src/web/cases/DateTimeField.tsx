import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldErrorLike } from '../app/fields.tsx';

/** A date and time (datetime-local): app/fields.tsx has no such control, and the API's instants need one. */
export function DateTimeField({ id, label, required, registration, error }: {
  id: string; label: string; required?: boolean; registration: UseFormRegisterReturn; error?: FieldErrorLike;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}{required && <span className="required"> ({t('common.required')})</span>}</label>
      <input id={id} type="datetime-local" aria-invalid={error ? true : undefined} aria-required={required || undefined}
        aria-describedby={error?.message ? `${id}-error` : undefined} {...registration} />
      {error?.message && <p className="field-error" id={`${id}-error`} role="alert">{error.message}</p>}
    </div>
  );
}
