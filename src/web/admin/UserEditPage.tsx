import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { LANGUAGES } from '../../domain/i18n/languages.ts';
import { ROLES } from '../../domain/roles.ts';
import type { UserPatch } from '../../users/users-schema.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { sameKeys } from '../app/form-schema.ts';
import { FormActions, TextField } from '../app/fields.tsx';
import { i18n } from '../app/i18n.ts';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useUpdateUser, useUser } from './queries.ts';
import type { User } from './types.ts';
import { LanguageField, OrganisationField, RolesField } from './user-fields.tsx';
import { UserStatus } from './UserStatus.tsx';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { UserSignInSection } from './UserSignInSection.tsx';

const ProfileForm = z.object({
  displayName: z.string().trim().min(1).max(200),
  organisationId: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  language: z.enum(LANGUAGES),
});
type ProfileForm = z.infer<typeof ProfileForm>;
/** The profile edits UserPatch but `disabled` (the status control) and `password` (the reset form). */
sameKeys<ProfileForm, Omit<z.input<typeof UserPatch>, 'disabled' | 'password'>>();

const ResetForm = z
  .object({ password: z.string().min(12).max(200), confirmPassword: z.string().min(1).max(200) })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    error: () => i18n.t('account.passwordsDiffer'),
  });
type ResetForm = z.infer<typeof ResetForm>;

export function UserEditPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const user = useUser(userId);
  usePageTitle(t('users.editTitle'));
  return (
    <section>
      <p>
        <Link to="/admin/users">{t('users.backToList')}</Link>
      </p>
      {user.isPending ? (
        <Loading />
      ) : user.isError ? (
        <ErrorMessage error={user.error} />
      ) : (
        <>
          <h1>{t('users.editHeading', { name: user.data.displayName })}</h1>
          <dl className="summary">
            <dt>{t('users.field.username')}</dt>
            <dd>{user.data.username}</dd>
            <dt>{t('users.field.status')}</dt>
            <dd>
              <UserStatus user={user.data} />
            </dd>
          </dl>
          <Profile key={`${user.data.id}-${user.data.organisationId}`} user={user.data} />
          <AccountStatus user={user.data} />
          <ResetPassword user={user.data} />
          <UserSignInSection user={user.data} />
        </>
      )}
    </section>
  );
}

function Profile({ user }: { user: User }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  // No one raises their own rights: one's own roles and organisation are another admin's to change.
  const self = me.id === user.id;
  const update = useUpdateUser(user.id);
  const { register, handleSubmit, formState, setError, reset, getValues } = useForm<ProfileForm>({
    resolver: zodResolver(ProfileForm, zodErrors),
    defaultValues: {
      displayName: user.displayName,
      organisationId: user.organisationId,
      roles: user.roles,
      language: user.language,
    },
  });
  const { errors } = formState;
  useUnsavedChangesGuard(formState.isDirty);
  return (
    <form
      noValidate
      className="panel"
      onSubmit={handleSubmit(({ roles, organisationId, ...values }) =>
        update.mutate(self ? values : { ...values, roles, organisationId }, {
          onSuccess: () => reset(getValues()),
          onError: (error) => {
            applyServerIssues(error, setError, Object.keys(ProfileForm.shape));
          },
        }),
      )}
    >
      <h2>{t('users.profileTitle')}</h2>
      {update.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('common.saved')}
        </p>
      )}
      {update.isError && <ErrorMessage error={update.error} />}
      <TextField id="user-display-name" label={t('users.field.displayName')} required autoComplete="off"
        registration={register('displayName')} error={errors.displayName} />
      {self ? (
        <>
          <dl className="summary">
            <dt>{t('users.field.organisation')}</dt>
            <dd>{user.organisationName}</dd>
            <dt>{t('users.field.roles')}</dt>
            <dd>{user.roles.map((r) => t(`roles.${r}`)).join(', ')}</dd>
          </dl>
          <p className="hint" data-testid="own-access">{t('ownAccount.accessText')}</p>
        </>
      ) : (
        <>
          <OrganisationField registration={register('organisationId')} error={errors.organisationId}
            currentId={user.organisationId} />
          <RolesField registration={register('roles')} error={errors.roles} />
        </>
      )}
      <LanguageField registration={register('language')} error={errors.language} />
      <FormActions>
        <button type="submit" disabled={update.isPending}>
          {t('common.save')}
        </button>
      </FormActions>
    </form>
  );
}

function AccountStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const update = useUpdateUser(user.id);
  const self = me.id === user.id;
  return (
    <section className="panel" aria-labelledby="user-status-title">
      <h2 id="user-status-title">{t('users.statusTitle')}</h2>
      <p>{user.disabled ? t('users.disabledText') : t('users.enabledText')}</p>
      {update.isError && <ErrorMessage error={update.error} />}
      {self && !user.disabled ? (
        <p className="hint">{t('users.cannotDisableSelf')}</p>
      ) : (
        user.disabled ? (
          <button type="button" data-testid="toggle-user" disabled={update.isPending} onClick={() => update.mutate({ disabled: false })}>
            {t('users.enable')}
          </button>
        ) : (
          <ConfirmButton className="button-danger" testId="toggle-user" disabled={update.isPending}
            question={t('forms.confirm.disableUser', { name: user.displayName })} onConfirm={() => update.mutate({ disabled: true })}>
            {t('users.disable')}
          </ConfirmButton>
        )
      )}
    </section>
  );
}

function ResetPassword({ user }: { user: User }) {
  const me = useCurrentUser();
  if (me.id === user.id) return <OwnPassword />;
  return <ResetOthersPassword user={user} />;
}

function OwnPassword() {
  const { t } = useTranslation();
  return (
    <section className="panel">
      <h2>{t('users.resetTitle')}</h2>
      <p className="hint">
        <Link to="/account">{t('ownAccount.passwordText')}</Link>
      </p>
    </section>
  );
}

function ResetOthersPassword({ user }: { user: User }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  const { register, handleSubmit, formState, setError, reset } = useForm<ResetForm>({
    resolver: zodResolver(ResetForm, zodErrors),
    defaultValues: { password: '', confirmPassword: '' },
  });
  const { errors } = formState;
  useUnsavedChangesGuard(formState.isDirty);
  return (
    <form
      noValidate
      className="panel"
      onSubmit={handleSubmit(({ password }) =>
        update.mutate(
          { password },
          {
            onSuccess: () => reset(),
            onError: (error) => {
              applyServerIssues(error, setError, ['password']);
            },
          },
        ),
      )}
    >
      <h2>{t('users.resetTitle')}</h2>
      <p className="hint">{t('users.resetText')}</p>
      {update.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('users.passwordReset')}
        </p>
      )}
      {update.isError && <ErrorMessage error={update.error} />}
      <TextField id="reset-password" type="password" label={t('account.newPassword')} required autoComplete="new-password"
        hint={t('account.newPasswordHint')} registration={register('password')} error={errors.password} />
      <TextField id="reset-confirm" type="password" label={t('account.confirmPassword')} required autoComplete="new-password"
        registration={register('confirmPassword')} error={errors.confirmPassword} />
      <FormActions>
        <button type="submit" disabled={update.isPending}>
          {t('users.resetSubmit')}
        </button>
      </FormActions>
    </form>
  );
}
