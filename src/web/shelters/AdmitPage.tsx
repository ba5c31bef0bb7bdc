import './page-strings.ts';
import { useQuery } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { COMPANION_RELATIONS, REFERRED_BY } from '../../shelters/shelter-codes.ts';
import { api, isApiError } from '../app/api.ts';
import { DateField, DateTimeField } from '../app/DateInput.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { CheckboxField, CheckboxGroup, FormActions, SelectField, TextAreaField, TextField } from '../app/fields.tsx';
import { applyServerIssues } from '../app/server-issues.ts';
import { fromWallClock, wallClock } from '../app/time-zone.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { JurisdictionSelect } from '../jurisdictions/JurisdictionSelect.tsx';
import { useAdmit } from './queries.ts';

type NewChild = { givenName: string; familyName: string; sex: string; birthDate: string | null; municipalityCode: string };
type AdmitForm = {
  admittedAt: string;
  referredBy: (typeof REFERRED_BY)[number];
  caseIds: string[];
  children: Array<{ newChild: NewChild }>;
  harmTypes: string[];
  companionName: string;
  companionRelation: string;
  overCapacityReason: string;
  notDuplicate: boolean;
};
const blankChild = (): { newChild: NewChild } => ({ newChild: { givenName: '', familyName: '', sex: 'unknown', birthDate: null, municipalityCode: '' } });
const FIELDS = ['admittedAt', 'referredBy', 'children', 'harmTypes', 'companionName', 'companionRelation', 'overCapacityReason'];
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

type ReferredCase = { id: string; ref: string | null; childName: string; unitName: string };

