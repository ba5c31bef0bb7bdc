import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { type CertificateView, type ParticipantView, useParticipantWrite } from './queries.ts';

const num = (v: string) => (v.trim() === '' ? null : Number(v));

/** One participant's test scores and rating (saved together), and the certificate: issue it, or download it. */
export function ResultsRow({ sessionId, participant: p, totalDays, pdfUrl }: { sessionId: string; participant: ParticipantView; totalDays: number; pdfUrl: string | null }) {
  const { t } = useTranslation();
  const write = useParticipantWrite<ParticipantView>(sessionId);
  const issue = useParticipantWrite<CertificateView>(sessionId);
  const [before, setBefore] = useState(p.scoreBefore === null ? '' : String(p.scoreBefore));
  const [after, setAfter] = useState(p.scoreAfter === null ? '' : String(p.scoreAfter));
  const [rating, setRating] = useState(p.rating === null ? '' : String(p.rating));
  const formId = `results-${p.id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    write.mutate({ participantId: p.id, what: 'results', method: 'PUT', body: { scoreBefore: num(before), scoreAfter: num(after), rating: num(rating) } });
  };
  const field = (key: string, value: string, set: (v: string) => void, max: number, min: number) => (
    <input form={formId} type="number" min={min} max={max} className="narrow" aria-label={`${t(`trainings.participants.${key}`)}: ${p.name}`} value={value} onChange={(e) => set(e.target.value)} />
  );
  return (
    <tr data-testid="training-participant">
      <th scope="row">{p.name}<br /><span className="hint">{t('trainings.participants.days', { n: p.days.length, m: totalDays })}</span></th>
      <td>{field('before', before, setBefore, 100, 0)}</td>
      <td>{field('after', after, setAfter, 100, 0)}</td>
      <td>{field('rating', rating, setRating, 5, 1)}</td>
      <td>
        <form id={formId} onSubmit={submit}><button type="submit" className="button-secondary" disabled={write.isPending}>{t('trainings.participants.saveResults')}</button></form>
        {write.isSuccess && <span role="status">{t('trainings.participants.resultsSaved')}</span>}
        {write.isError && <ErrorMessage error={write.error} />}
      </td>
      <td>
        {pdfUrl ? (
          <a className="button button-secondary" href={pdfUrl} download data-testid="certificate-download">{t('trainings.participants.download', { code: p.certificateCode })}</a>
        ) : p.eligible ? (
          <button type="button" disabled={issue.isPending} data-testid="certificate-issue" onClick={() => issue.mutate({ participantId: p.id, what: 'certificate', method: 'POST', body: {} })}>
            {t('trainings.participants.issue')}
          </button>
        ) : <span className="hint">{t('trainings.participants.notEligible')}</span>}
        {issue.isError && <ErrorMessage error={issue.error} />}
      </td>
    </tr>
  );
}
