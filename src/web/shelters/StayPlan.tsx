import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAN_GOALS } from '../../shelters/shelter-codes.ts';
import { DateInput } from '../app/DateInput.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useFormat } from '../app/format.ts';
import { wallDay } from '../app/time-zone.ts';
import { type Stay, useStayStep } from './queries.ts';

/** The stay's reintegration plan: its goal and its steps (who, by when, done); the shelter's staff edit it, the unit reads it. */
export function StayPlan({ stay, editable }: { stay: Stay; editable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const step = useStayStep(stay.id);
  const [goal, setGoal] = useState<string>(stay.planGoal ?? '');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [missing, setMissing] = useState(false);
  const addStep = () => {
    if (!description.trim() || !owner.trim() || !due) return setMissing(true);
    setMissing(false);
    step.mutate({ step: 'plan/steps', body: { description: description.trim(), ownerName: owner.trim(), dueOn: due } }, {
      onSuccess: () => { setDescription(''); setOwner(''); setDue(''); },
    });
  };
  return (
    <section className="panel" aria-labelledby="stay-plan-title" data-testid="stay-plan">
      <h2 id="stay-plan-title">{t('shelters.stay.plan.title')}</h2>
      {step.isError && <ErrorMessage error={step.error} />}
      {editable && stay.current ? (
        <div className="form-actions">
          <div className="field">
            <label htmlFor="plan-goal">{t('shelters.stay.plan.goal')}</label>
            <select id="plan-goal" value={goal} onChange={(e) => setGoal(e.target.value)}>
              <option value="">{t('shelters.stay.plan.noGoal')}</option>
              {PLAN_GOALS.map((g) => <option key={g} value={g}>{t(`shelters.stay.plan.goals.${g}`)}</option>)}
            </select>
          </div>
          <button type="button" className="button-secondary" disabled={step.isPending} onClick={() => step.mutate({ step: 'plan', body: { goal: goal || null } })}>
            {t('shelters.stay.plan.saveGoal')}
          </button>
        </div>
      ) : (
        <p><strong>{t('shelters.stay.plan.goal')}:</strong> {stay.planGoal ? t(`shelters.stay.plan.goals.${stay.planGoal}`) : t('shelters.stay.plan.noGoal')}</p>
      )}
      <h3>{t('shelters.stay.plan.steps')}</h3>
      {stay.steps.length === 0 ? <p>{t('shelters.stay.plan.noSteps')}</p> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('shelters.stay.plan.steps')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('shelters.stay.plan.step')}</th>
                <th scope="col">{t('shelters.stay.plan.owner')}</th>
                <th scope="col">{t('shelters.stay.plan.due')}</th>
                <th scope="col">{t('shelters.stay.plan.done')}</th>
              </tr>
            </thead>
            <tbody>
              {stay.steps.map((s) => (
                <tr key={s.id}>
                  <td>{s.description}</td>
                  <td>{s.ownerName}</td>
                  <td>{format.date(s.dueOn)}</td>
                  <td>
                    {s.doneOn ? format.date(s.doneOn) : editable && (
                      <button type="button" className="button-secondary" disabled={step.isPending}
                        onClick={() => step.mutate({ step: 'plan/steps/done', body: { stepId: s.id, doneOn: wallDay(new Date()) } })}>
                        {t('shelters.stay.plan.markDone')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && stay.current && (
        <fieldset>
          <legend>{t('shelters.stay.plan.addStep')}</legend>
          <div className="field">
            <label htmlFor="plan-step">{t('shelters.stay.plan.step')}<span className="required"> ({t('common.required')})</span></label>
            <input id="plan-step" type="text" value={description} aria-invalid={missing && !description.trim() ? true : undefined} onChange={(e) => setDescription(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="plan-owner">{t('shelters.stay.plan.owner')}<span className="required"> ({t('common.required')})</span></label>
            <input id="plan-owner" type="text" value={owner} aria-invalid={missing && !owner.trim() ? true : undefined} onChange={(e) => setOwner(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="plan-due">{t('shelters.stay.plan.due')}<span className="required"> ({t('common.required')})</span></label>
            <DateInput id="plan-due" value={due} onChange={setDue} required invalid={missing && !due} />
          </div>
          {missing && <p className="field-error" role="alert">{t('validation.required')}</p>}
          <div className="form-actions">
            <button type="button" disabled={step.isPending} onClick={addStep}>{t('shelters.stay.plan.addStep')}</button>
          </div>
        </fieldset>
      )}
    </section>
  );
}
