import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBER_AGE_BANDS, MEMBER_SEXES } from '../../boards/boards-schema.ts';
import { DateInput } from '../app/DateInput.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { type Board, useBoardWrite } from './queries.ts';

type Values = { pseudonym: string; ageBand: string; sex: string; childConsentOn: string; guardianConsentOn: string; joinedOn: string };
const EMPTY: Values = { pseudonym: '', ageBand: '', sex: '', childConsentOn: '', guardianConsentOn: '', joinedOn: '' };

/** Adds a member by pseudonym: age group, sex, both consents (the child's and the guardian's) with their days, the day the child joined. */
export function MemberForm({ board, onDone }: { board: Board; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState<Values>(EMPTY);
  const [missing, setMissing] = useState<Array<keyof Values>>([]);
  const save = useBoardWrite(board.id, '/members');
  const set = (k: keyof Values) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const err = (k: keyof Values) => (missing.includes(k) ? t('validation.required') : undefined);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const empty = (Object.keys(EMPTY) as Array<keyof Values>).filter((k) => !v[k].trim());
    setMissing(empty);
    if (empty.length) return;
    save.mutate({ ...v }, { onSuccess: onDone });
  };
  const day = (k: 'childConsentOn' | 'guardianConsentOn' | 'joinedOn') => (
    <Field id={`member-${k}`} label={t(`boards.members.${k}`)} error={err(k)}>
      {(p) => <DateInput id={p.id} value={v[k]} onChange={set(k)} required invalid={p['aria-invalid']} describedBy={p['aria-describedby']} />}
    </Field>
  );
  return (
    <form noValidate className="panel" onSubmit={submit} aria-labelledby="member-form-title" data-testid="member-form">
      <h3 id="member-form-title">{t('boards.members.add')}</h3>
      {save.isError && <ErrorMessage error={save.error} />}
      <Field id="member-pseudonym" label={t('boards.members.pseudonym')} hint={t('boards.members.pseudonymHint')} error={err('pseudonym')}>
        {(p) => <input {...p} type="text" autoComplete="off" value={v.pseudonym} onChange={(e) => set('pseudonym')(e.target.value)} />}
      </Field>
      <Field id="member-age" label={t('boards.members.ageBand')} error={err('ageBand')}>
        {(p) => (
          <select {...p} value={v.ageBand} onChange={(e) => set('ageBand')(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {MEMBER_AGE_BANDS.map((a) => <option key={a} value={a}>{t(`taxonomy:ageGroup.${a}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id="member-sex" label={t('boards.members.sex')} error={err('sex')}>
        {(p) => (
          <select {...p} value={v.sex} onChange={(e) => set('sex')(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {MEMBER_SEXES.map((s) => <option key={s} value={s}>{t(`taxonomy:sex.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <p className="hint">{t('boards.members.consentHint')}</p>
      {day('childConsentOn')}
      {day('guardianConsentOn')}
      {day('joinedOn')}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending} data-testid="member-save">{t('boards.save')}</button>
        <button type="button" className="button-secondary" onClick={onDone}>{t('boards.cancel')}</button>
      </div>
    </form>
  );
}
