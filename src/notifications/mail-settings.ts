/**
 * Whether this process sends e-mail, from where, and the address its links start with: set once
 * at start from the configuration (SAFETYNET_SMTP_URL, SAFETYNET_MAIL_FROM, SAFETYNET_PUBLIC_URL).
 * Without an SMTP server no e-mail is queued: notifications stay in the app.
 */
export type MailSettings = { smtpUrl: string | null; from: string; publicUrl: string };

let settings: MailSettings = { smtpUrl: null, from: 'Safetynet <safetynet@localhost>', publicUrl: 'http://localhost:3000' };

export function configureMail(next: MailSettings): void {
  settings = { ...next, publicUrl: next.publicUrl.replace(/\/+$/, '') };
}

export function mailSettings(): MailSettings {
  return settings;
}
