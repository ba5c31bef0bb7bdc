import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../app/format.ts';
import type { HomeSummary } from './queries.ts';
import { FigureLink } from './FigureLink.tsx';

/** The supervisor's unit: overdue items by worker, approvals and transfers waiting, the caseload. */
export function SupervisorBlock({ data }: { data: NonNullable<HomeSummary['supervisor']> }) {
  const { t } = useTranslation();
  const k = (key: string) => `homePage.supervisor.${key}`;
  const who = (w: { userId: string | null; name: string | null }, shared: string) => w.name ?? (w.userId ? t('common.unknown') : t(k(shared)));
  return (
    <section className="home-block" aria-labelledby="home-supervisor" data-testid="home-supervisor">
      <h2 id="home-supervisor">{t(k('title'))}</h2>
      <div className="home-part">
        <h3>{t(k('overdueByWorker'))}</h3>
        {data.overdueByWorker.length === 0 ? <p className="home-empty">{t(k('nothingOverdue'))}</p> : (
          <ul className="home-figures">
            {data.overdueByWorker.map((w) => (
              <li key={w.userId ?? 'unit'} data-testid="home-worker-overdue">
                <span className="home-label">{who(w, 'unitWork')}</span>{' '}
                <FigureLink figure={w} textKey={k('items')} tone="alert" />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="home-part">
        <h3>{t(k('approvals'))}</h3>
        <ul className="home-figures">
          <li><FigureLink figure={data.approvals.plans} textKey={k('plans')} tone="warning" testId="home-plan-approvals" /></li>
          <li><FigureLink figure={data.approvals.closures} textKey={k('closures')} tone="warning" testId="home-closure-approvals" /></li>
        </ul>
      </div>
      <div className="home-part">
        <h3>{t(k('transfers'))}</h3>
        <ul className="home-figures">
          <li><FigureLink figure={data.transfers.incoming} textKey={k('incoming')} tone="warning" testId="home-transfers-in" /></li>
          <li><FigureLink figure={data.transfers.outgoing} textKey={k('outgoing')} testId="home-transfers-out" /></li>
        </ul>
      </div>
      <div className="home-part home-wide">
        <h3 id="home-caseload">{t(k('caseload'))}</h3>
        {data.caseload.length === 0 ? <p className="home-empty">{t(k('noWorkers'))}</p> : (
          <table className="home-table" aria-labelledby="home-caseload">
            <thead>
              <tr><th scope="col">{t(k('worker'))}</th><th scope="col">{t(k('activeCases'))}</th><th scope="col">{t(k('highRisk'))}</th><th scope="col">{t(k('overdueItems'))}</th></tr>
            </thead>
            <tbody>
              {data.caseload.map((w) => (
                <tr key={w.userId ?? 'unassigned'} data-testid="home-caseload-row">
                  <th scope="row">{who(w, 'unassigned')}</th>
                  <td><Link to={w.link} data-count={w.count}>{w.count}</Link></td>
                  <td>{w.highRisk}</td>
                  <td>{w.overdueItems}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/** What a partner's or provider's organisation is asked to do: referrals, action items, meetings. */
export function OrganisationBlock({ data }: { data: NonNullable<HomeSummary['organisation']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const k = (key: string) => `homePage.organisation.${key}`;
  const late = (n: number) => (n > 0 ? <span className="badge badge-overdue">{t(k('overdueNote'), { count: n })}</span> : null);
  const noReferrals = data.referralsToAnswer.count + data.referralsToCarryOut.count === 0;
  const noActions = data.actionItems.count + data.planActions.count === 0;
  return (
    <section className="home-block" aria-labelledby="home-organisation" data-testid="home-organisation">
      <h2 id="home-organisation">{t(k('title'))}</h2>
      <div className="home-part">
        <h3>{t(k('referrals'))}</h3>
        {noReferrals ? <p className="home-empty">{t(k('noReferrals'))}</p> : (
          <ul className="home-figures">
            <li><FigureLink figure={data.referralsToAnswer} textKey={k('toAnswer')} tone="warning" testId="home-referrals-answer" /> {late(data.referralsToAnswer.overdue)}</li>
            <li><FigureLink figure={data.referralsToCarryOut} textKey={k('toCarryOut')} testId="home-referrals-carry-out" /> {late(data.referralsToCarryOut.overdue)}</li>
          </ul>
        )}
      </div>
      <div className="home-part">
        <h3>{t(k('actions'))}</h3>
        {noActions ? <p className="home-empty">{t(k('noActions'))}</p> : (
          <ul className="home-figures">
            {data.actionItemsOverdue.count > 0 && <li><FigureLink figure={data.actionItemsOverdue} textKey={k('actionItemsOverdue')} tone="alert" testId="home-action-items-overdue" /></li>}
            {data.actionItems.count > 0 && <li><FigureLink figure={data.actionItems} textKey={k('actionItems')} testId="home-action-items" /></li>}
            {data.planActions.count > 0 && <li><FigureLink figure={data.planActions} textKey={k('planActions')} testId="home-plan-actions" /></li>}
          </ul>
        )}
      </div>
      <div className="home-part">
        <h3>{t(k('meetings'))}</h3>
        {data.meetings.count === 0 ? <p className="home-empty">{t(k('noMeetings'))}</p> : (
          <>
            <p><FigureLink figure={data.meetings} textKey={k('meetingCount')} testId="home-meetings" /></p>
            <ul className="home-list">
              {data.meetings.top.map((m) => (
                <li key={m.id} data-testid="home-meeting">
                  <Link to={m.link}>{t(`taxonomy:meetingType.${m.type}`)}</Link>
                  <span className="home-when">{format.dateTime(m.heldAt)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
