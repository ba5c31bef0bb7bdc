// The capacity fields' strings load with the shelter's page strings (src/domain/i18n/shelters-pages-resources.ts).
import '../shelters/page-strings.ts';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ApiError } from '../app/api.ts';
import type { OrganisationPatch } from '../../users/users-schema.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { sameKeys } from '../app/form-schema.ts';
import { FormActions, SelectField, TextField } from '../app/fields.tsx';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useOrganisations, useUpdateOrganisation } from './queries.ts';
import type { Organisation } from './types.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { ConfirmButton } from '../app/ConfirmButton.tsx';

const OrganisationForm = z.object({
  name: z.string().trim().min(1).max(200),
  sector: z.enum(TAXONOMIES.sector),
  beds: z.number('must be a whole number').int('must be a whole number').min(0).max(10_000).nullable(),
  motherChildPlaces: z.number('must be a whole number').int('must be a whole number').min(0).max(10_000).nullable(),
});
/** An empty capacity field is null; anything else a number (not one: the form's error). */
const capacity = { setValueAs: (v: unknown) => (v === '' || v == null ? null : Number(v)) };
type OrganisationForm = z.infer<typeof OrganisationForm>;
/** Shelters and residential care institutions have beds; only shelters have mother-and-child places. */
const hasBeds = (sector: string) => sector === 'shelter' || sector === 'residential_care';
/** What the sector does not have is sent empty (a sector change clears it on the server too). */
const withCapacity = (v: OrganisationForm): OrganisationForm => ({
  ...v, beds: hasBeds(v.sector) ? v.beds : null, motherChildPlaces: v.sector === 'shelter' ? v.motherChildPlaces : null,
});
/** The details edit OrganisationPatch but `active` (the activation control). */
sameKeys<OrganisationForm, Omit<z.input<typeof OrganisationPatch>, 'active'>>();

export function OrganisationEditPage() {
  const { t } = useTranslation();
  const { organisationId = '' } = useParams();
  usePageTitle(t('organisations.editTitle'));
  const organisations = useOrganisations();
  const organisation = organisations.data?.find((o) => o.id === organisationId);
  return (
    <section>
      <p>
        <Link to="/admin/organisations">{t('organisations.backToList')}</Link>
      </p>
      {organisations.isPending ? (
        <Loading />
      ) : organisations.isError ? (
        <ErrorMessage error={organisations.error} />
      ) : !organisation ? (
        <ErrorMessage error={new ApiError({ status: 404, message: 'not found' })} />
      ) : (
        <>
          <h1>{t('organisations.editHeading', { name: organisation.name })}</h1>
          <dl className="summary">
            <dt>{t('organisations.field.jurisdiction')}</dt>
            <dd>{`${organisation.jurisdictionName} (${organisation.jurisdictionCode})`}</dd>
            <dt>{t('organisations.field.isProtectionUnit')}</dt>
            <dd>{organisation.isProtectionUnit ? t('common.yes') : t('common.no')}</dd>
          </dl>
          <Details key={organisation.id} organisation={organisation} />
          <Activation organisation={organisation} />
        </>
      )}
    </section>
  );
}

function Details({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const update = useUpdateOrganisation(organisation.id);
  const { register, handleSubmit, formState, setError, reset, watch } = useForm<OrganisationForm>({
    resolver: zodResolver(OrganisationForm, zodErrors),
    defaultValues: { name: organisation.name, sector: organisation.sector, beds: organisation.beds, motherChildPlaces: organisation.motherChildPlaces },
  });
  const { errors } = formState;
  useUnsavedChangesGuard(formState.isDirty);
  return (
    <form
      noValidate
      className="panel"
      onSubmit={handleSubmit((values) =>
        update.mutate(withCapacity(values), {
          onSuccess: () => reset(values),
          onError: (error) => {
            applyServerIssues(error, setError, Object.keys(OrganisationForm.shape));
          },
        }),
      )}
    >
      {update.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('common.saved')}
        </p>
      )}
      {update.isError && <ErrorMessage error={update.error} />}
      <TextField id="organisation-name" label={t('organisations.field.name')} required autoComplete="organization"
        registration={register('name')} error={errors.name} />
      <SelectField id="organisation-sector" label={t('organisations.field.sector')} required
        registration={register('sector')} error={errors.sector}
        options={TAXONOMIES.sector.map((s) => ({ value: s, label: t(`taxonomy:sector.${s}`) }))} />
      {hasBeds(watch('sector')) && (
        <fieldset>
          <legend>{t('shelterCapacity.title')}</legend>
          <TextField id="organisation-beds" label={t('shelterCapacity.beds')} hint={t('shelterCapacity.hint')}
            registration={register('beds', capacity)} error={errors.beds} />
          {watch('sector') === 'shelter' && (
            <TextField id="organisation-mother-child" label={t('shelterCapacity.motherChildPlaces')} hint={t('shelterCapacity.hint')}
              registration={register('motherChildPlaces', capacity)} error={errors.motherChildPlaces} />
          )}
        </fieldset>
      )}
      <FormActions>
        <button type="submit" disabled={update.isPending}>
          {t('common.save')}
        </button>
      </FormActions>
    </form>
  );
}

function Activation({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const update = useUpdateOrganisation(organisation.id);
  return (
    <section className="panel" aria-labelledby="organisation-status-title">
      <h2 id="organisation-status-title">{t('organisations.statusTitle')}</h2>
      <p>{organisation.active ? t('organisations.activeText') : t('organisations.inactiveText')}</p>
      {update.isError && <ErrorMessage error={update.error} />}
      {organisation.active ? (
        <ConfirmButton className="button-danger" testId="toggle-organisation" disabled={update.isPending}
          question={t('forms.confirm.deactivateOrganisation', { name: organisation.name })} onConfirm={() => update.mutate({ active: false })}>
          {t('organisations.deactivate')}
        </ConfirmButton>
      ) : (
        <button type="button" data-testid="toggle-organisation" disabled={update.isPending} onClick={() => update.mutate({ active: true })}>
          {t('organisations.reactivate')}
        </button>
      )}
    </section>
  );
}
