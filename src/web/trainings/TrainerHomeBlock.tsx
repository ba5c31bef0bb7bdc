import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../app/format.ts';
import { useTrainerHome } from './queries.ts';

/** Home for a trainer: the sessions to come (or under way) and the certificates still to issue. */
export function TrainerHomeBlock() {
  const { t } = useTranslation();
  const format = useFormat();
  const home = useTrainerHome();
  const status = home.isError ? t('homePage.loadFailed') : t('common.loading');
  return (
    <>
      <section className="home-block" aria-labelledby="home-trainings-upcoming" data-testid="home-trainings-upcoming">
        <h2 id="home-trainings-upcoming">{t('trainings.home.upcoming')}</h2>
        {!home.isSuccess ? <p className="home-empty">{status}</p> : home.data.upcoming.length === 0 ? <p className="home-empty">{t('trainings.home.noneUpcoming')}</p> : (
          <ul>
            {home.data.upcoming.map((s) => (
              <li key={s.id}><Link to={`/trainings/sessions/${s.id}`}>{s.moduleTitle}</Link> — {format.date(s.startsOn)}, {s.place}</li>
            ))}
          </ul>
        )}
        <p><Link className="button" to="/trainings">{t('trainings.sessions.new')}</Link></p>
      </section>
      <section className="home-block" aria-labelledby="home-trainings-issue" data-testid="home-trainings-issue">
        <h2 id="home-trainings-issue">{t('trainings.home.toIssue')}</h2>
        {!home.isSuccess ? <p className="home-empty">{status}</p> : home.data.toIssue.length === 0 ? <p className="home-empty">{t('trainings.home.noneToIssue')}</p> : (
          <ul>
            {home.data.toIssue.map((x) => (
              <li key={x.participantId}>{x.name} — <Link to={`/trainings/sessions/${x.sessionId}`}>{x.moduleTitle}</Link> ({format.date(x.endsOn)})</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
