import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingPatch, MeetingView } from '../../meetings/meeting-schema.ts';
import { isApiError } from '../app/api.ts';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { EmptyState, ErrorMessage } from '../app/ErrorMessage.tsx';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { ParticipantAdder } from './ParticipantAdder.tsx';
import { meetingKeys, useUpdateMeeting } from './queries.ts';

/**
 * The convening unit edits a meeting where each thing is shown: attendance is saved as it is
 * ticked, in its row; removing a participant asks first; status and decisions are saved by the
 * button of their card (cancelling the meeting asks first), from the version the editor started
 * from. A save over someone else's change is refused (409): the page shows the meeting as it now
 * is, so the editor can redo the change on top of it.
 */
export function MeetingEditor({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateMeeting(meeting.id);
  // The version the status and decisions draft started from, and a key to start it afresh.
  const [base, setBase] = useState(meeting.version);
  const [draftKey, setDraftKey] = useState(0);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState<Record<string, boolean>>({});

  const send = (patch: MeetingPatch, what: string, onDone?: () => void) => {
    const from = patch.version;
    setSaved(null);
    update.mutate(patch, {
      onSuccess: (view) => {
        setConflict(false);
        setSaved(what);
        // Our own save moves the draft's base along with it.
        setBase((b) => (b === from ? view.version : b));
        onDone?.();
      },
      onError: (error) => {
        if (isApiError(error, 409) && error.body.current) {
          const current = error.body.current as MeetingView;
          queryClient.setQueryData(meetingKeys.detail(meeting.id), current);
          setConflict(true);
          setBase(current.version);
          setDraftKey((k) => k + 1);
        }
      },
      onSettled: () => setPending({}),
    });
  };

  const attend = (participantId: string, attended: boolean) => {
    setPending({ [participantId]: attended });
    send({ version: meeting.version, attendance: [{ participantId, attended }] }, participantId);
  };
  const remove = (participantId: string) => send({ version: meeting.version, removeParticipantIds: [participantId] }, 'removed');

  return (
    <>
      {conflict && <p className="alert alert-warning" role="alert" data-testid="conflict">{t('meetings.conflict')}</p>}
      {update.isError && !conflict && <ErrorMessage error={update.error} />}
      <section className="panel" aria-labelledby="participants-title">
        <h2 id="participants-title">{t('meetings.participants')}</h2>
        <p className="hint">{t('forms.attendanceHint')}</p>
        {meeting.participants.length === 0 && <EmptyState>{t('emptyStates.participants')}</EmptyState>}
        <div className="table-scroll" hidden={meeting.participants.length === 0}>
          <table>
            <caption>{t('meetings.participantsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.participant')}</th>
                <th scope="col">{t('meetings.field.sector')}</th>
                <th scope="col">{t('meetings.attended')}</th>
                <th scope="col"><span className="visually-hidden">{t('meetings.remove')}</span></th>
              </tr>
            </thead>
            <tbody>
              {meeting.participants.map((p) => {
                const name = p.organisationName ?? p.institution ?? '';
                const checked = p.id in pending ? pending[p.id] === true : p.attended === true;
                return (
                  <tr key={p.id} data-testid="participant">
                    <td><ParticipantName p={p} /></td>
                    <td>{t(`taxonomy:sector.${p.sector}`)}</td>
                    <td>
                      <input
                        type="checkbox"
                        id={`attended-${p.id}`}
                        aria-label={t('meetings.attendedBy', { name })}
                        aria-describedby={`attended-${p.id}-state`}
                        checked={checked}
                        disabled={update.isPending}
                        onChange={(e) => attend(p.id, e.target.checked)}
                      />
                      <span id={`attended-${p.id}-state`} className="save-state" role="status" data-testid="attendance-state">
                        {p.id in pending ? t('forms.saving') : saved === p.id ? t('forms.saved') : ''}
                      </span>
                    </td>
                    <td>
                      {p.organisationId !== meeting.unitId && (
                        <ConfirmButton
                          testId="remove-participant"
                          disabled={update.isPending}
                          question={t(meeting.status === 'held' ? 'forms.confirm.removeHeldParticipant' : 'forms.confirm.removeParticipant', { name })}
                          onConfirm={() => remove(p.id)}
                        >
                          {t('meetings.remove')}
                        </ConfirmButton>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {saved === 'removed' && <p className="save-state" role="status">{t('forms.participantRemoved')}</p>}
        <ParticipantAdder meeting={meeting} />
      </section>
      <DecisionsCard key={draftKey} meeting={meeting} busy={update.isPending} saved={saved === 'decisions'}
        onSave={(patch, done) => send({ version: base, ...patch }, 'decisions', done)} />
    </>
  );
}

export function ParticipantName({ p }: { p: MeetingView['participants'][number] }) {
  return <>{p.organisationName ?? p.institution}{p.personName ? ` — ${p.personName}` : ''}</>;
}

/** Status and decisions, saved by their own button; leaving with changes asks first. */
function DecisionsCard({ meeting, busy, saved, onSave }: {
  meeting: MeetingView;
  busy: boolean;
  saved: boolean;
  onSave: (patch: Omit<MeetingPatch, 'version'>, done: () => void) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(meeting.status);
  const [decisions, setDecisions] = useState(meeting.decisions ?? '');
  const dirty = status !== meeting.status || decisions !== (meeting.decisions ?? '');
  useUnsavedChangesGuard(dirty);
  // After a save the meeting shows the saved values: the draft follows them.
  const [savedFrom, setSavedFrom] = useState<number | null>(null);
  useEffect(() => {
    if (savedFrom !== null && meeting.version !== savedFrom) {
      setStatus(meeting.status);
      setDecisions(meeting.decisions ?? '');
      setSavedFrom(null);
    }
  }, [meeting, savedFrom]);

  const save = () => {
    setSavedFrom(meeting.version);
    onSave({
      ...(status !== meeting.status && { status }),
      ...(decisions !== (meeting.decisions ?? '') && { decisions: decisions || null }),
    }, () => undefined);
  };
  const cancelling = status === 'cancelled' && meeting.status !== 'cancelled';

  return (
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
        {cancelling ? (
          <ConfirmButton className="" testId="save-meeting" disabled={busy} question={t('forms.confirm.cancelMeeting')}
            confirmLabel={t('forms.confirm.cancelMeetingYes')} onConfirm={save}>
            {t('common.save')}
          </ConfirmButton>
        ) : (
          <button type="button" onClick={save} disabled={busy} data-testid="save-meeting">{t('common.save')}</button>
        )}
        {saved && !dirty && <span className="save-state" role="status">{t('common.saved')}</span>}
      </div>
    </section>
  );
}
