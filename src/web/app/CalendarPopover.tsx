import { useEffect, useRef } from 'react';
import { DayPicker } from 'react-day-picker';
import { bg, enGB, sq } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import type { Language } from '../../domain/i18n/languages.ts';

const DAY_PICKER_LOCALES = { sq, bg, en: enGB } as const;

const pad = (n: number) => String(n).padStart(2, '0');
const toIso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
function fromIso(iso: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}

/**
 * A month calendar to pick a day from (react-day-picker, in the reader's language, weeks from
 * Monday), loaded only when someone opens it. Escape or a click outside closes it.
 */
export default function CalendarPopover({ value, language, label, onPick, onClose }: {
  value: string; language: Language; label: string; onPick: (iso: string) => void; onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const selected = fromIso(value);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button[aria-selected="true"], .rdp-today button, .rdp-day_button')?.focus();
    const outside = (event: MouseEvent) => { if (ref.current && !ref.current.contains(event.target as Node)) onClose(); };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose]);
  return (
    <div ref={ref} className="calendar-popover" role="dialog" aria-label={label}
      onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); onClose(); } }}>
      <DayPicker mode="single" locale={DAY_PICKER_LOCALES[language]} weekStartsOn={1} selected={selected}
        defaultMonth={selected} captionLayout="dropdown" startMonth={new Date(1990, 0)} endMonth={new Date(new Date().getFullYear() + 5, 11)}
        onSelect={(day) => { if (day) onPick(toIso(day)); }} />
    </div>
  );
}
