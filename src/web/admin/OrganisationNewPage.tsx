import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import type { OrganisationCreate } from '../../users/users-schema.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { sameKeys } from '../app/form-schema.ts';
import { CheckboxField, FormActions, SelectField, TextField } from '../app/fields.tsx';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { JurisdictionSelect } from '../jurisdictions/JurisdictionSelect.tsx';
import { useCreateOrganisation } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

const NewOrganisationForm = z.object({
  name: z.string().trim().min(1).max(200),
  sector: z.enum(TAXONOMIES.sector),
  jurisdictionCode: z.string().min(2).max(40),
  isProtectionUnit: z.boolean(),
});
type NewOrganisationForm = z.infer<typeof NewOrganisationForm>;
/** The form's fields are the API's (OrganisationCreate), but a shelter's capacity (set on the edit page). */
sameKeys<NewOrganisationForm, Omit<z.input<typeof OrganisationCreate>, 'beds' | 'motherChildPlaces'>>();

export function OrganisationNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('organisations.addTitle'));
  const navigate = useNavigate();
  const create = useCreateOrganisation();
  const { register, handleSubmit, formState, setError, control } = useForm<NewOrganisationForm>({
    resolver: zodResolver(NewOrganisationForm, zodErrors),
    defaultValues: { name: '', sector: 'social_services', jurisdictionCode: '', isProtectionUnit: false },
  });
  const { errors } = formState;
  const guard = useUnsavedChangesGuard(formState.isDirty);
  return (
    <section>
      <h1>{t('organisations.addTitle')}</h1>
      <form
        noValidate
        onSubmit={handleSubmit((values) =>
          create.mutate(values, {
            onSuccess: () => { guard.release(); navigate('/admin/organisations'); },
            onError: (error) => {
              applyServerIssues(error, setError, Object.keys(NewOrganisationForm.shape));
            },
          }),
        )}
      >
        {create.isError && <ErrorMessage error={create.error} />}
        <TextField id="organisation-name" label={t('organisations.field.name')} required autoComplete="organization"
          registration={register('name')} error={errors.name} />
        <SelectField id="organisation-sector" label={t('organisations.field.sector')} required
          registration={register('sector')} error={errors.sector}
          options={TAXONOMIES.sector.map((s) => ({ value: s, label: t(`taxonomy:sector.${s}`) }))} />
        <Controller
          control={control}
          name="jurisdictionCode"
          render={({ field, fieldState }) => (
            <JurisdictionSelect id="organisation-jurisdiction" label={t('organisations.field.jurisdiction')} required
              deepest="any" value={field.value} onChange={field.onChange} error={fieldState.error} />
          )}
        />
        <CheckboxField id="organisation-unit" label={t('organisations.field.isProtectionUnit')}
          hint={t('organisations.unitHint')} registration={register('isProtectionUnit')} error={errors.isProtectionUnit} />
        <FormActions>
          <button type="submit" disabled={create.isPending}>
            {t('organisations.create')}
          </button>
        </FormActions>
      </form>
    </section>
  );
}
