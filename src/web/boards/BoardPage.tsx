import './page-strings.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ADVOCACY_STATUSES } from '../../boards/boards-schema.ts';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { DateInput } from '../app/DateInput.tsx';
import { DetailsRow } from '../app/DetailsRow.tsx';
import { ErrorMessage, LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { Field } from './Field.tsx';
import { MeetingForm } from './MeetingForm.tsx';
import { MemberForm } from './MemberForm.tsx';
import { ViewsSection } from './ViewsSection.tsx';
import { type Board, useBoard, useBoardWrite } from './queries.ts';

/** One consultation board: its members (pseudonyms), meetings, the views raised and their responses, the advocacy actions. */
export function BoardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useBoard(id);
  usePageTitle(query.data?.name ?? t('boards.title'));
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadFailed title={t('boards.title')} error={query.error} backTo="/boards" backLabel={t('boards.back')} retry={() => query.refetch()} />;
  const b = query.data;
  return (
    <section data-testid="board-page">
      <p><Link to="/boards">{t('boards.back')}</Link></p>
      <h1>{b.name}</h1>
      <BoardHeader board={b} />
      <Members board={b} />
      <Meetings board={b} />
      <ViewsSection board={b} />
      <Advocacy board={b} />
    </section>
  );
}

function BoardHeader({ board: b }: { board: Board }) {
  const { t } = useTranslation();
  const format = useFormat();
  const save = useBoardWrite(b.id, '', 'PUT');
  return (
    <>
      {!b.editable && <p className="hint" data-testid="board-read-only">{t('boards.readOnly')}</p>}
      <dl className="details">
        <DetailsRow field="org" label={t('boards.board.convenedBy')}>{b.orgName}</DetailsRow>
        <DetailsRow field="municipality" label={t('boards.field.municipality')}>{b.municipalityName}</DetailsRow>
        <DetailsRow field="established" label={t('boards.field.establishedOn')}>{format.date(b.establishedOn)}</DetailsRow>
        <DetailsRow field="status" label={t('boards.column.status')}>{t(b.active ? 'boards.active' : 'boards.closed')}</DetailsRow>
      </dl>
      {save.isError && <ErrorMessage error={save.error} />}
      {b.editable && (b.active ? (
        <ConfirmButton question={t('boards.board.closeConfirm')} confirmLabel={t('boards.board.close')} disabled={save.isPending}
          onConfirm={() => save.mutate({ name: b.name, active: false, version: b.version })} testId="board-close">{t('boards.board.close')}</ConfirmButton>
      ) : (
        <button type="button" className="button-secondary" disabled={save.isPending} onClick={() => save.mutate({ name: b.name, active: true, version: b.version })}>{t('boards.board.reopen')}</button>
      ))}
    </>
  );
}

