import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { openConfiguredDatabase, prepareDatabase } from '../db/open.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { systemDoor } from '../policy/door.ts';
import { buildApp } from '../server/app.ts';
import type { App } from '../server/types.ts';
import { signalBody } from '../signals/signal-fixtures.ts';
import { Client, DEMO_PASSWORD } from '../testing/app.ts';
import { type PgPair, startPgPair } from '../testing/pg-cluster.ts';
import { computeMonitoringReport } from './monitoring-report.ts';

/**
 * Issue 16 §4: with SAFETYNET_REPORTS_DATABASE_URL the reports are read from a hot standby while
 * every write goes to the primary. A real primary and standby (pg_basebackup) on local ports.
 */
describe('reports from a streaming replica', () => {
  let pair: PgPair;
  let dataDir: string;
  let database: Database;
  let app: App;
  const year = new Date().getUTCFullYear();
  const period = `from=${year}-01-01&to=${year}-12-31&jurisdiction=AL`;
  const env = (over: Record<string, string> = {}) => ({
    SAFETYNET_DATA_DIR: dataDir, SAFETYNET_LOG_LEVEL: 'silent', SAFETYNET_LOGIN_RATE_PER_MINUTE: '10000',
    DATABASE_URL: pair.primaryUrl, SAFETYNET_REPORTS_DATABASE_URL: pair.standbyUrl, SAFETYNET_REPORTS_MAX_LAG_SECONDS: '1', ...over,
  });

  async function login(username: string): Promise<Client> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    return new Client(app, `sn_session=${res.cookies.find((c) => c.name === 'sn_session')!.value}`, res.json().csrfToken as string);
  }

  /** The same report computed on the primary, below the routes. */
  async function onPrimary() {
    const report = await systemDoor(database.db, 'replica-test').transaction((tx) =>
      computeMonitoringReport(tx, { from: `${year}-01-01`, to: `${year}-12-31`, jurisdiction: 'AL' }, { suppress: false }));
    return figures(JSON.parse(JSON.stringify(report)));
  }

  /** A report's figures: all of it but the moment it was made. */
  const figures = (report: Record<string, unknown>) => ({ ...report, generatedAt: null });

  async function lastReportAudit() {
    const row = await database.owner.selectFrom('audit_log').select(['detail', 'outcome']).where('action', '=', 'report').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    return row;
  }

  beforeAll(async () => {
    pair = await startPgPair();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-replica-data-'));
    const config = loadConfig(env());
    database = await openConfiguredDatabase(config, 'replica test');
    await prepareDatabase(database);
    await seedDemo(database.db, DEMO_PASSWORD);
    app = await buildApp(database, config, { logger: false });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    pair?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the monitoring report, its exports and the services figures from the standby, with the primary figures', async () => {
    expect(database.reports?.describe).toContain('127.0.0.1');
    // The report's read runs on the standby (in recovery), its audit entry is written on the primary.
    const where = await systemDoor(database.db, 'replica-test').readReport(async (tx, _audit, source) => ({
      source, standby: (await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(tx)).rows[0]!.r,
    }));
    expect(where).toEqual({ source: 'replica', standby: true });

    const supervisor = await login('supervisor');
    const res = await supervisor.get(`/api/v1/reports/monitoring?${period}`);
    expect(res.statusCode).toBe(200);
    expect(figures(res.json())).toEqual(await onPrimary());
    expect(await lastReportAudit()).toMatchObject({ outcome: 'ok', detail: { report: 'monitoring', jurisdiction: 'AL', source: 'replica' } });

    const csv = await supervisor.get(`/api/v1/reports/monitoring.csv?${period}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.length).toBeGreaterThan(100);
    expect((await lastReportAudit()).detail).toMatchObject({ format: 'csv', source: 'replica' });

    const monitor = await login('monitor');
    const services = await monitor.get(`/api/v1/reports/services?${period}`);
    expect(services.statusCode).toBe(200);
    expect((await lastReportAudit()).detail).toMatchObject({ report: 'services', suppressed: true, source: 'replica' });
  });

  it('refuses a report (503, never a figure that misses a write) while the standby lags beyond the bound, and serves it once caught up', async () => {
    const supervisor = await login('supervisor');
    const caseworker = await login('caseworker');
    const before = (await supervisor.get(`/api/v1/reports/monitoring?${period}`)).json();

    pair.onStandby('SELECT pg_wal_replay_pause()');
    try {
      const signal = await caseworker.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Lag', familyName: 'Replica', sex: 'female', birthDate: '2014-03-01' }] }));
      expect(signal.statusCode).toBe(201);
      const refused = await supervisor.get(`/api/v1/reports/monitoring?${period}`);
      expect(refused.statusCode).toBe(503);
      expect(refused.json().message).toMatch(/more than 1 s behind/);
      // Everything else works on the primary meanwhile.
      expect((await caseworker.get('/api/v1/signals')).statusCode).toBe(200);
    } finally {
      pair.onStandby('SELECT pg_wal_replay_resume()');
    }
    const after = await supervisor.get(`/api/v1/reports/monitoring?${period}`);
    expect(after.statusCode).toBe(200);
    expect(figures(after.json())).toEqual(await onPrimary());
    expect(figures(after.json())).not.toEqual(figures(before));
  });

  it('answers 503 while the standby is down, and the rest of the application keeps working', async () => {
    const supervisor = await login('supervisor');
    pair.stopStandby();
    try {
      const res = await supervisor.get(`/api/v1/reports/monitoring?${period}`);
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toMatch(/cannot be reached/);
      expect((await supervisor.get('/api/v1/cases')).statusCode).toBe(200);
    } finally {
      pair.startStandby();
    }
    expect((await supervisor.get(`/api/v1/reports/monitoring?${period}`)).statusCode).toBe(200);
  });

  it('refuses to start on a reports URL that is not a standby of DATABASE_URL, or without DATABASE_URL', async () => {
    await expect(openConfiguredDatabase(loadConfig(env({ SAFETYNET_REPORTS_DATABASE_URL: pair.primaryUrl })), 'replica test'))
      .rejects.toThrow(/is not a standby/);
    expect(() => loadConfig({ SAFETYNET_REPORTS_DATABASE_URL: pair.standbyUrl })).toThrow(/needs DATABASE_URL/);
  });
});
