import { TZDate } from '@date-fns/tz';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../domain/deadlines.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { type TestSmtp, startTestSmtp } from '../testing/smtp.ts';
import { queueDigests, sendDueMail, smtpTransport } from './mail-worker.ts';

/**
 * The daily digest comes at the configured hour of each user's unit's local time, once per local
 * day: with a fixed `now` before that hour in Korçë (Europe/Tirane) nothing is queued for the
 * Korçë caseworker, while a Plovdiv worker (Europe/Sofia, an hour ahead) is already past it; just
 * after it, one digest (in the bell and by e-mail); later the same local day, none; the next
 * local day, one again.
 */
const HOUR = 7;
let smtp: TestSmtp;
let t: TestApp;
let caseworker: string;
let tirane: string;
let sofia: string;
const db = () => t.database.unguarded;

/** The instant at hh:mm of `day` (YYYY-MM-DD) in time zone `tz`. */
function at(day: string, hh: number, mm: number, tz: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, tz).getTime());
}

/** Each digest run of a caseworker or supervisor: their user, their unit's time zone and the local day it counted. */
async function runs() {
  return db().selectFrom('digest_runs as r').innerJoin('users as u', 'u.id', 'r.user_id').innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
    .select(['r.user_id', 'j.timezone', 'r.overdue', sql<string>`to_char(r.local_day, 'YYYY-MM-DD')`.as('day')]).execute();
}
const digests = async (userId: string) =>
  db().selectFrom('notifications').select('id').where('user_id', '=', userId).where('kind', '=', 'daily_digest').execute();
const mails = async (userId: string) => db().selectFrom('mail_outbox').select(['subject', 'body']).where('user_id', '=', userId).execute();

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ env: { SAFETYNET_SMTP_URL: smtp.url() } });
  const tzOf = async (username: string) => (await db().selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code').select(['u.id', 'j.timezone']).where('u.username', '=', username).executeTakeFirstOrThrow());
  const cw = await tzOf('caseworker');
  caseworker = cw.id;
  tirane = cw.timezone;
  sofia = (await tzOf('m.ivanova')).timezone;
  const set = await (await t.login('caseworker')).patch('/api/v1/notifications/settings', { email: 'elira@korce.example.org' });
  expect(set.statusCode).toBe(200);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

describe('the daily digest hour', () => {
  it('comes after the configured local hour of the unit, once per local day', async () => {
    expect([tirane, sofia]).toEqual(['Europe/Tirane', 'Europe/Sofia']);
    // Tomorrow in Korçë, so that the caseworker's demo items are overdue by then.
    const day = localDay(new Date(Date.now() + 86_400_000), tirane);
    const nextDay = localDay(new Date(at(day, 12, 0, tirane).getTime() + 86_400_000), tirane);

    // 05:30 in Korçë, 06:30 in Plovdiv: before the hour everywhere — nothing queued, nothing counted.
    expect(await queueDigests(db(), HOUR, at(day, 5, 30, tirane))).toBe(0);
    expect(await runs()).toEqual([]);

    // 06:30 in Korçë, 07:30 in Plovdiv: the Bulgarian units' workers are counted, none of Korçë's.
    const early = at(day, 6, 30, tirane);
    const queuedEarly = await queueDigests(db(), HOUR, early);
    const afterEarly = await runs();
    expect(afterEarly.length).toBeGreaterThan(0);
    expect(afterEarly.every((r) => r.timezone === sofia && r.day === localDay(early, sofia))).toBe(true);
    expect(queuedEarly).toBe(afterEarly.filter((r) => r.overdue > 0).length);
    expect(await digests(caseworker)).toEqual([]);
    expect(await mails(caseworker)).toEqual([]);

    // 07:05 in Korçë: one digest for the caseworker, in the bell and in the outbox.
    expect(await queueDigests(db(), HOUR, at(day, HOUR, 5, tirane))).toBeGreaterThan(0);
    const mine = (await runs()).filter((r) => r.user_id === caseworker);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ day, timezone: tirane });
    expect(mine[0]!.overdue).toBeGreaterThan(0);
    expect(await digests(caseworker)).toHaveLength(1);
    const queued = await mails(caseworker);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.subject).toBe('Safetynet: Your overdue items');
    expect(queued[0]!.body).toContain(`Overdue items on your task list in Safetynet: ${mine[0]!.overdue}.`);
    expect(await sendDueMail(db(), smtpTransport(smtp.url()))).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([['elira@korce.example.org', 'Safetynet: Your overdue items']]);

    // 23:30 the same local day (already the next day in Plovdiv, but before its hour): nothing more.
    expect(await queueDigests(db(), HOUR, at(day, 23, 30, tirane))).toBe(0);
    expect(await digests(caseworker)).toHaveLength(1);
    expect(await mails(caseworker)).toHaveLength(1);

    // The next local day, after the hour: one more.
    await queueDigests(db(), HOUR, at(nextDay, HOUR, 30, tirane));
    expect(await digests(caseworker)).toHaveLength(2);
    expect((await runs()).filter((r) => r.user_id === caseworker).map((r) => r.day).sort()).toEqual([day, nextDay]);
  });
});