/** Admitting children to the shelter: referred by a unit's case, or an emergency admission of new children, siblings together. */
export function AdmitPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const admit = useAdmit();
  usePageTitle(t('shelters.admit.title'));
  const { register, control, handleSubmit, watch, setError, formState } = useForm<AdmitForm>({
    defaultValues: {
      admittedAt: wallClock(new Date()), referredBy: 'police_station', caseIds: [], children: [blankChild()], harmTypes: [],
      companionName: '', companionRelation: '', overCapacityReason: '', notDuplicate: false,
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'children' });
  const { errors } = formState;
  const guard = useUnsavedChangesGuard(formState.isDirty);
  const byCase = watch('referredBy') === 'unit_case';
  const cases = useQuery({
    queryKey: ['shelters', 'referred-cases'],
    queryFn: ({ signal }) => api<{ items: ReferredCase[] }>('/cases', { query: { status: 'active', limit: 200 }, signal }),
    enabled: byCase,
  });
  const duplicate = isApiError(admit.error, 409);

  const submit = handleSubmit((v) => {
    const notDuplicate = v.notDuplicate ? { reason: 'different_child' } : undefined;
    const body = {
      admittedAt: fromWallClock(v.admittedAt),
      referredBy: v.referredBy,
      harmTypes: v.harmTypes,
      companionName: orNull(v.companionName),
      companionRelation: orNull(v.companionRelation),
      overCapacityReason: orNull(v.overCapacityReason),
      children: byCase
        ? v.caseIds.map((caseId) => ({ caseId }))
        : v.children.map((c) => ({ newChild: { ...c.newChild, birthDate: c.newChild.birthDate || null, ...(notDuplicate ? { notDuplicate } : {}) } })),
    };
    admit.mutate(body, {
      onSuccess: (res) => { guard.release(); navigate(`/shelters/stays/${res.items[0]!.id}`); },
      onError: (error) => { applyServerIssues(error, setError, FIELDS); },
    });
  });

  return (
    <section data-testid="admit-page">
      <h1>{t('shelters.admit.title')}</h1>
      <p><Link to="/shelters">{t('shelters.stay.back')}</Link></p>
      <form noValidate className="panel" onSubmit={submit}>
        {admit.isError && !duplicate && <ErrorMessage error={admit.error} />}
        <DateTimeField id="admit-at" label={t('shelters.admit.when')} required control={control} name="admittedAt" error={errors.admittedAt} />
        <SelectField id="admit-referred-by" label={t('shelters.admit.referredBy')} required registration={register('referredBy')} error={errors.referredBy}
          options={REFERRED_BY.map((r) => ({ value: r, label: t(`shelters.admit.referredByOptions.${r}`) }))} />
        {byCase ? (
          cases.data && cases.data.items.length === 0 ? <p>{t('shelters.admit.noCases')}</p> : (
            <CheckboxGroup id="admit-cases" label={t('shelters.admit.case')} required hint={t('shelters.admit.caseHint')} registration={register('caseIds')}
              error={errors.children} options={(cases.data?.items ?? []).map((k) => ({ value: k.id, label: `${k.childName} · ${k.unitName}${k.ref ? ` · ${k.ref}` : ''}` }))} />
          )
        ) : (
          <fieldset>
            <legend>{t('shelters.admit.children')}</legend>
            {fields.map((f, i) => (
              <fieldset key={f.id} data-testid="admit-child">
                <legend>{t('shelters.admit.childHeading', { n: i + 1 })}</legend>
                <TextField id={`admit-child-${i}-given`} label={t('shelters.admit.givenName')} required autoComplete="off"
                  registration={register(`children.${i}.newChild.givenName`)} error={errors.children?.[i]?.newChild?.givenName} />
                <TextField id={`admit-child-${i}-family`} label={t('shelters.admit.familyName')} required autoComplete="off"
                  registration={register(`children.${i}.newChild.familyName`)} error={errors.children?.[i]?.newChild?.familyName} />
                <SelectField id={`admit-child-${i}-sex`} label={t('shelters.admit.sex')} required registration={register(`children.${i}.newChild.sex`)}
                  options={TAXONOMIES.sex.map((s) => ({ value: s, label: t(`taxonomy:sex.${s}`) }))} error={errors.children?.[i]?.newChild?.sex} />
                <DateField id={`admit-child-${i}-birth`} label={t('shelters.admit.birthDate')} control={control} name={`children.${i}.newChild.birthDate`}
                  emptyValue={null} error={errors.children?.[i]?.newChild?.birthDate} />
                <Controller control={control} name={`children.${i}.newChild.municipalityCode`} render={({ field }) => (
                  <JurisdictionSelect id={`admit-child-${i}-municipality`} label={t('shelters.admit.municipality')} required country={me.organisation.country}
                    deepest="municipality" initialRegion={me.organisation.jurisdictionCode.split('-').slice(0, 2).join('-')}
                    value={field.value} onChange={field.onChange} error={errors.children?.[i]?.newChild?.municipalityCode} />
                )} />
                {fields.length > 1 && (
                  <button type="button" className="button-secondary" onClick={() => remove(i)}>{t('shelters.admit.removeChild', { n: i + 1 })}</button>
                )}
              </fieldset>
            ))}
            {errors.children?.message && <p className="field-error" role="alert">{errors.children.message}</p>}
            <button type="button" className="button-secondary" data-testid="admit-add-child" onClick={() => append(blankChild())}>{t('shelters.admit.addChild')}</button>
          </fieldset>
        )}
        <CheckboxGroup id="admit-harm" label={t('shelters.admit.harmTypes')} required registration={register('harmTypes')} error={errors.harmTypes}
          options={TAXONOMIES.harmType.map((h) => ({ value: h, label: t(`taxonomy:harmType.${h}`) }))} />
        <fieldset>
          <legend>{t('shelters.admit.companion')}</legend>
          <TextField id="admit-companion" label={t('shelters.admit.companionName')} autoComplete="off" registration={register('companionName')} error={errors.companionName} />
          <SelectField id="admit-companion-relation" label={t('shelters.admit.companionRelation')} registration={register('companionRelation')} placeholder={t('common.choose')}
            options={COMPANION_RELATIONS.map((r) => ({ value: r, label: t(`shelters.admit.relation.${r}`) }))} error={errors.companionRelation} />
        </fieldset>
        <TextAreaField id="admit-over-capacity" label={t('shelters.admit.overCapacityReason')} hint={t('shelters.admit.overCapacityHint')}
          registration={register('overCapacityReason')} error={errors.overCapacityReason} />
        {duplicate && (
          <div className="alert alert-warning" role="alert">
            <p>{t('shelters.admit.duplicate')}</p>
            <CheckboxField id="admit-not-duplicate" label={t('shelters.admit.notDuplicate')} registration={register('notDuplicate')} />
          </div>
        )}
        <FormActions>
          <button type="submit" data-testid="admit-submit" disabled={admit.isPending}>{t('shelters.admit.submit')}</button>
        </FormActions>
      </form>
    </section>
  );
}
