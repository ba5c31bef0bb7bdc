import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { type ParticipantView, useParticipantWrite } from './queries.ts';

/** Attendance per day: a checkbox per participant and day of the session; saving sends each changed participant's days. */
export function AttendanceGrid({ sessionId, days, participants }: { sessionId: string; days: string[]; participants: ParticipantView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const write = useParticipantWrite<ParticipantView>(sessionId);
  const [marks, setMarks] = useState(() => new Map(participants.map((p) => [p.id, new Set(p.days)])));
  const [saved, setSaved] = useState(false);
  const toggle = (id: string, day: string, on: boolean) => {
    const next = new Map(marks);
    const set = new Set(next.get(id) ?? []);
    if (on) set.add(day); else set.delete(day);
    next.set(id, set);
    setMarks(next);
    setSaved(false);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    for (const p of participants) {
      const now = [...(marks.get(p.id) ?? [])].sort();
      if (now.join() === [...p.days].sort().join()) continue;
      await write.mutateAsync({ participantId: p.id, what: 'attendance', method: 'PUT', body: { days: now } });
    }
    setSaved(true);
  };
  return (
    <form onSubmit={(e) => void submit(e).catch(() => undefined)} data-testid="attendance-grid">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('trainings.participants.attendance')}>
        <table>
          <thead><tr><th scope="col">{t('trainings.participants.name')}</th>{days.map((d) => <th scope="col" key={d}>{format.date(d)}</th>)}</tr></thead>
          <tbody>
            {participants.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}<br /><span className="hint">{p.organisation}</span></th>
                {days.map((d) => (
                  <td key={d}>
                    <input type="checkbox" aria-label={t('trainings.participants.attended', { day: format.date(d), name: p.name })}
                      checked={marks.get(p.id)?.has(d) ?? false} onChange={(e) => toggle(p.id, d, e.target.checked)} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {write.isError && <ErrorMessage error={write.error} />}
      {saved && <p role="status">{t('trainings.participants.attendanceSaved')}</p>}
      <button type="submit" disabled={write.isPending} data-testid="attendance-save">{t('trainings.participants.saveAttendance')}</button>
    </form>
  );
}