function Members({ board: b }: { board: Board }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const [leaving, setLeaving] = useState<string | null>(null);
  return (
    <section aria-labelledby="board-members" data-testid="board-members">
      <h2 id="board-members">{t('boards.members.title')}</h2>
      {b.members.length === 0 ? <p>{t('boards.members.none')}</p> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="board-members">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('boards.members.pseudonym')}</th>
                <th scope="col">{t('boards.members.ageBand')}</th>
                <th scope="col">{t('boards.members.sex')}</th>
                <th scope="col">{t('boards.members.childConsentOn')}</th>
                <th scope="col">{t('boards.members.guardianConsentOn')}</th>
                <th scope="col">{t('boards.members.joinedOn')}</th>
                <th scope="col">{t('boards.members.leftOn')}</th>
              </tr>
            </thead>
            <tbody>
              {b.members.map((m) => (
                <tr key={m.id} data-testid="board-member">
                  <th scope="row">{m.pseudonym}</th>
                  <td>{t(`taxonomy:ageGroup.${m.ageBand}`)}</td>
                  <td>{t(`taxonomy:sex.${m.sex}`)}</td>
                  <td>{format.date(m.childConsentOn)}</td>
                  <td>{format.date(m.guardianConsentOn)}</td>
                  <td>{format.date(m.joinedOn)}</td>
                  <td>
                    {m.leftOn ? format.date(m.leftOn) : b.editable && (leaving === m.id
                      ? <LeaveForm board={b} memberId={m.id} onDone={() => setLeaving(null)} />
                      : <button type="button" className="button-secondary" onClick={() => setLeaving(m.id)}>{t('boards.members.leave')}</button>)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {b.editable && (adding ? <MemberForm board={b} onDone={() => setAdding(false)} />
        : <p><button type="button" onClick={() => setAdding(true)} data-testid="member-add">{t('boards.members.add')}</button></p>)}
    </section>
  );
}

function LeaveForm({ board, memberId, onDone }: { board: Board; memberId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [day, setDay] = useState('');
  const save = useBoardWrite(board.id, `/members/${memberId}/leave`);
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); if (day) save.mutate({ leftOn: day }, { onSuccess: onDone }); }}>
      {save.isError && <ErrorMessage error={save.error} />}
      <Field id={`leave-${memberId}`} label={t('boards.members.leaveOn')}>
        {(p) => <DateInput id={p.id} value={day} onChange={setDay} required describedBy={p['aria-describedby']} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending || !day}>{t('boards.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('boards.cancel')}</button>
      </div>
    </form>
  );
}

function Meetings({ board: b }: { board: Board }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="board-meetings" data-testid="board-meetings">
      <h2 id="board-meetings">{t('boards.meetings.title')}</h2>
      {b.meetings.length === 0 ? <p>{t('boards.meetings.none')}</p> : (
        <ul className="board-meetings">
          {b.meetings.map((m) => (
            <li key={m.id} data-testid="board-meeting">
              <strong>{format.date(m.heldOn)}</strong> · {m.place} · {t('boards.meetings.present', { count: m.attendance.length })}
              {m.topics.length > 0 && <> · {t('boards.meetings.topics')}: {m.topics.join('; ')}</>}
            </li>
          ))}
        </ul>
      )}
      {b.editable && b.active && (adding ? <MeetingForm board={b} onDone={() => setAdding(false)} />
        : <p><button type="button" onClick={() => setAdding(true)} data-testid="meeting-add">{t('boards.meetings.record')}</button></p>)}
    </section>
  );
}

function Advocacy({ board: b }: { board: Board }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState('');
  const [status, setStatus] = useState<(typeof ADVOCACY_STATUSES)[number]>('planned');
  const add = useBoardWrite(b.id, '/advocacy');
  return (
    <section aria-labelledby="board-advocacy" data-testid="board-advocacy">
      <h2 id="board-advocacy">{t('boards.advocacy.title')}</h2>
      {b.advocacy.length === 0 ? <p>{t('boards.advocacy.none')}</p> : (
        <ul>
          {b.advocacy.map((a) => (
            <li key={a.id} data-testid="advocacy-action">
              {format.date(a.chosenOn)} · {a.description} · {b.editable ? <AdvocacyStatus board={b} action={a} /> : t(`boards.advocacyStatus.${a.status}`)}
            </li>
          ))}
        </ul>
      )}
      {b.editable && (
        <form noValidate className="panel" aria-labelledby="advocacy-form-title" onSubmit={(e) => {
          e.preventDefault();
          if (description.trim() && chosen) add.mutate({ description, chosenOn: chosen, status }, { onSuccess: () => { setDescription(''); setChosen(''); } });
        }}>
          <h3 id="advocacy-form-title">{t('boards.advocacy.add')}</h3>
          {add.isError && <ErrorMessage error={add.error} />}
          <Field id="advocacy-description" label={t('boards.advocacy.description')}>
            {(p) => <input {...p} type="text" value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <Field id="advocacy-chosen" label={t('boards.advocacy.chosenOn')}>
            {(p) => <DateInput id={p.id} value={chosen} onChange={setChosen} required describedBy={p['aria-describedby']} />}
          </Field>
          <Field id="advocacy-status" label={t('boards.advocacy.status')}>
            {(p) => (
              <select {...p} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
                {ADVOCACY_STATUSES.map((s) => <option key={s} value={s}>{t(`boards.advocacyStatus.${s}`)}</option>)}
              </select>
            )}
          </Field>
          <div className="form-actions"><button type="submit" disabled={add.isPending || !description.trim() || !chosen}>{t('boards.advocacy.add')}</button></div>
        </form>
      )}
    </section>
  );
}

function AdvocacyStatus({ board, action }: { board: Board; action: Board['advocacy'][number] }) {
  const { t } = useTranslation();
  const save = useBoardWrite(board.id, `/advocacy/${action.id}`, 'PUT');
  return (
    <select aria-label={t('boards.advocacy.change', { action: action.description })} value={action.status} disabled={save.isPending}
      onChange={(e) => save.mutate({ status: e.target.value, version: action.version })}>
      {ADVOCACY_STATUSES.map((s) => <option key={s} value={s}>{t(`boards.advocacyStatus.${s}`)}</option>)}
    </select>
  );
}
