import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MeetingView } from '../../meetings/meeting-schema.ts';
import { isApiError } from '../app/api.ts';
import { ErrorMessage, LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { ActionItems } from './ActionItems.tsx';
import { ParticipantAdder } from './ParticipantAdder.tsx';
import { meetingKeys, useMeeting, useUpdateMeeting } from './queries.ts';
import { SectorFlags } from './SectorFlags.tsx';

export function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const meeting = useMeeting(meetingId);
  const format = useFormat();
  usePageTitle(t('meetings.meetingTitle'));

  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <LoadFailed title={t('meetings.meetingTitle')} error={meeting.error} backTo="/meetings" backLabel={t('meetings.backToList')} />;
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
      {m.canEdit ? <MeetingEditor key={m.version} meeting={m} /> : <ReadOnlyMeeting meeting={m} />}
      <ActionItems meeting={m} />
    </section>
  );
}

function ParticipantName({ p }: { p: MeetingView['participants'][number] }) {
  return <>{p.organisationName ?? p.institution}{p.personName ? ` — ${p.personName}` : ''}</>;
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

/**
 * The convening unit records attendance, status and decisions in one save from the version it
 * opened; a save over someone else's change is refused (409) and the page shows the meeting as
 * it now is, so the editor can redo the change on top of it.
 */
function MeetingEditor({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateMeeting(meeting.id);
  const [status, setStatus] = useState(meeting.status);
  const [decisions, setDecisions] = useState(meeting.decisions ?? '');
  const [attendance, setAttendance] = useState<Record<string, boolean | null>>(Object.fromEntries(meeting.participants.map((p) => [p.id, p.attended])));
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);

  const save = () => {
    const changed = meeting.participants.filter((p) => attendance[p.id] !== p.attended).map((p) => ({ participantId: p.id, attended: attendance[p.id] ?? null }));
    update.mutate(
      {
        version: meeting.version,
        ...(status !== meeting.status && { status }),
        ...(decisions !== (meeting.decisions ?? '') && { decisions: decisions || null }),
        ...(changed.length > 0 && { attendance: changed }),
      },
      {
        onSuccess: () => { setConflict(false); setSaved(true); },
        onError: (error) => {
          if (isApiError(error, 409) && error.body.current) {
            queryClient.setQueryData(meetingKeys.detail(meeting.id), error.body.current as MeetingView);
            setConflict(true);
          }
        },
      },
    );
  };
  const remove = (participantId: string) => update.mutate({ version: meeting.version, removeParticipantIds: [participantId] });

  return (
    <>
      {conflict && <p className="alert alert-warning" role="alert" data-testid="conflict">{t('meetings.conflict')}</p>}
      {saved && <p className="alert alert-success" role="status">{t('common.saved')}</p>}
      {update.isError && !conflict && <ErrorMessage error={update.error} />}
      <section className="panel" aria-labelledby="participants-title">
        <h2 id="participants-title">{t('meetings.participants')}</h2>
        <div className="table-scroll">
          <table>
            <caption>{t('meetings.participantsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.participant')}</th>
                <th scope="col">{t('meetings.field.sector')}</th>
                <th scope="col">{t('meetings.attended')}</th>
                <th scope="col"><span className="meetings-sr-only">{t('meetings.remove')}</span></th>
              </tr>
            </thead>
            <tbody>
              {meeting.participants.map((p) => (
                <tr key={p.id} data-testid="participant">
                  <td><ParticipantName p={p} /></td>
                  <td>{t(`taxonomy:sector.${p.sector}`)}</td>
                  <td>
                    <input
                      type="checkbox"
                      id={`attended-${p.id}`}
                      aria-label={t('meetings.attendedBy', { name: p.organisationName ?? p.institution ?? '' })}
                      checked={attendance[p.id] === true}
                      onChange={(e) => setAttendance((a) => ({ ...a, [p.id]: e.target.checked }))}
                    />
                  </td>
                  <td>
                    {p.organisationId !== meeting.unitId && (
                      <button type="button" className="button-secondary" onClick={() => remove(p.id)} disabled={update.isPending}>
                        {t('meetings.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ParticipantAdder meeting={meeting} />
      </section>
      <section className="panel" aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t('meetings.field.decisions')}</h2>
        <div className="field">
          <label htmlFor="meeting-status">{t('meetings.field.status')}</label>
          <select id="meeting-status" value={status} onChange={(e) => setStatus(e.target.value as MeetingView['status'])}>
            {(['planned', 'held', 'cancelled'] as const).map((s) => <option key={s} value={s}>{t(`meetings.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="meeting-decisions">{t('meetings.field.decisions')}</label>
          <textarea id="meeting-decisions" rows={5} value={decisions} onChange={(e) => setDecisions(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="button" onClick={save} disabled={update.isPending} data-testid="save-meeting">{t('common.save')}</button>
        </div>
      </section>
    </>
  );
}
