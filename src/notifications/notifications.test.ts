import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { type TestSmtp, startTestSmtp } from '../testing/smtp.ts';
import { queueDigests, sendDueMail, smtpTransport } from './mail-worker.ts';
import { notify } from './notify.ts';
import { systemActor } from '../policy/actor.ts';
import { createUser } from '../users/users-service.ts';

/**
 * Notifications end to end against a real SMTP server on a local port: an event tells the right
 * user in the app and queues an e-mail in the same transaction; the worker sends it (kind and
 * link only, no child data); an SMTP server that is down delays it and loses none; a change that
 * rolls back tells nobody; each user chooses what they receive; the daily digest comes once a day.
 */
let smtp: TestSmtp;
let t: TestApp;

const db = () => t.database.unguarded;
const userId = async (username: string) => (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const outbox = async (username: string) => db().selectFrom('mail_outbox').selectAll().where('user_id', '=', await userId(username)).orderBy('created_at').execute();
const transport = () => smtpTransport(smtp.url());

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ env: { SAFETYNET_SMTP_URL: smtp.url(), SAFETYNET_PUBLIC_URL: 'https://safetynet.example.org/' } });
  // A second caseworker of the Korçë unit, so that cases can move between two workers.
  const unit = (await db().selectFrom('users').select('organisation_id').where('username', '=', 'caseworker').executeTakeFirstOrThrow()).organisation_id;
  await createUser(db(), systemActor('test'), { username: 'n.second', displayName: 'Nora Second', organisationId: unit, roles: ['caseworker'], password: 'Vlore-Sunrise-Kestrel-7', language: 'en' });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

/** The supervisor moves one of the unit's open cases to the user (from the unit's other caseworker, or the user's first to them). */
async function assignAnotherCase(toUsername: string): Promise<string> {
  const supervisor = await t.login('supervisor');
  const unit = (await db().selectFrom('users').select('organisation_id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).organisation_id;
  const target = await userId(toUsername);
  const other = await userId(toUsername === 'caseworker' ? 'n.second' : 'caseworker');
  const assign = async (caseId: string, ownerId: string) => {
    const res = await supervisor.post('/api/v1/cases/assign', { caseIds: [caseId], ownerId });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  const open = db().selectFrom('cases').select(['id', 'owner_id']).where('unit_id', '=', unit).where('status', 'in', ['open', 'assessed', 'plan_in_force']).orderBy('opened_at');
  let kase = await open.where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '!=', target)])).executeTakeFirst();
  if (!kase) {
    kase = await open.executeTakeFirstOrThrow();
    await assign(kase.id, other);
  }
  await assign(kase.id, target);
  return kase.id;
}

