import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../app/api.ts';
import { ConfirmButton } from '../app/ConfirmButton.tsx';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { LanguageSwitcher } from '../app/LanguageSwitcher.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useLogout } from './queries.ts';
import {
  useEnableSecondFactor, useRefreshMe, useRenewRecoveryCodes, useStartSecondFactor, useVerifySecondFactor,
} from './second-factor-queries.ts';
import type { Me } from './types.ts';

/** The words for a refused code: wrong, or too many wrong ones; anything else as any error. */
function CodeError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error, 400)) return <p className="alert alert-error" role="alert">{t('auth2.factor.wrongCode')}</p>;
  if (isApiError(error, 429)) return <p className="alert alert-error" role="alert">{t('auth2.factor.tooMany')}</p>;
  return <ErrorMessage error={error} />;
}

/** One code field and its button. */
function CodeForm({ id, label, submit, pending, error, onSubmit }: {
  id: string; label: string; submit: string; pending: boolean; error: unknown; onSubmit: (code: string) => void;
}) {
  const [code, setCode] = useState('');
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); if (code.trim()) onSubmit(code.trim()); }}>
      {error ? <CodeError error={error} /> : null}
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} name="code" inputMode="text" autoComplete="one-time-code" value={code} maxLength={20}
          aria-invalid={error ? true : undefined} onChange={(e) => setCode(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={pending || !code.trim()}>{submit}</button>
      </div>
    </form>
  );
}

/** The recovery codes, shown once, and the button that says they were kept. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('auth2.factor.recoveryTitle')}</h2>
      <p role="status">{t('auth2.factor.recoveryIntro')}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => <li key={c}><code>{c}</code></li>)}
      </ul>
      <button type="button" onClick={onDone}>{t('auth2.factor.done')}</button>
    </section>
  );
}

/** Setting up the second factor: a new secret as a QR code and as text, a first code, the recovery codes. */
export function EnrolSecondFactor({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const start = useStartSecondFactor();
  const enable = useEnableSecondFactor();
  if (enable.data) return <RecoveryCodes codes={enable.data.recoveryCodes} onDone={onDone} />;
  if (!start.data) {
    return (
      <div>
        {start.isError && <ErrorMessage error={start.error} />}
        <button type="button" onClick={() => start.mutate()} disabled={start.isPending} data-testid="start-2fa">
          {t('auth2.factor.start')}
        </button>
      </div>
    );
  }
  return (
    <div className="panel">
      <p>{t('auth2.factor.scan')}</p>
      <img className="qr-code" width={200} height={200} alt={t('auth2.factor.qrAlt')}
        src={`data:image/svg+xml;base64,${btoa(start.data.qrSvg)}`} />
      <p>{t('auth2.factor.secretText')}</p>
      <p><code data-testid="totp-secret" className="secret">{start.data.secret}</code></p>
      <CodeForm id="enrol-code" label={t('auth2.factor.confirmCode')} submit={t('auth2.factor.confirm')}
        pending={enable.isPending} error={enable.error} onSubmit={(code) => enable.mutate(code)} />
    </div>
  );
}

/**
 * What a session that owes its second factor sees instead of the app: the set-up when the user
 * has none (and must), the code when the user has one (after single sign-on), and sign-out.
 */
export function SecondFactorGate({ me }: { me: Me }) {
  const { t } = useTranslation();
  const refresh = useRefreshMe();
  const verify = useVerifySecondFactor();
  const logout = useLogout();
  const enrolled = !!me.secondFactor?.enrolled;
  usePageTitle(enrolled ? t('auth2.factor.verifyTitle') : t('auth2.factor.title'));
  return (
    <div className="login-page">
      <header className="login-header">
        <span className="app-name">Safetynet</span>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1} className="login-main">
        {enrolled ? (
          <>
            <h1>{t('auth2.factor.verifyTitle')}</h1>
            <p className="lead">{t('auth2.factor.verifyIntro')}</p>
            <CodeForm id="verify-code" label={t('auth2.login.code')} submit={t('auth2.factor.verify')}
              pending={verify.isPending} error={verify.error} onSubmit={(code) => verify.mutate(code)} />
          </>
        ) : (
          <>
            <h1>{t('auth2.factor.title')}</h1>
            <p className="lead">{t('auth2.factor.required')}</p>
            <p>{t('auth2.factor.intro')}</p>
            <EnrolSecondFactor onDone={() => void refresh()} />
          </>
        )}
        <p>
          <button type="button" className="button-secondary" onClick={() => logout.mutate()}>{t('auth2.factor.signOut')}</button>
        </p>
      </main>
    </div>
  );
}

/** The account page's section: set it up, or see how many recovery codes are left and make new ones. */
export function SecondFactorSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const refresh = useRefreshMe();
  const renew = useRenewRecoveryCodes();
  const [enrolling, setEnrolling] = useState(false);
  const state = me.secondFactor;
  const headingId = useId();
  if (renew.data) return <RecoveryCodes codes={renew.data.recoveryCodes} onDone={() => { renew.reset(); void refresh(); }} />;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="second-factor">
      <h2 id={headingId}>{t('auth2.factor.title')}</h2>
      <p>{t('auth2.factor.intro')}</p>
      {state?.enrolled ? (
        <>
          <p role="status">{t('auth2.factor.enabled')}</p>
          <p>{t('auth2.factor.recoveryLeft', { count: state.recoveryCodesLeft })}</p>
          {renew.isError && <ErrorMessage error={renew.error} />}
          <ConfirmButton question={t('auth2.factor.renewConfirm')} onConfirm={() => renew.mutate()} disabled={renew.isPending}>
            {t('auth2.factor.renew')}
          </ConfirmButton>
        </>
      ) : enrolling ? (
        <EnrolSecondFactor onDone={() => { setEnrolling(false); void refresh(); }} />
      ) : (
        <>
          <p>{t('auth2.factor.notEnabled')}</p>
          <button type="button" onClick={() => setEnrolling(true)}>{t('auth2.factor.start')}</button>
        </>
      )}
    </section>
  );
}
