import path from 'node:path';
import { z } from 'zod';

/** Every setting comes from the environment; defaults are the ones DOMAIN.md's fixed interfaces promise. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z.string().url().optional(),
  /** The application's own PostgreSQL login (default: safetynet_app, derived from DATABASE_URL). */
  SAFETYNET_APP_DATABASE_URL: z.string().url().optional(),
  /** A hot standby of DATABASE_URL the reports are read from (src/db/reports-replica.ts); writes still go to DATABASE_URL. */
  SAFETYNET_REPORTS_DATABASE_URL: z.string().url().optional(),
  /** How far the reports' standby may be behind the primary before a report is refused (503) rather than computed. */
  SAFETYNET_REPORTS_MAX_LAG_SECONDS: z.coerce.number().positive().max(3600).default(10),
  /** The audit checkpoint file (default: in the data directory's audit-checkpoints/). */
  SAFETYNET_AUDIT_CHECKPOINTS: z.string().min(1).optional(),
  SAFETYNET_DATA_DIR: z.string().min(1).default('./data'),
  SAFETYNET_DEMO_PASSWORD: z.string().min(8).default('safetynet-demo'),
  /** `false` in production: demo users and children must never reach a real deployment. */
  SAFETYNET_SEED_DEMO: z.enum(['true', 'false']).optional(),
  SAFETYNET_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SAFETYNET_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /** Failed sign-ins from one address on one account before each further one doubles the wait. */
  SAFETYNET_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Sign-in attempts per minute from one address. */
  SAFETYNET_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  /** The longest wait for one address (on one account, or across accounts). */
  SAFETYNET_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** The longest wait for an account from any address: small, so the owner is never shut out. */
  SAFETYNET_LOGIN_ACCOUNT_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Set when the server runs behind an https reverse proxy, so cookies become Secure. */
  SAFETYNET_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** The key attachments are encrypted with: 32 bytes as base64 or 64 hex digits (else a key file in the data directory). */
  SAFETYNET_ATTACHMENT_KEY: z.string().min(1).optional(),
  /** The largest attachment accepted, in megabytes. */
  SAFETYNET_ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  /** The share of a training session's days a participant must attend for a certificate (0 < share ≤ 1; 1 = every day). */
  SAFETYNET_CERTIFICATE_ATTENDANCE: z.coerce.number().gt(0).max(1).default(1),
  /** SMTP server for e-mail notifications, smtp://user:pass@host:port (none: notifications stay in the app). */
  SAFETYNET_SMTP_URL: z.string().regex(/^smtps?:\/\//, { message: 'must start with smtp:// or smtps://' }).optional(),
  SAFETYNET_MAIL_FROM: z.string().min(3).default('Safetynet <safetynet@localhost>'),
  /** The address users reach the app at, for the links in e-mails (default: http://localhost:PORT). */
  SAFETYNET_PUBLIC_URL: z.string().url().optional(),
  /** The local hour of the daily digest of overdue items (0–23, in each user's unit's time zone). */
  SAFETYNET_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** How often the notification worker looks for e-mail to send and digests to make. */
  SAFETYNET_MAIL_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** How long a break-glass (emergency) access grant lasts, in hours. */
  SAFETYNET_BREAK_GLASS_HOURS: z.coerce.number().positive().max(72).default(4),
  /** Answers a feedback kiosk takes per minute before it answers 429 (src/feedback/). */
  SAFETYNET_KIOSK_ANSWERS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(6),
  /** The hour (UTC, 0–23) of the server's daily retention run (src/retention/); "off" for none (run `safetynet retention run` instead). */
  SAFETYNET_RETENTION_HOUR: z.union([z.literal('off'), z.coerce.number().int().min(0).max(23)]).default(2),
  SAFETYNET_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `true`: every role that sees child data needs a second factor (admins always do). */
  SAFETYNET_REQUIRE_2FA: z.enum(['true', 'false']).default('false'),
  /** OpenID Connect single sign-on: the provider's issuer URL, this client's id and secret (all three, or none). */
  SAFETYNET_OIDC_ISSUER: z.string().url().optional(),
  SAFETYNET_OIDC_CLIENT_ID: z.string().min(1).optional(),
  SAFETYNET_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The provider's name on the sign-in button ("Sign in with …"). */
  SAFETYNET_OIDC_NAME: z.string().min(1).max(60).default('OpenID Connect'),
  NODE_ENV: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  appDatabaseUrl: string | undefined;
  reportsDatabaseUrl: string | undefined;
  reportsMaxLagSeconds: number;
  auditCheckpoints: string | undefined;
  dataDir: string;
  demoPassword: string;
  seedDemo: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
  loginAccountDelaySeconds: number;
  loginRatePerMinute: number;
  trustProxy: boolean;
  logLevel: string;
  attachmentKey: string | undefined;
  attachmentMaxBytes: number;
  certificateAttendance: number;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  digestHour: number;
  mailPollSeconds: number;
  breakGlassHours: number;
  kioskAnswersPerMinute: number;
  retentionHour: number | 'off';
  require2fa: boolean;
  /** Single sign-on; null when not configured. The redirect URI is PUBLIC_URL/api/v1/auth/oidc/callback. */
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.SAFETYNET_REPORTS_DATABASE_URL && !e.DATABASE_URL) {
    throw new Error('Invalid configuration:\n  SAFETYNET_REPORTS_DATABASE_URL: needs DATABASE_URL (a replica is a standby of a PostgreSQL server; the embedded database has none)');
  }
  const oidcSet = [e.SAFETYNET_OIDC_ISSUER, e.SAFETYNET_OIDC_CLIENT_ID, e.SAFETYNET_OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new Error('Invalid configuration:\n  SAFETYNET_OIDC_ISSUER, SAFETYNET_OIDC_CLIENT_ID and SAFETYNET_OIDC_CLIENT_SECRET go together: set all three or none');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.SAFETYNET_APP_DATABASE_URL,
    reportsDatabaseUrl: e.SAFETYNET_REPORTS_DATABASE_URL,
    reportsMaxLagSeconds: e.SAFETYNET_REPORTS_MAX_LAG_SECONDS,
    auditCheckpoints: e.SAFETYNET_AUDIT_CHECKPOINTS,
    dataDir: path.resolve(e.SAFETYNET_DATA_DIR),
    demoPassword: e.SAFETYNET_DEMO_PASSWORD,
    seedDemo: e.SAFETYNET_SEED_DEMO ? e.SAFETYNET_SEED_DEMO === 'true' : e.NODE_ENV !== 'production',
    sessionIdleMinutes: e.SAFETYNET_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SAFETYNET_SESSION_MAX_HOURS,
    loginMaxFailures: e.SAFETYNET_LOGIN_MAX_FAILURES,
    lockoutMinutes: e.SAFETYNET_LOCKOUT_MINUTES,
    loginAccountDelaySeconds: e.SAFETYNET_LOGIN_ACCOUNT_DELAY_SECONDS,
    loginRatePerMinute: e.SAFETYNET_LOGIN_RATE_PER_MINUTE,
    trustProxy: e.SAFETYNET_TRUST_PROXY === 'true',
    logLevel: e.SAFETYNET_LOG_LEVEL,
    attachmentKey: e.SAFETYNET_ATTACHMENT_KEY,
    attachmentMaxBytes: Math.round(e.SAFETYNET_ATTACHMENT_MAX_MB * 1024 * 1024),
    certificateAttendance: e.SAFETYNET_CERTIFICATE_ATTENDANCE,
    smtpUrl: e.SAFETYNET_SMTP_URL ?? null,
    mailFrom: e.SAFETYNET_MAIL_FROM,
    publicUrl: e.SAFETYNET_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    digestHour: e.SAFETYNET_DIGEST_HOUR,
    mailPollSeconds: e.SAFETYNET_MAIL_POLL_SECONDS,
    breakGlassHours: e.SAFETYNET_BREAK_GLASS_HOURS,
    kioskAnswersPerMinute: e.SAFETYNET_KIOSK_ANSWERS_PER_MINUTE,
    retentionHour: e.SAFETYNET_RETENTION_HOUR,
    require2fa: e.SAFETYNET_REQUIRE_2FA === 'true',
    oidc: oidcSet === 3
      ? { issuer: e.SAFETYNET_OIDC_ISSUER!, clientId: e.SAFETYNET_OIDC_CLIENT_ID!, clientSecret: e.SAFETYNET_OIDC_CLIENT_SECRET!, name: e.SAFETYNET_OIDC_NAME }
      : null,
  };
}
