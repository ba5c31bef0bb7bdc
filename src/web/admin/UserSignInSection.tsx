import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { useSingleSignOn } from '../auth/second-factor-queries.ts';
import { userKeys } from './queries.ts';
import type { User } from './types.ts';

function useUserChange(id: string, call: (body: { subject: string | null } | null) => Promise<User>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.detail(id), user);
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() });
    },
  });
}

/**
 * The admin's part of a user's sign-in: the second factor (reset: removed, sessions ended, set
 * up again at the next sign-in) and, when single sign-on is configured, the link to the identity
 * provider's subject. Both audited by the server.
 */
export function UserSignInSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const sso = useSingleSignOn();
  const headingId = useId();
  const reset = useUserChange(user.id, () => api<User>(`/users/${encodeURIComponent(user.id)}/second-factor/reset`, { method: 'POST', body: {} }));
  const link = useUserChange(user.id, (body) => api<User>(`/users/${encodeURIComponent(user.id)}/oidc`, { method: 'PUT', body: body! }));
  const [subject, setSubject] = useState(user.oidcSubject ?? '');
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="user-sign-in">
      <h2 id={headingId}>{t('auth2.admin.title')}</h2>
      {reset.isSuccess && <p className="alert alert-success" role="status">{t('auth2.admin.resetDone')}</p>}
      {reset.isError && <ErrorMessage error={reset.error} />}
      <p>{user.secondFactor ? t('auth2.admin.factorOn') : t('auth2.admin.factorOff')}</p>
      {user.secondFactor && (
        <ConfirmButton className="button-danger" testId="reset-2fa" question={t('auth2.admin.resetConfirm')}
          onConfirm={() => reset.mutate(null)} disabled={reset.isPending}>
          {t('auth2.admin.reset')}
        </ConfirmButton>
      )}
      {sso.data?.enabled && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); if (subject.trim()) link.mutate({ subject: subject.trim() }); }}>
          <p role="status">{user.oidcSubject ? t('auth2.admin.linked') : t('auth2.admin.notLinked')}</p>
          {link.isError && <ErrorMessage error={link.error} />}
          <div className="field">
            <label htmlFor="oidc-subject">{t('auth2.admin.oidcSubject')}</label>
            <input id="oidc-subject" value={subject} maxLength={255} aria-describedby="oidc-subject-hint" onChange={(e) => setSubject(e.target.value)} />
            <p className="hint" id="oidc-subject-hint">{t('auth2.admin.oidcHint')}</p>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={link.isPending || !subject.trim()}>{t('auth2.admin.link')}</button>
            {user.oidcSubject && (
              <button type="button" className="button-secondary" disabled={link.isPending}
                onClick={() => { setSubject(''); link.mutate({ subject: null }); }}>
                {t('auth2.admin.unlink')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
