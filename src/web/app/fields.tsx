import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

/**
 * Labelled form controls. Each ties its hint and its error to the control with
 * aria-describedby, marks it aria-invalid, and announces the error (role=alert).
 */
/** A react-hook-form error of any shape (array fields carry per-item errors too); only its message shows. */
export type FieldErrorLike = { message?: string | undefined } | undefined;

interface BaseProps {
  id: string;
  label: string;
  error?: FieldErrorLike;
  hint?: string;
  required?: boolean;
}

function describedBy(id: string, error: FieldErrorLike, hint: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldMessages({ id, error, hint }: { id: string; error?: FieldErrorLike; hint?: string | undefined }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error?.message && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error.message}
        </p>
      )}
    </>
  );
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean | undefined }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={id}>
      {label}
      {required && <span className="required"> ({t('common.required')})</span>}
    </label>
  );
}

export function TextField(props: BaseProps & {
  registration: UseFormRegisterReturn;
  type?: 'text' | 'password' | 'date' | 'email' | 'search';
  autoComplete?: string;
}) {
  const { id, label, error, hint, required, registration, type = 'text', autoComplete } = props;
  return (
    <div className="field">
      <Label id={id} label={label} required={required} />
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextAreaField(props: BaseProps & { registration: UseFormRegisterReturn; rows?: number }) {
  const { id, label, error, hint, required, registration, rows = 4 } = props;
  return (
    <div className="field">
      <Label id={id} label={label} required={required} />
      <textarea
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: BaseProps & {
  registration: UseFormRegisterReturn;
  options: readonly Option[];
  /** A first, empty choice ("Choose…"). */
  placeholder?: string;
}) {
  const { id, label, error, hint, required, registration, options, placeholder } = props;
  return (
    <div className="field">
      <Label id={id} label={label} required={required} />
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxField(props: BaseProps & { registration: UseFormRegisterReturn }) {
  const { id, label, error, hint, registration } = props;
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      />
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

/** Several checkboxes for one array field, grouped under a legend. */
export function CheckboxGroup(props: BaseProps & { registration: UseFormRegisterReturn; options: readonly Option[] }) {
  const { id, label, error, hint, registration, options, required } = props;
  return (
    <fieldset
      className="field checkbox-group"
      aria-describedby={describedBy(id, error, hint)}
      aria-invalid={error ? true : undefined}
    >
      <legend>
        {label}
        {required && <RequiredMark />}
      </legend>
      <div className="checkbox-options">
        {options.map((o) => (
          <div className="field-checkbox" key={o.value}>
            <input id={`${id}-${o.value}`} type="checkbox" value={o.value} {...registration} />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      <FieldMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}

function RequiredMark() {
  const { t } = useTranslation();
  return <span className="required"> ({t('common.required')})</span>;
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

/** A file chooser: `accept` lists the types offered (the server still checks the content). */
export function FileField(props: BaseProps & { registration: UseFormRegisterReturn; accept?: string }) {
  const { id, label, error, hint, required, registration, accept } = props;
  return (
    <div className="field">
      <Label id={id} label={label} required={required} />
      <input id={id} type="file" accept={accept} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...registration} />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
