import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DELIVERY, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from '../../notifications/notification-kinds.ts';
import { ErrorMessage, Loading } from '../app/ErrorMessage.tsx';
import { FormActions, TextField } from '../app/fields.tsx';
import { applyServerIssues } from '../app/server-issues.ts';
import { useNotificationSettings, useUpdateNotificationSettings } from './queries.ts';

type Values = { email: string; prefs: Record<NotificationKind, Delivery> };

/** On the account page: the e-mail address for notifications and, per kind of event, how to be told. */
export function NotificationSettingsSection() {
  const { t } = useTranslation();
  const settings = useNotificationSettings();
  const update = useUpdateNotificationSettings();
  const form = useForm<Values>();
  useEffect(() => {
    if (settings.data) form.reset({ email: settings.data.email ?? '', prefs: settings.data.prefs });
  }, [settings.data, form]);
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorMessage error={settings.error} retry={() => settings.refetch()} />;
  const submit = form.handleSubmit((v) => {
    update.mutate({ email: v.email.trim() || null, prefs: v.prefs }, { onError: (e) => applyServerIssues(e, form.setError, ['email']) });
  });
  return (
    <form noValidate className="panel" onSubmit={submit} data-testid="notification-settings" aria-labelledby="notification-settings-title">
      <h2 id="notification-settings-title">{t('notifications.settings.title')}</h2>
      {!settings.data.mailEnabled && <p className="alert alert-info">{t('notifications.settings.mailOff')}</p>}
      <TextField id="notification-email" type="email" autoComplete="email" label={t('notifications.settings.email')} hint={t('notifications.settings.emailHint')}
        registration={form.register('email')} error={form.formState.errors.email} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr><th scope="col">{t('notifications.settings.kind')}</th><th scope="col">{t('notifications.settings.delivery')}</th></tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row"><label htmlFor={`delivery-${kind}`}>{t(`notifications.kind.${kind}`)}</label></th>
                <td>
                  <select id={`delivery-${kind}`} {...form.register(`prefs.${kind}`)}>
                    {DELIVERY.map((d) => <option key={d} value={d}>{t(`notifications.settings.delivery_${d}`)}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {update.isError && <ErrorMessage error={update.error} />}
      {update.isSuccess && <p className="alert alert-success" role="status">{t('notifications.settings.saved')}</p>}
      <FormActions><button type="submit" disabled={update.isPending}>{t('notifications.settings.save')}</button></FormActions>
    </form>
  );
}
