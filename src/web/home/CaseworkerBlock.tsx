import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { useFormat } from '../app/format.ts';
import type { HomeSummary } from './queries.ts';
import { FigureLink } from './FigureLink.tsx';

type Data = NonNullable<HomeSummary['caseworker']>;

/** The time left to a deadline, in words: hours under two days, else days. */
export function timeLeft(t: TFunction, dueAt: string, now = Date.now()): string {
  const ms = Date.parse(dueAt) - now;
  if (ms < 0) return t('homePage.caseworker.pastDeadline');
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return t('homePage.caseworker.lessThanHour');
  if (hours < 48) return t('homePage.caseworker.hoursLeft', { count: hours });
  return t('homePage.caseworker.daysLeft', { count: Math.floor(hours / 24) });
}

/** The caseworker's day: overdue and due today, signals to screen, own cases by risk, children not seen. */
export function CaseworkerBlock({ data }: { data: Data }) {
  const { t } = useTranslation();
  const format = useFormat();
  const k = (key: string) => `homePage.caseworker.${key}`;
  const risks = data.casesByRisk.filter((r) => r.count > 0);
  return (
    <section className="home-block" aria-labelledby="home-caseworker" data-testid="home-caseworker">
      <h2 id="home-caseworker">{t(k('title'))}</h2>
      <div className="home-part">
        <h3>{t(k('tasks'))}</h3>
        <ul className="home-figures">
          <li><FigureLink figure={data.overdue} textKey={k('overdue')} emptyKey={k('nothingOverdue')} tone="alert" testId="home-overdue" /></li>
          <li><FigureLink figure={data.dueToday} textKey={k('dueToday')} emptyKey={k('nothingToday')} tone="warning" testId="home-due-today" /></li>
        </ul>
      </div>
      <div className="home-part">
        <h3>{t(k('signals'))}</h3>
        {data.signalsToScreen.count === 0 ? <p className="home-empty">{t(k('noSignals'))}</p> : (
          <>
            <p><FigureLink figure={data.signalsToScreen} textKey={k('signalCount')} testId="home-signals" /></p>
            <ul className="home-list">
              {data.signalsToScreen.top.map((s) => (
                <li key={s.id} data-testid="home-signal">
                  <Link to={s.link}>{s.childName ?? t(k('signalRef'), { ref: s.ref ?? '' })}</Link>
                  {s.urgency && <span className={`badge ${s.urgency === 'immediate' ? 'badge-overdue' : 'badge-muted'}`}>{t(`signals.urgency.${s.urgency}`)}</span>}
                  <span className="home-when" data-testid="home-signal-due">{t(k('screenBy'), { date: format.dateTime(s.dueAt) })}</span>
                  <strong className={s.overdue ? 'home-late' : undefined}>{timeLeft(t, s.dueAt)}</strong>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="home-part">
        <h3>{t(k('cases'))}</h3>
        {risks.length === 0 ? <p className="home-empty">{t(k('noCases'))}</p> : (
          <ul className="home-figures">
            {risks.map((r) => (
              <li key={r.level}>
                <span className="home-label">{r.level === 'none' ? t(k('riskNone')) : t(`taxonomy:riskLevel.${r.level}`)}</span>{' '}
                <FigureLink figure={r} textKey={k('caseCount')} tone={r.level === 'high' ? 'alert' : undefined} testId={`home-risk-${r.level}`} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="home-part">
        <h3>{t(k('notSeen'), { count: data.notSeen.days })}</h3>
        {data.notSeen.count === 0 ? <p className="home-empty">{t(k('allSeen'), { count: data.notSeen.days })}</p> : (
          <>
            <p><FigureLink figure={data.notSeen} textKey={k('notSeenCount')} testId="home-not-seen" /></p>
            <ul className="home-list">
              {data.notSeen.top.map((c) => (
                <li key={c.caseId} data-testid="home-not-seen-child">
                  <Link to={c.link}>{c.childName ?? t(k('caseRef'), { ref: c.ref ?? '' })}</Link>
                  <span className="home-when">{c.lastSeenAt ? t(k('lastSeen'), { date: format.date(c.lastSeenAt) }) : t(k('neverSeen'))}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
