import { AttachmentsPanel } from '../attachments/AttachmentsPanel.tsx';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MeetingView } from '../../meetings/meeting-schema.ts';
import { LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { ActionItems } from './ActionItems.tsx';
import { MeetingEditor, ParticipantName } from './MeetingEditor.tsx';
import { useMeeting } from './queries.ts';
import { SectorFlags } from './SectorFlags.tsx';

export function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const meeting = useMeeting(meetingId);
  const format = useFormat();
  usePageTitle(t('meetings.meetingTitle'));

  if (meeting.isPending) return <Loading what={t('forms.what.meeting')} />;
  if (meeting.isError) return <LoadFailed title={t('meetings.meetingTitle')} error={meeting.error} retry={() => meeting.refetch()} backTo="/meetings" backLabel={t('meetings.backToList')} />;
  const m = meeting.data;
  return (
    <section>
      <p><Link to="/meetings">{t('meetings.backToList')}</Link></p>
      <h1>{`${t(`taxonomy:meetingType.${m.type}`)} — ${format.dateTime(m.heldAt)}`}</h1>
      {m.accessReason === 'meeting' && <p className="alert alert-info">{t('meetings.invitedIntro')}</p>}
      <dl className="summary meeting-summary">
        <dt>{t('meetings.field.status')}</dt>
        <dd data-testid="meeting-status">{t(`meetings.status.${m.status}`)}</dd>
        <dt>{t('meetings.field.unit')}</dt>
        <dd>{m.unitName}</dd>
        {m.convenedByName && (<><dt>{t('meetings.field.convenedBy')}</dt><dd>{m.convenedByName}</dd></>)}
        {m.deadline && (
          <>
            <dt>{t('meetings.field.deadline')}</dt>
            <dd>
              {format.dateTime(m.deadline.dueAt)}{' '}
              {m.deadline.met === true && <span className="badge badge-ok">{`✓ ${t('meetings.deadlineMet')}`}</span>}
              {m.deadline.met === false && <span className="badge badge-warning">{`⚠ ${t('meetings.deadlineMissed')}`}</span>}
            </dd>
          </>
        )}
        <dt>{t('meetings.field.children')}</dt>
        <dd>
          {m.children.length === 0 ? t('common.none') : (
            <ul className="inline-list">
              {m.children.map((c) => <li key={c.id}><Link to={`/children/${c.id}`}>{`${c.givenName ?? ''} ${c.familyName ?? ''}`.trim()}</Link></li>)}
            </ul>
          )}
        </dd>
      </dl>
      <section className="panel" aria-labelledby="mandatory-title">
        <h2 id="mandatory-title">{t('meetings.mandatoryTitle')}</h2>
        <SectorFlags status={m.status} mandatory={m.mandatorySectors} missing={m.missingSectors} />
        {m.status === 'held' && m.missingSectors.length > 0 && (
          <p className="alert alert-warning" role="status">{t('meetings.missingWarning', { sectors: m.missingSectors.map((s) => t(`taxonomy:sector.${s}`)).join(', ') })}</p>
        )}
      </section>
      {m.canEdit ? <MeetingEditor meeting={m} /> : <ReadOnlyMeeting meeting={m} />}
      <ActionItems meeting={m} />
      <AttachmentsPanel ownerKind="meeting" ownerId={m.id} />
    </section>
  );
}

function ReadOnlyMeeting({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="panel" aria-labelledby="participants-title">
        <h2 id="participants-title">{t('meetings.participants')}</h2>
        <ul className="participant-list">
          {meeting.participants.map((p) => (
            <li key={p.id}>
              <ParticipantName p={p} />{` (${t(`taxonomy:sector.${p.sector}`)}) — `}
              {p.attended === true ? t('meetings.attended') : p.attended === false ? t('meetings.notAttended') : t('meetings.attendanceUnknown')}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t('meetings.field.decisions')}</h2>
        <p className="decisions">{meeting.decisions || t('common.none')}</p>
      </section>
    </>
  );
}
