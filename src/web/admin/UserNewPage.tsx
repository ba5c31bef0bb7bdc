import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { LANGUAGES } from '../../domain/i18n/languages.ts';
import { ROLES } from '../../domain/roles.ts';
import type { UserCreate } from '../../users/users-schema.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { sameKeys } from '../app/form-schema.ts';
import { FormActions, TextField } from '../app/fields.tsx';
import { currentLanguage } from '../app/i18n.ts';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useCreateUser } from './queries.ts';
import { LanguageField, OrganisationField, RolesField } from './user-fields.tsx';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

const NewUserForm = z.object({
  username: z.string().trim().min(3).max(100).regex(/^[A-Za-z0-9._@-]+$/),
  displayName: z.string().trim().min(1).max(200),
  organisationId: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  password: z.string().min(12).max(200),
  language: z.enum(LANGUAGES),
});
type NewUserForm = z.infer<typeof NewUserForm>;
/** The form's fields are the API's (UserCreate): a field added there stops this compiling until the form has it. */
sameKeys<NewUserForm, z.input<typeof UserCreate>>();
const FIELDS = Object.keys(NewUserForm.shape);

export function UserNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.addTitle'));
  const navigate = useNavigate();
  const create = useCreateUser();
  const { register, handleSubmit, formState, setError } = useForm<NewUserForm>({
    resolver: zodResolver(NewUserForm, zodErrors),
    defaultValues: { username: '', displayName: '', organisationId: '', roles: [], password: '', language: currentLanguage() },
  });
  const { errors } = formState;
  const guard = useUnsavedChangesGuard(formState.isDirty);
  return (
    <section>
      <h1>{t('users.addTitle')}</h1>
      <form
        noValidate
        onSubmit={handleSubmit((values) =>
          create.mutate(values, {
            onSuccess: (user) => { guard.release(); navigate(`/admin/users/${user.id}`); },
            onError: (error) => {
              applyServerIssues(error, setError, FIELDS);
            },
          }),
        )}
      >
        {create.isError && <ErrorMessage error={create.error} />}
        <TextField id="user-username" label={t('users.field.username')} required autoComplete="off"
          hint={t('users.usernameHint')} registration={register('username')} error={errors.username} />
        <TextField id="user-display-name" label={t('users.field.displayName')} required autoComplete="off"
          registration={register('displayName')} error={errors.displayName} />
        <OrganisationField registration={register('organisationId')} error={errors.organisationId} />
        <RolesField registration={register('roles')} error={errors.roles} />
        <LanguageField registration={register('language')} error={errors.language} />
        <TextField id="user-password" type="password" label={t('users.field.initialPassword')} required
          autoComplete="new-password" hint={t('account.newPasswordHint')}
          registration={register('password')} error={errors.password} />
        <FormActions>
          <button type="submit" disabled={create.isPending}>
            {t('users.create')}
          </button>
        </FormActions>
      </form>
    </section>
  );
}
