import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { generateSync } from 'otplib';
import { type Config, loadConfig } from '../config.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { buildApp } from '../server/app.ts';
import type { App } from '../server/types.ts';
import { type TestDatabase, freshDatabase } from './database.ts';

export const DEMO_PASSWORD = 'safetynet-demo';

/** A signed-in client of the app under test: keeps the session cookie and sends the CSRF token. */
export class Client {
  constructor(
    private readonly app: App,
    readonly cookie: string | null,
    readonly csrfToken: string | null,
  ) {}

  /** A string body is sent as it is (for malformed JSON); anything else as JSON. */
  request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as string | object }),
    });
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
}

/**
 * Every item of a paged list answer (`{ items, total }`), read page by page with `limit`/`offset`
 * until `total` is reached: a check that something is NOT in a list must see the whole list.
 * `url` may carry other query parameters; `limit` is the page size asked for.
 */
export async function readAll<T = Record<string, unknown>>(client: Client, url: string, limit = 100): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await client.get(`${url}${sep}limit=${limit}&offset=${items.length}`);
    if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`);
    const page = res.json() as { items: T[]; total: number };
    items.push(...page.items);
    if (items.length >= page.total) {
      if (items.length !== page.total) throw new Error(`GET ${url} gave ${items.length} items for a total of ${page.total}`);
      return items;
    }
    if (page.items.length === 0) throw new Error(`GET ${url} stopped at ${items.length} items of ${page.total}`);
  }
}

export type TestApp = {
  app: App;
  database: TestDatabase;
  config: Config;
  anonymous: Client;
  /**
   * Signs in as a user (the demo users' password by default), through the real second factor:
   * a user who must have one and has none (an admin) is enrolled on the first sign-in, as the
   * web app would do it (a real TOTP code from the secret); later sign-ins send one of the
   * recovery codes kept from it (a TOTP code is good once per 30 s, a test signs in faster).
   */
  login(username: string, password?: string): Promise<Client>;
  /** For a user `login` enrolled: the TOTP secret, and an unspent recovery code (spent by the caller). */
  secondFactorOf(username: string): { secret: string; recoveryCode: () => string } | undefined;
  close(): Promise<void>;
};

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ SAFETYNET_DATA_DIR: '.tmp/unused', SAFETYNET_LOG_LEVEL: 'silent', SAFETYNET_LOGIN_RATE_PER_MINUTE: '10000', ...overrides });
}

/** The app on a fresh database of its own, with the demo data seeded. */
export async function startTestApp(options: { seed?: boolean; env?: Record<string, string>; logStream?: { write(line: string): void } } = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = testConfig(options.env);
  if (options.seed !== false) await seedDemo(database.db, DEMO_PASSWORD);
  const app = await buildApp(database, config, options.logStream ? { logStream: options.logStream } : { logger: false });
  await app.ready();
  const factors = new Map<string, { secret: string; recovery: string[] }>();
  return {
    app,
    database,
    config,
    anonymous: new Client(app, null, null),
    async login(username, password = DEMO_PASSWORD) {
      const factor = factors.get(username.toLowerCase());
      const code = factor?.recovery.shift();
      // From an address of its own: tests that send wrong passwords from the default address
      // (and are slowed down for it) do not hold back the signing-in of the rest.
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(code ? { code } : {}) }, remoteAddress: '192.0.2.1' });
      if (res.statusCode !== 200) throw new Error(`login as ${username} answered ${res.statusCode}: ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'sn_session');
      const client = new Client(app, `sn_session=${cookie!.value}`, res.json().csrfToken as string);
      const state = res.json().secondFactor as { enrolled: boolean; required: boolean; passed: boolean };
      if (state.required && !state.enrolled) {
        const setup = await client.post('/api/v1/auth/2fa/setup');
        const secret = setup.json().secret as string;
        const enabled = await client.post('/api/v1/auth/2fa/enable', { code: generateSync({ secret }) });
        if (enabled.statusCode !== 200) throw new Error(`enrolling ${username} answered ${enabled.statusCode}: ${enabled.body}`);
        factors.set(username.toLowerCase(), { secret, recovery: enabled.json().recoveryCodes as string[] });
      } else if (factor && factor.recovery.length === 0) {
        factor.recovery = (await client.post('/api/v1/auth/2fa/recovery-codes')).json().recoveryCodes as string[];
      }
      return client;
    },
    secondFactorOf(username) {
      const factor = factors.get(username.toLowerCase());
      return factor && { secret: factor.secret, recoveryCode: () => factor.recovery.shift()! };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
