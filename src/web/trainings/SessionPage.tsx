import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiUrl } from '../app/api.ts';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { i18n } from '../app/i18n.ts';
import { AttendanceGrid } from './AttendanceGrid.tsx';
import { ParticipantForm, ParticipantsImport } from './ParticipantForms.tsx';
import { ResultsRow } from './ResultsRow.tsx';
import { useSession } from './queries.ts';

/** One session: its participants, the attendance grid, test scores and ratings, certificates; adding and importing participants. */
export function SessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const query = useSession(id);
  usePageTitle(query.data?.session.moduleTitle ?? t('trainings.sessions.title'));
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadFailed title={t('trainings.sessions.title')} error={query.error} backTo="/trainings" backLabel={t('trainings.sessions.back')} retry={() => query.refetch()} />;
  const { session, participants } = query.data;
  return (
    <section data-testid="training-session">
      <p><Link to="/trainings">{t('trainings.sessions.back')}</Link></p>
      <h1>{session.moduleTitle}</h1>
      <dl className="details">
        <dt>{t('trainings.sessions.dates')}</dt><dd>{format.date(session.startsOn)} – {format.date(session.endsOn)}</dd>
        <dt>{t('trainings.sessions.place')}</dt><dd>{session.place} ({t(`trainings.mode.${session.mode}`)})</dd>
        <dt>{t('trainings.sessions.trainers')}</dt><dd>{session.trainers.join(', ')}</dd>
        <dt>{t('trainings.modules.topics')}</dt><dd>{session.topics.map((c) => t(`trainings.topic.${c}`)).join('; ')}</dd>
      </dl>
      <h2>{t('trainings.participants.attendance')}</h2>
      {participants.length === 0 ? <p>{t('trainings.participants.none')}</p> : <AttendanceGrid sessionId={session.id} days={session.days} participants={participants} />}
      {participants.length > 0 && (
        <>
          <h2>{t('trainings.participants.scores')}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('trainings.participants.scores')}>
            <table data-testid="training-results">
              <thead><tr>
                <th scope="col">{t('trainings.participants.name')}</th><th scope="col">{t('trainings.participants.before')}</th><th scope="col">{t('trainings.participants.after')}</th>
                <th scope="col">{t('trainings.participants.rating')}</th><th scope="col"><span className="visually-hidden">{t('trainings.participants.saveResults')}</span></th>
                <th scope="col">{t('trainings.participants.certificate')}</th>
              </tr></thead>
              <tbody>
                {participants.map((p) => (
                  <ResultsRow key={`${p.id}-${p.scoreBefore}-${p.scoreAfter}-${p.rating}`} sessionId={session.id} participant={p} totalDays={session.days.length}
                    pdfUrl={p.certificateCode ? apiUrl(`/training-certificates/${encodeURIComponent(p.certificateCode)}/certificate.pdf`, { lang: i18n.language }) : null} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ParticipantForm sessionId={session.id} />
      <ParticipantsImport sessionId={session.id} />
    </section>
  );
}
