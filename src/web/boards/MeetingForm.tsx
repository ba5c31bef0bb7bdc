import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOARD_THEMES } from '../../boards/boards-schema.ts';
import { DateInput } from '../app/DateInput.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { type Board, useBoardWrite } from './queries.ts';

type ViewDraft = { key: number; statement: string; themes: string[] };

/**
 * Records a meeting: its day and place, the topics, the members present (those who were members
 * on that day), and the views the children raised, each a short statement with its themes.
 */
export function MeetingForm({ board, onDone }: { board: Board; onDone: () => void }) {
  const { t } = useTranslation();
  const [heldOn, setHeldOn] = useState('');
  const [place, setPlace] = useState('');
  const [topics, setTopics] = useState('');
  const [present, setPresent] = useState<string[]>([]);
  const [views, setViews] = useState<ViewDraft[]>([]);
  const [next, setNext] = useState(1);
  const [missing, setMissing] = useState<string[]>([]);
  const save = useBoardWrite(board.id, '/meetings');
  const members = board.members.filter((m) => !heldOn || (m.joinedOn <= heldOn && (m.leftOn === null || m.leftOn >= heldOn)));
  const required = t('validation.required');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const empty = [!heldOn && 'heldOn', !place.trim() && 'place',
      ...views.flatMap((v, i) => [!v.statement.trim() && `views.${i}.statement`, v.themes.length === 0 && `views.${i}.themes`])].filter((x): x is string => !!x);
    setMissing(empty);
    if (empty.length) return;
    save.mutate({
      heldOn, place, topics: topics.split('\n').map((x) => x.trim()).filter(Boolean),
      attendance: present.filter((id) => members.some((m) => m.id === id)),
      views: views.map((v) => ({ statement: v.statement, themes: v.themes })),
    }, { onSuccess: onDone });
  };
  const change = (key: number, patch: Partial<ViewDraft>) => setViews((old) => old.map((v) => (v.key === key ? { ...v, ...patch } : v)));
  return (
    <form noValidate className="panel" onSubmit={submit} aria-labelledby="meeting-form-title" data-testid="meeting-form">
      <h3 id="meeting-form-title">{t('boards.meetings.record')}</h3>
      {save.isError && <ErrorMessage error={save.error} />}
      <Field id="meeting-held-on" label={t('boards.meetings.heldOn')} error={missing.includes('heldOn') ? required : undefined}>
        {(p) => <DateInput id={p.id} value={heldOn} onChange={setHeldOn} required invalid={p['aria-invalid']} describedBy={p['aria-describedby']} />}
      </Field>
      <Field id="meeting-place" label={t('boards.meetings.place')} error={missing.includes('place') ? required : undefined}>
        {(p) => <input {...p} type="text" value={place} onChange={(e) => setPlace(e.target.value)} />}
      </Field>
      <Field id="meeting-topics" label={t('boards.meetings.topics')} hint={t('boards.meetings.topicsHint')} optional>
        {(p) => <textarea {...p} rows={3} value={topics} onChange={(e) => setTopics(e.target.value)} />}
      </Field>
      <fieldset className="field checkbox-group" data-testid="meeting-attendance">
        <legend>{t('boards.meetings.attendance')}</legend>
        {members.length === 0 ? <p className="hint">{t('boards.meetings.noMembers')}</p> : (
          <div className="checkbox-options">
            {members.map((m) => (
              <div className="field-checkbox" key={m.id}>
                <input id={`present-${m.id}`} type="checkbox" checked={present.includes(m.id)}
                  onChange={(e) => setPresent((old) => (e.target.checked ? [...old, m.id] : old.filter((x) => x !== m.id)))} />
                <label htmlFor={`present-${m.id}`}>{m.pseudonym}</label>
              </div>
            ))}
          </div>
        )}
      </fieldset>
      <h4>{t('boards.meetings.views')}</h4>
      {views.map((v, i) => (
        <fieldset key={v.key} className="panel" data-testid="meeting-view">
          <legend>{t('boards.meetings.viewNumber', { n: i + 1 })}</legend>
          <Field id={`view-${v.key}-statement`} label={t('boards.meetings.statement')} error={missing.includes(`views.${i}.statement`) ? required : undefined}>
            {(p) => <textarea {...p} rows={2} value={v.statement} onChange={(e) => change(v.key, { statement: e.target.value })} />}
          </Field>
          <fieldset className="field checkbox-group" aria-describedby={missing.includes(`views.${i}.themes`) ? `view-${v.key}-themes-error` : undefined}>
            <legend>{t('boards.meetings.themes')}<span className="required"> ({t('common.required')})</span></legend>
            <div className="checkbox-options">
              {BOARD_THEMES.map((theme) => (
                <div className="field-checkbox" key={theme}>
                  <input id={`view-${v.key}-${theme}`} type="checkbox" checked={v.themes.includes(theme)}
                    onChange={(e) => change(v.key, { themes: e.target.checked ? [...v.themes, theme] : v.themes.filter((x) => x !== theme) })} />
                  <label htmlFor={`view-${v.key}-${theme}`}>{t(`taxonomy:boardTheme.${theme}`)}</label>
                </div>
              ))}
            </div>
            {missing.includes(`views.${i}.themes`) && <p className="field-error" id={`view-${v.key}-themes-error`} role="alert">{required}</p>}
          </fieldset>
          <button type="button" className="button-secondary" onClick={() => setViews((old) => old.filter((x) => x.key !== v.key))}>{t('boards.meetings.removeView')}</button>
        </fieldset>
      ))}
      <p><button type="button" className="button-secondary" data-testid="view-add" onClick={() => { setViews((old) => [...old, { key: next, statement: '', themes: [] }]); setNext(next + 1); }}>{t('boards.meetings.addView')}</button></p>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending} data-testid="meeting-save">{t('boards.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('boards.cancel')}</button>
      </div>
    </form>
  );
}
