import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { useCaseTimeline } from './queries.ts';

/**
 * Who took a step, as a reader names them: the person, or — for a step a system handle took
 * (stored as `system:<handle>`: demo data, an import from the command line, a job) — a
 * translated label, never the handle itself.
 */
export function timelineActor(actorName: string, t: TFunction): string {
  if (!actorName.startsWith('system:')) return actorName;
  const handle = actorName.slice('system:'.length);
  if (handle.includes('import')) return t('cases.timeline.actorImport');
  if (handle === 'seed-demo') return t('cases.timeline.actorDemo');
  return t('cases.timeline.actorSystem');
}

/**
 * The case's steps, newest first as the server gives them. The detail holds codes only; the ones
 * with a label of their own (status, risk level, closure reason, meeting type) are translated, others omitted.
 */
export function CaseTimelineSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const timeline = useCaseTimeline(caseId);
  return (
    <section className="panel" aria-labelledby="case-timeline-title" data-testid="case-timeline">
      <h2 id="case-timeline-title">{t('cases.timeline.title')}</h2>
      {timeline.isPending ? <Loading what={t('forms.what.timeline')} /> : timeline.isError ? <ErrorMessage error={timeline.error} retry={() => timeline.refetch()} /> : timeline.data.items.length === 0 ? (
        <p>{t('cases.timeline.empty')}</p>
      ) : (
        <ol className="case-timeline">
          {timeline.data.items.map((e) => {
            const d = e.detail as Record<string, unknown>;
            const extra = [
              typeof d.riskLevel === 'string' ? t(`taxonomy:riskLevel.${d.riskLevel}`, { defaultValue: d.riskLevel }) : null,
              typeof d.reason === 'string' ? t(`cases.closureReason.${d.reason}`, { defaultValue: '' }) || null : null,
              typeof d.status === 'string' ? t(`cases.status.${d.status}`, { defaultValue: '' }) || null : null,
              e.kind === 'assessment_recorded' && typeof d.kind === 'string' ? t(`casework.assessment.kind.${d.kind}`, { defaultValue: '' }) || null : null,
              d.withdrawal === 'case_closed' ? t('cases.timeline.withdrawnOnClosure') : null,
              d.ending === 'case_closed' ? t('cases.timeline.endedOnClosure') : null,
              d.origin === 'import' ? t('cases.timeline.imported') : null,
              typeof d.meetingType === 'string' ? t(`taxonomy:meetingType.${d.meetingType}`, { defaultValue: '' }) || null : null,
            ].filter(Boolean);
            return (
              <li key={e.id} data-kind={e.kind}>
                <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                <span className="case-event-kind">{t(`cases.event.${e.kind}`)}</span>
                {extra.length > 0 && <span className="case-event-detail">{extra.join(' · ')}</span>}
                <span className="case-event-actor">{[timelineActor(e.actorName, t), e.authorOrgName].filter(Boolean).join(', ')}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
