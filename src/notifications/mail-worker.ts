import nodemailer from 'nodemailer';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { localDay } from '../domain/deadlines.ts';
import { loadUserActor } from '../policy/actor.ts';
import { openDoor } from '../policy/door.ts';
import { tasksFor } from '../tasks/task-sources.ts';
import { mailSettings } from './mail-settings.ts';
import { notify } from './notify.ts';

/**
 * The worker behind the outbox: sends what is due through SMTP, marks it sent, and on failure
 * tries again later (1, 2, 4 … minutes, at most an hour apart), so an SMTP server that is down
 * delays e-mail and loses none; the app never waits for it. A message is claimed for five minutes
 * before it is sent, so two servers on one database never send it twice in that time; a crash
 * between sending and marking sends it again (at least once, never lost).
 */
export type Transport = { sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> };

export function smtpTransport(url: string): Transport {
  return nodemailer.createTransport(url);
}

const CLAIM_MINUTES = 5;
const backoffMinutes = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1));

export async function sendDueMail(db: Kysely<DB>, transport: Transport, now = new Date(), batch = 20): Promise<{ sent: number; failed: number }> {
  const claimed = await sql<{ id: string; to_address: string; subject: string; body: string; attempts: number }>`
    UPDATE mail_outbox SET next_attempt_at = ${now}::timestamptz + make_interval(mins => ${CLAIM_MINUTES})
    WHERE id IN (
      SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= ${now}::timestamptz
      ORDER BY next_attempt_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, body, attempts`.execute(db);
  let sent = 0;
  let failed = 0;
  for (const m of claimed.rows) {
    try {
      await transport.sendMail({ from: mailSettings().from, to: m.to_address, subject: m.subject, text: m.body });
      await db.updateTable('mail_outbox').set({ sent_at: new Date(), attempts: m.attempts + 1, last_error: null }).where('id', '=', m.id).execute();
      sent += 1;
    } catch (err) {
      const attempts = m.attempts + 1;
      // The SMTP server's words (a code and a reason), never the message itself.
      const reason = String((err as { code?: string }).code ?? (err as Error).message ?? 'error').slice(0, 200);
      await db.updateTable('mail_outbox')
        .set({ attempts, last_error: reason, next_attempt_at: new Date(now.getTime() + backoffMinutes(attempts) * 60_000) })
        .where('id', '=', m.id).execute();
      failed += 1;
    }
  }
  return { sent, failed };
}

/**
 * The daily digest: at `hour` o'clock in each user's unit's time zone (or later that day, if the
 * server was down then), once per local day, a user with overdue items (their own task list's
 * count) is told how many — in the app, and by e-mail if they chose it. Nothing when none is overdue.
 */
export async function queueDigests(db: Kysely<DB>, hour: number, now = new Date()): Promise<number> {
  const users = await db.selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
    .select(['u.id', 'j.timezone'])
    .where('u.disabled_at', 'is', null)
    .where((eb) => eb.or([eb(eb.val('caseworker'), '=', eb.fn.any('u.roles')), eb(eb.val('supervisor'), '=', eb.fn.any('u.roles'))]))
    .execute();
  let queued = 0;
  for (const u of users) {
    const localHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: u.timezone, hour: '2-digit', hourCycle: 'h23' }).format(now));
    if (localHour < hour) continue;
    const day = localDay(now, u.timezone);
    const done = await db.selectFrom('digest_runs').select('user_id').where('user_id', '=', u.id).where('local_day', '=', day).executeTakeFirst();
    if (done) continue;
    const actor = await loadUserActor(db, u.id);
    if (!actor) continue;
    const overdue = (await tasksFor(openDoor(db, actor), 'mine', now)).filter((t) => t.overdue).length;
    await db.transaction().execute(async (tx) => {
      const inserted = await tx.insertInto('digest_runs').values({ user_id: u.id, local_day: day, overdue }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
      if (inserted && overdue > 0) {
        await notify(tx, [{ userId: u.id, kind: 'daily_digest', entity: 'tasks', entityId: null }], { n: String(overdue) });
        queued += 1;
      }
    });
  }
  return queued;
}

/** Runs the worker every `everySeconds` until stopped: digests, then the outbox. Errors are logged by code, never with a message's text. */
export function startMailWorker(db: Kysely<DB>, opts: { everySeconds: number; digestHour: number; log: (msg: string) => void }): () => Promise<void> {
  const url = mailSettings().smtpUrl;
  const transport = url ? smtpTransport(url) : null;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        await queueDigests(db, opts.digestHour);
        if (transport) await sendDueMail(db, transport);
      } catch (err) {
        opts.log(`notification worker: ${(err as { code?: string }).code ?? (err as Error).name}`);
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, opts.everySeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
