import { NotificationSettingsSection } from '../notifications/NotificationSettingsSection.tsx';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ChangePasswordBody } from '../../users/users-schema.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { fieldNames, sameKeys } from '../app/form-schema.ts';
import { FormActions, TextField } from '../app/fields.tsx';
import { i18n } from '../app/i18n.ts';
import { LanguageSwitcher } from '../app/LanguageSwitcher.tsx';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useChangePassword, useCurrentUser } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';
import { SecondFactorSection } from './SecondFactor.tsx';

const PasswordForm = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(12).max(200),
    confirmPassword: z.string().min(1).max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    error: () => i18n.t('account.passwordsDiffer'),
  });
type PasswordForm = z.infer<typeof PasswordForm>;
/** ChangePasswordBody's fields, and the confirmation the form asks. */
sameKeys<PasswordForm, z.input<typeof ChangePasswordBody> & { confirmPassword: string }>();

const PASSWORD_FIELDS = fieldNames(ChangePasswordBody);

export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const me = useCurrentUser();
  return (
    <section>
      <h1>{t('account.title')}</h1>
      <dl className="summary">
        <dt>{t('account.username')}</dt>
        <dd>{me.username}</dd>
        <dt>{t('account.displayName')}</dt>
        <dd>{me.displayName}</dd>
        <dt>{t('home.roles')}</dt>
        <dd>{me.roles.map((r) => t(`roles.${r}`)).join(', ')}</dd>
        <dt>{t('home.organisation')}</dt>
        <dd>{me.organisation.name}</dd>
      </dl>
      <h2>{t('account.languageTitle')}</h2>
      <p>{t('account.languageText')}</p>
      <LanguageSwitcher testId="account-language" />
      <ChangePassword />
      <SecondFactorSection me={me} />
      <NotificationSettingsSection />
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const { register, handleSubmit, formState, setError, reset } = useForm<PasswordForm>({
    resolver: zodResolver(PasswordForm, zodErrors),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  useUnsavedChangesGuard(formState.isDirty);
  const { errors } = formState;
  const onSubmit = handleSubmit(({ currentPassword, newPassword }) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => reset(),
        onError: (error) => {
          applyServerIssues(error, setError, PASSWORD_FIELDS);
        },
      },
    ),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="panel">
      <h2>{t('account.passwordTitle')}</h2>
      {change.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('account.passwordChanged')}
        </p>
      )}
      {change.isError && <ErrorMessage error={change.error} />}
      <TextField
        id="current-password"
        type="password"
        label={t('account.currentPassword')}
        autoComplete="current-password"
        required
        registration={register('currentPassword')}
        error={errors.currentPassword}
      />
      <TextField
        id="new-password"
        type="password"
        label={t('account.newPassword')}
        hint={t('account.newPasswordHint')}
        autoComplete="new-password"
        required
        registration={register('newPassword')}
        error={errors.newPassword}
      />
      <TextField
        id="confirm-password"
        type="password"
        label={t('account.confirmPassword')}
        autoComplete="new-password"
        required
        registration={register('confirmPassword')}
        error={errors.confirmPassword}
      />
      <FormActions>
        <button type="submit" disabled={change.isPending}>
          {t('account.changePassword')}
        </button>
      </FormActions>
    </form>
  );
}
