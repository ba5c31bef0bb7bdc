import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { LoginBody } from '../../users/users-schema.ts';
import { isApiError } from '../app/api.ts';
import { sameKeys } from '../app/form-schema.ts';
import { useErrorText } from '../app/ErrorMessage.tsx';
import { FormActions, TextField } from '../app/fields.tsx';
import { LanguageSwitcher } from '../app/LanguageSwitcher.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { zodErrors } from '../app/validation.ts';
import { useLogin } from './queries.ts';
import { useSingleSignOn } from './second-factor-queries.ts';

const LoginForm = z.object({
  username: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  code: z.string().trim().max(20).optional(),
});
type LoginForm = z.infer<typeof LoginForm>;
/** The form's fields are the API's (LoginBody). */
sameKeys<LoginForm, z.input<typeof LoginBody>>();

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const login = useLogin();
  const sso = useSingleSignOn();
  const errorText = useErrorText();
  const { register, handleSubmit, formState } = useForm<LoginForm>({
    resolver: zodResolver(LoginForm, zodErrors),
    defaultValues: { username: '', password: '', code: '' },
  });
  const { errors } = formState;

  const failure = login.error
    ? isApiError(login.error, 401)
      ? t('auth2.login.failed')
      : isApiError(login.error, 429)
        ? t('login.tooMany')
        : errorText(login.error)
    : null;

  return (
    <div className="login-page">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="login-header">
        <span className="app-name">Safetynet</span>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1} className="login-main">
        <h1>{t('login.title')}</h1>
        <p className="lead">{t('login.intro')}</p>
        <form noValidate onSubmit={handleSubmit(({ code, ...values }) => login.mutate({ ...values, ...(code ? { code } : {}) }))} aria-describedby={failure ? 'login-error' : undefined}>
          {failure && (
            <p className="alert alert-error" role="alert" id="login-error">
              {failure}
            </p>
          )}
          <TextField
            id="username"
            label={t('login.username')}
            autoComplete="username"
            required
            registration={register('username')}
            error={errors.username}
          />
          <TextField
            id="password"
            type="password"
            label={t('login.password')}
            autoComplete="current-password"
            required
            registration={register('password')}
            error={errors.password}
          />
          <TextField
            id="code"
            label={t('auth2.login.code')}
            hint={t('auth2.login.codeHint')}
            autoComplete="one-time-code"
            registration={register('code')}
            error={errors.code}
          />
          <FormActions>
            <button type="submit" disabled={login.isPending}>
              {login.isPending ? t('login.signingIn') : t('login.submit')}
            </button>
          </FormActions>
        </form>
        {sso.data?.enabled && (
          <p className="sso">
            <span>{t('auth2.login.or')}</span>{' '}
            <a className="button button-secondary" href="/api/v1/auth/oidc/start" data-testid="sso">
              {t('auth2.login.sso', { name: sso.data.name })}
            </a>
          </p>
        )}
      </main>
    </div>
  );
}
