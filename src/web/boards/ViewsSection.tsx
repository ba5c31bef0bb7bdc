import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESPONSE_STATUSES } from '../../boards/boards-schema.ts';
import { DateInput } from '../app/DateInput.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { Field } from './Field.tsx';
import { type Board, useBoardWrite } from './queries.ts';

type View = Board['viewList'][number];

/** The views the children raised, newest first, each with its responses, followed until answered. */
export function ViewsSection({ board }: { board: Board }) {
  const { t } = useTranslation();
  const [waitingOnly, setWaitingOnly] = useState(false);
  const shown = board.viewList.filter((v) => !waitingOnly || v.status !== 'answered');
  return (
    <section aria-labelledby="board-views" data-testid="board-views">
      <h2 id="board-views">{t('boards.views.title')}</h2>
      <div className="field">
        <label htmlFor="views-filter">{t('boards.views.filter')}</label>
        <select id="views-filter" value={waitingOnly ? 'waiting' : 'all'} onChange={(e) => setWaitingOnly(e.target.value === 'waiting')}>
          <option value="all">{t('boards.views.filterAll')}</option>
          <option value="waiting">{t('boards.views.filterWaiting')}</option>
        </select>
      </div>
      {shown.length === 0 ? <p>{t('boards.views.none')}</p> : (
        <ul className="board-views">
          {shown.map((v) => <ViewItem key={v.id} board={board} view={v} />)}
        </ul>
      )}
    </section>
  );
}

function ViewItem({ board, view: v }: { board: Board; view: View }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [responding, setResponding] = useState(false);
  return (
    <li className="panel" data-testid="board-view" data-status={v.status}>
      <p className="view-statement">„{v.statement}“</p>
      <p>
        {v.themes.map((x) => t(`taxonomy:boardTheme.${x}`)).join(', ')} · {t('boards.views.raisedOn', { date: format.date(v.raisedOn) })} ·{' '}
        <strong data-testid="view-status">{t(`boards.viewStatus.${v.status}`)}</strong>
        {v.status === 'answered' && v.answeredOn ? <> · {t('boards.views.answeredOn', { date: format.date(v.answeredOn) })}</>
          : <> · {t('boards.views.dueOn', { date: format.date(v.dueOn) })}{v.overdue && <> · <strong className="overdue">{t('boards.views.overdue')}</strong></>}</>}
      </p>
      <h3 className="visually-hidden">{t('boards.views.responses')}</h3>
      {v.responses.length === 0 ? <p className="hint">{t('boards.views.noResponse')}</p> : (
        <ol className="view-responses" aria-label={t('boards.views.responses')}>
          {v.responses.map((r) => (
            <li key={r.id} data-testid="view-response">
              {format.date(r.respondedOn)} · {r.byWhom}: {r.action} ({t(`boards.viewStatus.${r.status}`)})
            </li>
          ))}
        </ol>
      )}
      {board.editable && v.status !== 'answered' && (responding
        ? <ResponseForm board={board} view={v} onDone={() => setResponding(false)} />
        : <button type="button" className="button-secondary" onClick={() => setResponding(true)} data-testid="view-respond">{t('boards.views.respond')}</button>)}
    </li>
  );
}

function ResponseForm({ board, view, onDone }: { board: Board; view: View; onDone: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [byWhom, setByWhom] = useState('');
  const [on, setOn] = useState('');
  const [status, setStatus] = useState<(typeof RESPONSE_STATUSES)[number]>('answered');
  const [missing, setMissing] = useState<string[]>([]);
  const save = useBoardWrite(board.id, '/responses');
  const required = t('validation.required');
  const id = (k: string) => `response-${view.id}-${k}`;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const empty = [!action.trim() && 'action', !byWhom.trim() && 'byWhom', !on && 'on'].filter((x): x is string => !!x);
    setMissing(empty);
    if (empty.length) return;
    save.mutate({ viewId: view.id, action, byWhom, respondedOn: on, status }, { onSuccess: onDone });
  };
  return (
    <form noValidate onSubmit={submit} data-testid="response-form" aria-label={t('boards.views.respond')}>
      {save.isError && <ErrorMessage error={save.error} />}
      <Field id={id('action')} label={t('boards.views.action')} error={missing.includes('action') ? required : undefined}>
        {(p) => <textarea {...p} rows={2} value={action} onChange={(e) => setAction(e.target.value)} />}
      </Field>
      <Field id={id('by')} label={t('boards.views.byWhom')} error={missing.includes('byWhom') ? required : undefined}>
        {(p) => <input {...p} type="text" value={byWhom} onChange={(e) => setByWhom(e.target.value)} />}
      </Field>
      <Field id={id('on')} label={t('boards.views.respondedOn')} error={missing.includes('on') ? required : undefined}>
        {(p) => <DateInput id={p.id} value={on} onChange={setOn} required invalid={p['aria-invalid']} describedBy={p['aria-describedby']} />}
      </Field>
      <Field id={id('status')} label={t('boards.views.statusAfter')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            {RESPONSE_STATUSES.map((s) => <option key={s} value={s}>{t(`boards.viewStatus.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending} data-testid="response-save">{t('boards.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('boards.cancel')}</button>
      </div>
    </form>
  );
}
