import { useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SCREENING_DECISIONS, ScreeningInput, type SignalView } from '../../signals/signal-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { isApiError } from '../app/api.ts';
import { emptyValues, formFields } from '../app/form-schema.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { FieldMessages, FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { signalKeys, useScreenSignal } from './queries.ts';
import { applySignalIssues, SCREENING_FORM_FIELDS, type ScreeningFormValues, toScreeningInput, translatedResolver } from './signal-form.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';


/**
 * The screening decision, from the version the worker opened. If someone screened meanwhile,
 * the server answers 409 and the page shows the signal as it now is.
 */
export function ScreeningForm({ signal }: { signal: SignalView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const screen = useScreenSignal(signal.id);
  const form = useForm<ScreeningFormValues, unknown, ScreeningInput>({
    resolver: translatedResolver<ScreeningFormValues, ScreeningInput>(ScreeningInput as never, (v) => toScreeningInput(v, signal.version)),
    defaultValues: emptyValues<ScreeningFormValues>(formFields(ScreeningInput, ['version'])),
  });
  useUnsavedChangesGuard(form.formState.isDirty);
  const { register, handleSubmit, formState, control } = form;
  const { errors } = formState;
  const decision = useWatch({ control, name: 'decision' });
  const conflict = isApiError(screen.error, 409);

  return (
    <form
      noValidate
      className="panel screening-form"
      data-testid="screening-form"
      aria-labelledby="screening-title"
      onSubmit={handleSubmit((input) =>
        screen.mutate(input, {
          onError: (error) => {
            if (isApiError(error, 409)) {
              const current = error.body.current as SignalView | undefined;
              if (current) queryClient.setQueryData(signalKeys.detail(signal.id), current);
              else void queryClient.invalidateQueries({ queryKey: signalKeys.detail(signal.id) });
              return;
            }
            applySignalIssues(error, form.setError, SCREENING_FORM_FIELDS);
          },
        }),
      )}
    >
      <h2 id="screening-title">{t('signals.screening.title')}</h2>
      <p className="hint">{t('signals.screening.intro')}</p>
      {conflict ? (
        <p className="alert alert-warning" role="alert">{t('signals.screening.conflict')}</p>
      ) : (
        screen.isError && <ErrorMessage error={screen.error} />
      )}
      <fieldset className="field" aria-describedby={errors.decision ? 'screening-decision-error' : undefined}>
        <legend>
          {t('signals.screening.decision')}
          <span className="required"> ({t('common.required')})</span>
        </legend>
        <div className="radio-options">
          {SCREENING_DECISIONS.map((d) => (
            <div className="field-checkbox" key={d}>
              <input id={`screening-decision-${d}`} type="radio" value={d} {...register('decision')} />
              <label htmlFor={`screening-decision-${d}`}>{t(`signals.decision.${d}`)}</label>
            </div>
          ))}
        </div>
        <FieldMessages id="screening-decision" error={errors.decision} />
      </fieldset>
      <SelectField id="screening-risk" label={t('signals.screening.riskLevel')} registration={register('riskLevel')}
        required={decision === 'open_case' || decision === 'attach_case'} error={errors.riskLevel}
        placeholder={t('common.choose')}
        options={TAXONOMIES.riskLevel.map((r) => ({ value: r, label: t(`taxonomy:riskLevel.${r}`) }))} />
      {decision === 'refer_elsewhere' && (
        <TextField id="screening-referred-to" label={t('signals.screening.referredTo')} required autoComplete="off"
          registration={register('referredTo')} error={errors.referredTo} />
      )}
      <TextAreaField id="screening-reason" label={t('signals.screening.reason')}
        required={decision === 'no_action' || decision === 'refer_elsewhere'}
        hint={t('signals.screening.reasonHint')} registration={register('reason')} error={errors.reason} />
      <FormActions>
        <button type="submit" disabled={screen.isPending} data-testid="screening-submit">
          {t('signals.screening.submit')}
        </button>
      </FormActions>
    </form>
  );
}
