import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SignalView } from '../../signals/signal-schema.ts';
import { useFormat } from '../app/format.ts';
import { useNow } from '../app/useNow.ts';

const HOUR = 3_600_000;

/** "2 h 14 min", "1 d 3 h", "35 min": whole minutes of a span, in the language's units. */
export function spanText(t: TFunction, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('countdown.days', { d, h });
  if (h > 0) return t('countdown.hours', { h, m });
  return t('countdown.minutes', { m });
}

type Phase = 'ok' | 'soon' | 'overdue';
const phaseOf = (left: number): Phase => (left < 0 ? 'overdue' : left < HOUR ? 'soon' : 'ok');

/**
 * An unscreened signal's urgency and the time left to its screening deadline, renewed each minute
 * (the absolute time in the unit's zone). The countdown itself is not a live region: screen
 * readers are told only when it crosses a threshold (under an hour left, overdue).
 */
export function ScreeningCountdown({ signal }: { signal: Pick<SignalView, 'urgency' | 'screeningDueAt'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const left = new Date(signal.screeningDueAt).getTime() - now.getTime();
  const phase = phaseOf(left);
  const first = useRef(phase);
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (phase === first.current) return;
    first.current = phase;
    setAnnounced(phase === 'overdue' ? t('countdown.overdueAnnounced') : phase === 'soon' ? t('countdown.soonAnnounced') : '');
  }, [phase, t]);

  return (
    <section className={`panel screening-clock urgency-${signal.urgency} clock-${phase}`} aria-labelledby="screening-clock-title" data-testid="screening-clock">
      <h2 id="screening-clock-title" className="screening-clock-title">{t('countdown.title')}</h2>
      <p className="screening-clock-urgency" data-testid="signal-urgency">
        <span className="label">{t('signals.field.urgency')}: </span>
        <strong className={`badge urgency-badge urgency-badge-${signal.urgency}`}>{t(`signals.urgency.${signal.urgency}`)}</strong>
      </p>
      <p className="screening-clock-left" data-testid="screening-countdown">
        <strong>{left < 0 ? t('countdown.overdueBy', { time: spanText(t, left) }) : t('countdown.left', { time: spanText(t, left) })}</strong>
        <span className="screening-clock-due"> · {t('countdown.dueAt', { at: format.dateTime(signal.screeningDueAt) })}</span>
      </p>
      <p className="visually-hidden" role="status" data-testid="screening-countdown-announcement">{announced}</p>
    </section>
  );
}
