import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A destructive action that asks first, in place: the button turns into "question — [do it]
 * [Keep]". Nothing happens until the second button is pressed; focus goes to Keep (the safe
 * choice), Escape keeps, and focus returns to the first button. Never window.confirm.
 */
export function ConfirmButton({ children, question, confirmLabel, onConfirm, disabled = false, className = 'button-secondary', testId }: {
  children: ReactNode;
  question: string;
  /** The second button's words; the first button's by default. */
  confirmLabel?: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const id = useId();
  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (wasAsking.current) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" ref={trigger} className={className} disabled={disabled} onClick={() => setAsking(true)} data-testid={testId}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm-inline" role="group" aria-labelledby={`${id}-q`} data-testid={testId ? `${testId}-confirm` : undefined}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); setAsking(false); } }}>
      <span id={`${id}-q`} className="confirm-question" role="alert">{question}</span>
      <button type="button" className="button-danger" disabled={disabled} onClick={() => { setAsking(false); onConfirm(); }}>
        {confirmLabel ?? children}
      </button>
      <button type="button" ref={keep} className="button-secondary" onClick={() => setAsking(false)}>{t('forms.confirm.keep')}</button>
    </span>
  );
}
