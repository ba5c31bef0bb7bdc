import './page-strings.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DateInput } from '../app/DateInput.tsx';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { ListLoadFailed } from '../app/ListStates.tsx';
import { useFormat } from '../app/format.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { Field } from './Field.tsx';
import { useBoardWrite, useBoards } from './queries.ts';

/** The organisation's consultation boards (a unit supervisor: also the NGO boards of its jurisdiction), and setting up a new one. */
export function BoardsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t('boards.title'));
  const query = useBoards();
  const [adding, setAdding] = useState(false);
  return (
    <section data-testid="boards-page">
      <h1>{t('boards.title')}</h1>
      <p className="hint">{t('boards.intro')}</p>
      {adding ? <NewBoard onCancel={() => setAdding(false)} /> : (
        <p><button type="button" onClick={() => setAdding(true)} data-testid="board-new">{t('boards.new')}</button></p>
      )}
      {query.isPending ? <Loading /> : query.isError ? <ListLoadFailed error={query.error} onRetry={() => query.refetch()} />
        : query.data.items.length === 0 ? <p data-testid="boards-empty">{t('boards.none')}</p> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('boards.title')}>
            <table data-testid="boards-table">
              <thead>
                <tr>
                  <th scope="col">{t('boards.column.name')}</th>
                  <th scope="col">{t('boards.column.organisation')}</th>
                  <th scope="col">{t('boards.column.municipality')}</th>
                  <th scope="col">{t('boards.column.members')}</th>
                  <th scope="col">{t('boards.column.meetings')}</th>
                  <th scope="col">{t('boards.column.lastMeeting')}</th>
                  <th scope="col">{t('boards.column.waiting')}</th>
                  <th scope="col">{t('boards.column.overdue')}</th>
                  <th scope="col">{t('boards.column.status')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((b) => (
                  <tr key={b.id} data-testid="board-row">
                    <th scope="row"><Link to={`/boards/${b.id}`}>{b.name}</Link></th>
                    <td>{b.orgName}</td>
                    <td>{b.municipalityName}</td>
                    <td>{format.number(b.currentMembers)}</td>
                    <td>{format.number(b.meetingCount)}</td>
                    <td>{b.lastMeetingOn ? format.date(b.lastMeetingOn) : '—'}</td>
                    <td>{format.number(b.views.open + b.views.inProgress)}</td>
                    <td>{b.views.overdue > 0 ? <strong className="overdue">{format.number(b.views.overdue)}</strong> : format.number(0)}</td>
                    <td>{t(b.active ? 'boards.active' : 'boards.closed')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}

function NewBoard({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const lookup = useMunicipalityLookup(me.organisation.country);
  const own = me.organisation.jurisdictionCode;
  const municipalities = [...lookup.values()].filter((m) => own === m.code || own === m.parentCode || own === m.country)
    .sort((a, b) => a.nameLocal.localeCompare(b.nameLocal));
  const [name, setName] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [established, setEstablished] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const save = useBoardWrite(null, '');
  const chosen = municipality || (municipalities.length === 1 ? municipalities[0]!.code : '');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const empty = [!name.trim() && 'name', !chosen && 'municipality', !established && 'establishedOn'].filter((x): x is string => !!x);
    setMissing(empty);
    if (empty.length) return;
    save.mutate({ name, municipalityCode: chosen, establishedOn: established }, { onSuccess: (b) => navigate(`/boards/${b.id}`) });
  };
  const required = t('validation.required');
  return (
    <form noValidate className="panel" onSubmit={submit} data-testid="board-form" aria-labelledby="board-form-title">
      <h2 id="board-form-title">{t('boards.new')}</h2>
      {save.isError && <ErrorMessage error={save.error} />}
      <Field id="board-name" label={t('boards.field.name')} error={missing.includes('name') ? required : undefined}>
        {(p) => <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id="board-municipality" label={t('boards.field.municipality')} error={missing.includes('municipality') ? required : undefined}>
        {(p) => (
          <select {...p} value={chosen} onChange={(e) => setMunicipality(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {municipalities.map((m) => <option key={m.code} value={m.code}>{jurisdictionLabel(m, m.code)}</option>)}
          </select>
        )}
      </Field>
      <Field id="board-established" label={t('boards.field.establishedOn')} error={missing.includes('establishedOn') ? required : undefined}>
        {(p) => <DateInput id={p.id} value={established} onChange={setEstablished} required invalid={p['aria-invalid']} describedBy={p['aria-describedby']} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending} data-testid="board-save">{t('boards.save')}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('boards.cancel')}</button>
      </div>
    </form>
  );
}