describe('notifications', () => {
  it('an assignment tells the new owner in the app and by e-mail: the kind of event and a link, nothing about the child', async () => {
    const caseworker = await t.login('caseworker');
    const set = await caseworker.request('PATCH', '/api/v1/notifications/settings', { email: 'elira@unit.example.org' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ email: 'elira@unit.example.org', mailEnabled: true, prefs: { case_assigned: 'app_email' } });
    const before = (await caseworker.get('/api/v1/notifications')).json().unread as number;

    const caseId = await assignAnotherCase('caseworker');
    const bell = (await caseworker.get('/api/v1/notifications')).json();
    expect(bell.unread).toBe(before + 1);
    expect(bell.items[0]).toMatchObject({ kind: 'case_assigned', path: `/cases/${caseId}`, readAt: null });
    const queued = await outbox('caseworker');
    expect(queued).toHaveLength(1);
    expect(queued[0]!.sent_at).toBeNull();

    expect(await sendDueMail(db(), transport())).toEqual({ sent: 1, failed: 0 });
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toBe('elira@unit.example.org');
    expect(mail.subject).toBe('Safetynet: A case was assigned to you');
    expect(mail.raw).toContain(`https://safetynet.example.org/cases/${caseId}`);
    const child = await db().selectFrom('cases as k').innerJoin('children as c', 'c.id', 'k.child_id').select(['c.given_name', 'c.family_name']).where('k.id', '=', caseId).executeTakeFirstOrThrow();
    expect(mail.raw).not.toContain(child.given_name!);
    expect(mail.raw).not.toContain(child.family_name!);
    expect((await outbox('caseworker'))[0]!.sent_at).not.toBeNull();
    // Sent once: the worker finds nothing more to send.
    expect(await sendDueMail(db(), transport())).toEqual({ sent: 0, failed: 0 });

    const read = await caseworker.post('/api/v1/notifications/read', { ids: [bell.items[0].id] });
    expect(read.json().unread).toBe(before);
  });

  it('waits while the SMTP server is down and sends once it is back; a change that rolls back tells nobody', async () => {
    const sent = smtp.received.length;
    await smtp.stop();
    await assignAnotherCase('caseworker');
    const failed = await sendDueMail(db(), transport());
    expect(failed).toEqual({ sent: 0, failed: 1 });
    const waiting = (await outbox('caseworker')).at(-1)!;
    expect(waiting.attempts).toBe(1);
    expect(waiting.sent_at).toBeNull();
    expect(waiting.last_error).toBeTruthy();
    expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    await smtp.start(smtp.port);
    expect(await sendDueMail(db(), transport(), new Date(Date.now() + 2 * 60_000))).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.length).toBe(sent + 1);

    const cw = await userId('caseworker');
    const count = async (table: 'notifications' | 'mail_outbox', q: Pick<ReturnType<typeof db>, 'selectFrom'> = db()) =>
      (await q.selectFrom(table).select('id').where('user_id', '=', cw).execute()).length;
    const n = await count('notifications');
    const mails = await count('mail_outbox');
    await expect(db().transaction().execute(async (tx) => {
      await notify(tx, [{ userId: cw, kind: 'approval_waiting', entity: 'tasks', entityId: null }]);
      // Inside the change, the notification and its e-mail are written …
      expect(await count('notifications', tx)).toBe(n + 1);
      expect(await count('mail_outbox', tx)).toBe(mails + 1);
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    // … and go with it: neither the bell nor the outbox keeps anything.
    expect(await count('notifications')).toBe(n);
    expect(await count('mail_outbox')).toBe(mails);
    expect(await sendDueMail(db(), transport(), new Date(Date.now() + 2 * 60_000))).toEqual({ sent: 0, failed: 0 });
  });

  it('each user chooses: in the app only, or not at all; bad settings are refused', async () => {
    const caseworker = await t.login('caseworker');
    await caseworker.request('PATCH', '/api/v1/notifications/settings', { prefs: { case_assigned: 'app' } });
    const mails = (await outbox('caseworker')).length;
    const bellBefore = (await caseworker.get('/api/v1/notifications')).json().unread;
    await assignAnotherCase('caseworker');
    expect((await outbox('caseworker')).length).toBe(mails);
    expect((await caseworker.get('/api/v1/notifications')).json().unread).toBe(bellBefore + 1);

    await caseworker.request('PATCH', '/api/v1/notifications/settings', { prefs: { case_assigned: 'off' } });
    await assignAnotherCase('caseworker');
    expect((await caseworker.get('/api/v1/notifications')).json().unread).toBe(bellBefore + 1);

    const bad = await caseworker.request('PATCH', '/api/v1/notifications/settings', { email: 'not an address', prefs: { case_assigned: 'sometimes' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'prefs.case_assigned']);
    expect((await caseworker.get('/api/v1/notifications/settings')).json().email).toBe('elira@unit.example.org');
  });

  it('sends the daily digest of overdue items once per local day, after the configured hour', async () => {
    const caseworker = await userId('caseworker');
    const first = await queueDigests(db(), 0);
    expect(first).toBeGreaterThan(0);
    const digest = await db().selectFrom('notifications').selectAll().where('user_id', '=', caseworker).where('kind', '=', 'daily_digest').execute();
    expect(digest).toHaveLength(1);
    const mail = (await outbox('caseworker')).at(-1)!;
    expect(mail.subject).toBe('Safetynet: Your overdue items');
    expect(mail.body).toMatch(/Overdue items on your task list in Safetynet: \d+\./);
    expect(await queueDigests(db(), 0)).toBe(0);
  });
});
