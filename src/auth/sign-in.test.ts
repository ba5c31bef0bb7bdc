import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestApp, startTestApp } from '../testing/app.ts';
import { accountKey, addressOf, delayAfter } from './login-throttle.ts';

/**
 * Sign-in throttling through the HTTP API on the real database: existing and unknown user names
 * cannot be told apart, and guessing from many addresses cannot shut the owner out.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

const rowsOf = (username: string) =>
  t.database.unguarded.selectFrom('login_throttle').select(['kind', 'failures']).where('account', '=', accountKey(username)).orderBy('kind').execute();

describe('existing and unknown user names', () => {
  it('get the same answers, the same waits and the same bookkeeping, attempt after attempt', async () => {
    // One address per name, so that the two runs meet the same counters.
    const known = { username: 'v.georgieva', from: '203.0.113.101' };
    const unknown = { username: 'no.such.person', from: '203.0.113.102' };
    const answers = { known: [] as string[], unknown: [] as string[] };
    for (let i = 0; i < t.config.loginMaxFailures + 2; i++) {
      for (const [which, who] of [['known', known], ['unknown', unknown]] as const) {
        const res = await login(who.username, `wrong-${i}`, who.from);
        answers[which].push(`${res.statusCode} ${res.headers['retry-after'] ?? '-'} ${res.body} ${res.cookies.length}`);
      }
    }
    expect(answers.known.length).toBeGreaterThan(t.config.loginMaxFailures);
    expect(answers.known).toEqual(answers.unknown);
    expect(answers.known.at(-1)).toMatch(/^429 1 /);
    expect(await rowsOf(known.username)).toEqual(await rowsOf(unknown.username));
    expect((await rowsOf(unknown.username)).map((r) => r.kind)).toEqual(['account', 'pair']);
    // A disabled user is just as unknown.
    const admin = await t.login('admin');
    const target = await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'k.teacher').executeTakeFirstOrThrow();
    expect((await admin.patch(`/api/v1/users/${target.id}`, { disabled: true })).statusCode).toBe(200);
    const disabled = await login('k.teacher', DEMO_PASSWORD, '203.0.113.103');
    const nobody = await login('nobody.at.all', DEMO_PASSWORD, '203.0.113.104');
    expect([disabled.statusCode, disabled.body]).toEqual([nobody.statusCode, nobody.body]);
    expect(await rowsOf('k.teacher')).toEqual(await rowsOf('nobody.at.all'));
  });

  it('take as long: an unknown name runs the same password verification as a wrong password', async () => {
    // Warm up both paths (the dummy hash is made once).
    await login('timing.nobody', 'warm-up-guess', '203.0.113.120');
    await login('d.angelov', 'warm-up-guess', '203.0.113.121');
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, from fresh addresses, below every threshold: only the work differs, if any.
    for (let i = 0; i < 7; i++) {
      let start = performance.now();
      expect((await login('d.angelov', `guess-${i}`, `203.0.114.${i}`)).statusCode).toBe(401);
      known.push(performance.now() - start);
      start = performance.now();
      expect((await login(`timing.nobody.${i}`, `guess-${i}`, `203.0.115.${i}`)).statusCode).toBe(401);
      unknown.push(performance.now() - start);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // argon2id with 19 MiB takes tens of milliseconds; skipping it would make the unknown path
    // several times faster. Loose bounds: the two medians are within a factor of 3.
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});

describe('guessing one account from many addresses', () => {
  it('slows the account gently, at most SAFETYNET_LOGIN_ACCOUNT_DELAY_SECONDS, and the owner then signs in', async () => {
    const free = 2 * t.config.loginMaxFailures;
    // Every guess from a new address: no pair or address counter ever stops it.
    for (let i = 0; i < free; i++) expect((await login('n.dimitrova', `botnet-${i}`, `198.18.0.${i}`)).statusCode).toBe(401);
    const slowed = await login('n.dimitrova', 'botnet-next', '198.18.1.1');
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBe(1);
    // However long the guessing went on, the wait stays small.
    await t.database.unguarded.updateTable('login_throttle').set({ failures: 500, blocked_until: sql<Date>`now()` }).where('key', '=', accountKey('n.dimitrova')).execute();
    expect((await login('n.dimitrova', 'botnet-more', '198.18.1.2')).statusCode).toBe(401);
    const capped = await login('n.dimitrova', DEMO_PASSWORD, '198.51.100.50');
    expect(capped.statusCode).toBe(429);
    expect(Number(capped.headers['retry-after'])).toBe(t.config.loginAccountDelaySeconds);
    expect(t.config.loginAccountDelaySeconds).toBeLessThanOrEqual(30);
    // Once it has passed, the owner's right password signs in, and the account's counter restarts.
    await t.database.unguarded.updateTable('login_throttle').set({ blocked_until: sql<Date>`now()` }).where('key', '=', accountKey('n.dimitrova')).execute();
    expect((await login('n.dimitrova', DEMO_PASSWORD, '198.51.100.50')).statusCode).toBe(200);
    expect((await rowsOf('n.dimitrova')).filter((r) => r.kind === 'account')).toEqual([]);
  });
});

describe('throttle arithmetic', () => {
  it('waits double from the free failures on, up to the cap', () => {
    expect([4, 5, 6, 7, 8, 20, 100].map((n) => delayAfter(n, 5, 900))).toEqual([0, 1, 2, 4, 8, 900, 900]);
  });

  it('an IPv6 address counts as its /64; IPv4 (also mapped) as itself', () => {
    expect(addressOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressOf('2001:db8:1:2::9')).toBe(addressOf('2001:0db8:0001:0002:ffff::1'));
    expect(addressOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressOf('203.0.113.9')).toBe('203.0.113.9');
  });
});
