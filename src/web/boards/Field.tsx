import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type InputProps = { id: string; 'aria-invalid': boolean | undefined; 'aria-describedby': string | undefined; 'aria-required': true | undefined };

/** A labelled, required control of the board forms, with its hint and its error (announced). */
export function Field({ id, label, hint, error, optional, children }: {
  id: string; label: string; hint?: string | undefined; error?: string | undefined; optional?: boolean; children: (props: InputProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}{!optional && <span className="required"> ({t('common.required')})</span>}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described, 'aria-required': optional ? undefined : true })}
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`} role="alert">{error}</p>}
    </div>
  );
}
