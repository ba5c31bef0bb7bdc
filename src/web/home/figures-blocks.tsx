import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../app/format.ts';
import type { HomeSummary } from './queries.ts';
import { FigureLink } from './FigureLink.tsx';

/** The monitor's headline figures of the latest period with data, with the change from the previous one. */
export function MonitorBlock({ data }: { data: NonNullable<HomeSummary['monitor']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const k = (key: string) => `homePage.monitor.${key}`;
  const change = (value: number, previous: number) => {
    if (value === previous) return t(k('same'));
    const d = value - previous;
    return t(k('change'), { change: `${d > 0 ? '+' : '−'}${format.number(Math.abs(d))}` });
  };
  return (
    <section className="home-block" aria-labelledby="home-monitor" data-testid="home-monitor">
      <h2 id="home-monitor">{t(k('title'))}</h2>
      {!data.period ? <p className="home-empty">{t(k('noData'))}</p> : (
        <>
          <p className="hint" data-testid="home-period">
            {data.yearToDate ? `${t(k('yearToDate'))}: ` : ''}
            {t(k('period'), { from: format.date(data.period.from), to: format.date(data.period.to) })}
            {data.previous && <> · {t(k('previous'), { from: format.date(data.previous.from), to: format.date(data.previous.to) })}</>}
          </p>
          <ul className="home-tiles">
            {data.figures.map((f) => (
              <li key={f.key} data-testid={`home-monitor-${f.key}`}>
                <span className="home-label">{t(k(f.key))}</span>
                {f.value === null ? <span className="home-empty">{t(k('hidden'))}</span> : (
                  <Link to={f.link} className="home-number" data-count={f.value}>{format.number(f.value)}</Link>
                )}
                {f.value !== null && f.previous !== null && <span className="home-when">{change(f.value, f.previous)}</span>}
              </li>
            ))}
          </ul>
          <p><Link to={data.figures[0]?.link ?? '/reports/monitoring'}>{t(k('openReport'))}</Link></p>
        </>
      )}
    </section>
  );
}

/** The administrator's accounts: how many, how many locked, how many disabled. No child data. */
export function AdminBlock({ data }: { data: NonNullable<HomeSummary['admin']> }) {
  const { t } = useTranslation();
  const k = (key: string) => `homePage.admin.${key}`;
  return (
    <section className="home-block" aria-labelledby="home-admin" data-testid="home-admin">
      <h2 id="home-admin">{t(k('title'))}</h2>
      <ul className="home-figures">
        <li><FigureLink figure={data.users} textKey={k('users')} testId="home-users" /></li>
        <li><FigureLink figure={data.locked} textKey={k('locked')} emptyKey={k('noLocked')} tone="alert" testId="home-locked" /></li>
        <li><FigureLink figure={data.disabled} textKey={k('disabled')} emptyKey={k('noDisabled')} testId="home-disabled" /></li>
      </ul>
    </section>
  );
}
