import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { type Control, type FieldValues, type Path, useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Language, isLanguage } from '../../domain/i18n/languages.ts';
import { type FieldErrorLike, FieldMessages } from './fields.tsx';
import { formatDateText, parseDateText, parseTimeText, splitWallClock } from './date-text.ts';
import { useDisplayTimeZone, zoneName } from './time-zone.ts';

const CalendarPopover = lazy(() => import('./CalendarPopover.tsx'));

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

interface InputProps {
  id: string;
  /** An ISO date (YYYY-MM-DD) or '' (or, while typed wrong, the text itself: validation names it). */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
  /** Names the control when no <label> does (filters). */
  ariaLabel?: string;
}

/**
 * A day typed in the reader's language's form (07.12.2026; 07/12/2026 in English) or picked from
 * a calendar; the value handed on is ISO. What cannot be a day is handed on as typed, so that the
 * form's validation says so.
 */
export function DateInput({ id, value, onChange, onBlur, required, invalid, describedBy, ariaLabel }: InputProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [text, setText] = useState(() => formatDateText(value, language));
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // A value set from outside (a reset, a calendar pick, another language) shows in the language's form.
  useEffect(() => {
    if (parseDateText(text) !== value && (value === '' || parseDateText(value))) setText(formatDateText(value, language));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of value or language re-writes the text
  }, [value, language]);
  const typed = (next: string) => {
    setText(next);
    const wall = splitWallClock(next);
    onChange(next.trim() === '' ? '' : wall ? next : parseDateText(next) ?? next);
  };
  return (
    <span className="date-input">
      <input ref={input} id={id} type="text" inputMode="numeric" autoComplete="off" value={text}
        placeholder={t('dates.placeholder')} aria-label={ariaLabel} aria-required={required || undefined}
        aria-invalid={invalid || undefined} aria-describedby={describedBy}
        onChange={(event) => typed(event.target.value)}
        onBlur={() => { const iso = parseDateText(text); if (iso) setText(formatDateText(iso, language)); onBlur?.(); }} />
      <button type="button" className="button-secondary calendar-button" aria-expanded={open}
        aria-label={t('dates.openCalendar')} title={t('dates.openCalendar')} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">▦</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <CalendarPopover value={parseDateText(text) ?? ''} language={language} label={t('dates.calendar')}
            onPick={(iso) => { setText(formatDateText(iso, language)); onChange(iso); setOpen(false); input.current?.focus(); }}
            onClose={() => { setOpen(false); input.current?.focus(); }} />
        </Suspense>
      )}
    </span>
  );
}

/**
 * For a filter: hands on only a whole day or an empty field, so that a day being typed
 * (07.1…) never reaches the address or the server.
 */
export function wholeDays(onDay: (iso: string) => void): (value: string) => void {
  return (value) => { if (value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value)) onDay(value); };
}

/**
 * A day and a time on the 24-hour clock, both typed in the reader's form (the unit's wall clock:
 * the hint names its zone). The value is YYYY-MM-DDTHH:mm, as a datetime-local input gives;
 * such a value pasted into the day box fills both.
 */
export function DateTimeInput({ id, value, onChange, onBlur, required, invalid, describedBy }: InputProps) {
  const { t } = useTranslation();
  const parts = splitWallClock(value);
  const [day, setDay] = useState(parts?.date ?? (value.includes('T') ? '' : value));
  const [time, setTime] = useState(parts?.time ?? '');
  useEffect(() => {
    const next = splitWallClock(value);
    if (next) { setDay(next.date); setTime(next.time); } else if (value === '') { setDay(''); setTime(''); }
  }, [value]);
  const send = (nextDay: string, nextTime: string) => {
    if (nextDay === '' && nextTime.trim() === '') return onChange('');
    const hm = parseTimeText(nextTime);
    onChange(`${nextDay}T${hm ?? nextTime.trim()}`);
  };
  return (
    <span className="date-time-input">
      <DateInput id={id} value={day} required={required} invalid={invalid} describedBy={describedBy} onBlur={onBlur}
        onChange={(next) => {
          const pasted = splitWallClock(next);
          if (pasted) { setDay(pasted.date); setTime(pasted.time); return onChange(`${pasted.date}T${pasted.time}`); }
          setDay(next); send(next, time);
        }} />
      <input id={`${id}-time`} className="time-input" type="text" inputMode="numeric" autoComplete="off" value={time}
        placeholder={t('dates.timePlaceholder')} aria-label={t('dates.time')} aria-required={required || undefined}
        aria-invalid={invalid || undefined} aria-describedby={describedBy}
        onChange={(event) => { setTime(event.target.value); send(day, event.target.value); }}
        onBlur={() => { const hm = parseTimeText(time); if (hm) setTime(hm); onBlur?.(); }} />
    </span>
  );
}

interface FieldProps<T extends FieldValues> {
  id: string;
  label: string;
  // Any context and any validated output: the field only reads and writes its raw value.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  control: Control<T, any, any>;
  name: Path<T>;
  required?: boolean;
  hint?: string;
  error?: FieldErrorLike;
  /** What an empty field hands the form (null for an optional day the API takes as null). */
  emptyValue?: '' | null | undefined;
}

function Labelled({ id, label, required, hint, error, children }: {
  id: string; label: string; required?: boolean | undefined; hint?: string | undefined; error?: FieldErrorLike; children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}{required && <span className="required"> ({t('common.required')})</span>}</label>
      {children}
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

const describedBy = (id: string, hint: string | undefined, error: FieldErrorLike) =>
  [hint ? `${id}-hint` : null, error?.message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

/** A labelled day of a react-hook-form form. */
export function DateField<T extends FieldValues>({ id, label, control, name, required, hint, error, emptyValue = '' }: FieldProps<T>) {
  const { t } = useTranslation();
  const { field } = useController({ control, name });
  const full = [hint, t('dates.formatHint')].filter(Boolean).join(' ');
  return (
    <Labelled id={id} label={label} required={required} hint={full} error={error}>
      <DateInput id={id} value={(field.value as string | null | undefined) ?? ''} onChange={(v) => field.onChange(v === '' ? emptyValue : v)}
        onBlur={field.onBlur} required={required} invalid={!!error} describedBy={describedBy(id, full, error)} />
    </Labelled>
  );
}

/** A labelled day and time of a react-hook-form form, in the unit's time zone (named in the hint). */
export function DateTimeField<T extends FieldValues>({ id, label, control, name, required, hint, error }: FieldProps<T>) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useDisplayTimeZone();
  const { field } = useController({ control, name });
  const full = [hint, zone ? t('common.timeZoneHint', { zone: zoneName(zone, LOCALES[language]) }) : null].filter(Boolean).join(' ') || undefined;
  return (
    <Labelled id={id} label={label} required={required} hint={full} error={error}>
      <DateTimeInput id={id} value={(field.value as string | null | undefined) ?? ''} onChange={field.onChange} onBlur={field.onBlur}
        required={required} invalid={!!error} describedBy={describedBy(id, full, error)} />
    </Labelled>
  );
}
