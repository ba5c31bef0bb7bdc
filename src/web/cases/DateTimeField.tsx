import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LOCALES, isLanguage } from '../../domain/i18n/i18n-resources.ts';
import type { FieldErrorLike } from '../app/fields.tsx';
import { useDisplayTimeZone, zoneName } from '../app/time-zone.ts';

/**
 * A date and time (datetime-local): app/fields.tsx has no such control, and the API's instants
 * need one. The time typed is the unit's wall clock (time-zone.ts), which the hint names.
 */
export function DateTimeField({ id, label, required, registration, error }: {
  id: string; label: string; required?: boolean; registration: UseFormRegisterReturn; error?: FieldErrorLike;
}) {
  const { t, i18n } = useTranslation();
  const zone = useDisplayTimeZone();
  const hint = zone ? t('common.timeZoneHint', { zone: zoneName(zone, isLanguage(i18n.language) ? LOCALES[i18n.language] : 'en-GB') }) : undefined;
  const described = [hint ? `${id}-hint` : null, error?.message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}{required && <span className="required"> ({t('common.required')})</span>}</label>
      <input id={id} type="datetime-local" aria-invalid={error ? true : undefined} aria-required={required || undefined}
        aria-describedby={described} {...registration} />
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error?.message && <p className="field-error" id={`${id}-error`} role="alert">{error.message}</p>}
    </div>
  );
}
