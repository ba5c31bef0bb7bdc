import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { type TestSmtp, startTestSmtp } from '../testing/smtp.ts';
import { sendDueMail, smtpTransport } from './mail-worker.ts';

/**
 * Each kind of event of a case's life tells the right people through the real API steps: a plan
 * submitted (the unit's supervisor: an approval waiting), returned and approved (the owner), a
 * closure requested and approved, a referral made (the provider's users) and answered (the unit),
 * a transfer requested (the receiving unit's supervisor). Each time the recipient finds one bell
 * item of the right kind opening the right page, and one e-mail in the outbox with that link; the
 * person who took the step and everyone else get nothing; no e-mail holds the child's name or
 * birth date, in the outbox or as the local SMTP server received it.
 */
const PUBLIC_URL = 'https://safetynet.example.org';
const WATCHED = ['caseworker', 'supervisor', 'provider', 'b.kasa', 'e.cela'] as const;
type Watched = (typeof WATCHED)[number];
const ADDRESS: Record<Watched, string> = {
  caseworker: 'elira@korce.example.org', supervisor: 'arben@korce.example.org', provider: 'mirela@ngo.example.org',
  'b.kasa': 'besnik@elbasan.example.org', 'e.cela': 'entela@elbasan.example.org',
};
// ASCII names, so that a quoted-printable or base64 encoding cannot hide them from the checks.
const CHILDREN = [
  { givenName: 'Zamira', familyName: 'Qafezezi', birthDate: '2015-02-17' },
  { givenName: 'Dorentina', familyName: 'Mborjaku', birthDate: '2012-11-03' },
  { givenName: 'Kristjan', familyName: 'Voskopojari', birthDate: '2010-06-21' },
];
const CHILD_WORDS = CHILDREN.flatMap((c) => [c.givenName, c.familyName, c.birthDate]);

let smtp: TestSmtp;
let t: TestApp;
const clients = {} as Record<Watched, Client>;
const ids = {} as Record<Watched, string>;
const db = () => t.database.unguarded;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ env: { SAFETYNET_SMTP_URL: smtp.url(), SAFETYNET_PUBLIC_URL: `${PUBLIC_URL}/` } });
  for (const username of WATCHED) {
    clients[username] = await t.login(username);
    ids[username] = (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const set = await clients[username].patch('/api/v1/notifications/settings', { email: ADDRESS[username] });
    if (set.statusCode !== 200) throw new Error(set.body);
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

type Snapshot = Record<Watched, { bell: Set<string>; mails: number }>;
async function snapshot(): Promise<Snapshot> {
  const out = {} as Snapshot;
  for (const u of WATCHED) {
    const bell = (await clients[u].get('/api/v1/notifications?limit=100')).json().items as Array<{ id: string }>;
    const mails = (await db().selectFrom('mail_outbox').select('id').where('user_id', '=', ids[u]).execute()).length;
    out[u] = { bell: new Set(bell.map((n) => n.id)), mails };
  }
  return out;
}

/**
 * Runs a step as `actor` and checks who was told: each of `told` gets exactly one new bell item
 * (kind, path) and one new e-mail with the link and without child data; everyone else (the actor
 * included) gets nothing. `pathOf` gives the page from the step's answer (a new referral's id).
 */
type Answer = { statusCode: number; body: string };
async function step(label: string, actor: Watched, told: Watched[], kind: string | null, pathOf: string | null | ((answer: Record<string, unknown>) => string), run: (c: Client) => Promise<Answer>) {
  const before = await snapshot();
  const res = await run(clients[actor]);
  expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(300);
  const path = typeof pathOf === 'function' ? pathOf(JSON.parse(res.body)) : pathOf;
  for (const u of WATCHED) {
    const bell = (await clients[u].get('/api/v1/notifications?limit=100')).json().items as Array<{ id: string; kind: string; path: string; readAt: string | null }>;
    const fresh = bell.filter((n) => !before[u].bell.has(n.id));
    const mails = await db().selectFrom('mail_outbox').selectAll().where('user_id', '=', ids[u]).orderBy('created_at').execute();
    if (told.includes(u)) {
      expect(fresh.map((n) => [n.kind, n.path, n.readAt]), `${label}: the bell of ${u}`).toEqual([[kind, path, null]]);
      expect(mails.length, `${label}: e-mails to ${u}`).toBe(before[u].mails + 1);
      const mail = mails.at(-1)!;
      expect(mail.to_address).toBe(ADDRESS[u]);
      expect(mail.body).toContain(`${PUBLIC_URL}${path}`);
      for (const word of CHILD_WORDS) expect(`${mail.subject}\n${mail.body}`, `${label}: e-mail to ${u}`).not.toContain(word);
    } else {
      expect(fresh, `${label}: the bell of ${u}`).toEqual([]);
      expect(mails.length, `${label}: e-mails to ${u}`).toBe(before[u].mails);
    }
  }
  return res;
}

/** The caseworker registers a child and opens a case for it, as the web app does. */
async function openCase(child: (typeof CHILDREN)[number]): Promise<string> {
  const cw = clients.caseworker;
  const registered = await cw.post('/api/v1/children', { ...child, sex: 'female', municipalityCode: 'AL-06-03' });
  expect(registered.statusCode, registered.body).toBe(201);
  // Opening a case for herself tells nobody: she is its owner and took the step.
  const opened = await step('case opened', 'caseworker', [], null, null, (c) => c.post('/api/v1/cases', { childId: registered.json().id, riskLevel: 'medium' }));
  return JSON.parse(opened.body).id as string;
}

const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const version = async (caseId: string) => (await clients.caseworker.get(`/api/v1/cases/${caseId}`)).json().version as number;

describe('who is told of what', () => {
  it('a plan: submitted (supervisor), returned (owner), submitted again and approved (owner); then a closure requested and approved', async () => {
    const caseId = await openCase(CHILDREN[0]!);
    const casePath = `/cases/${caseId}`;
    const assessed = await clients.caseworker.post(`/api/v1/cases/${caseId}/assessments`, { kind: 'initial', assessedAt: new Date(Date.now() - 60_000).toISOString(), summary: 'Seen at home.', childViews: 'Fine.' });
    expect(assessed.statusCode, assessed.body).toBe(201);
    const plans = `/api/v1/cases/${caseId}/plans`;
    const plan = (await clients.caseworker.post(plans, {
      goals: [{ domain: 'education', description: 'Attends school every day' }],
      actions: [{ goalIndex: 0, service: 'education_support', description: 'Meet the school', responsibleName: 'The caseworker', dueDate: soon(10), status: 'planned' }],
    })).json();
    expect(plan.id).toEqual(expect.any(String));

    const submitted = await step('plan submitted', 'caseworker', ['supervisor'], 'approval_waiting', casePath,
      (c) => c.post(`${plans}/${plan.id}/submit`, { version: plan.version }));
    const returned = await step('plan returned', 'supervisor', ['caseworker'], 'decision_returned', casePath,
      (c) => c.post(`${plans}/${plan.id}/return`, { comment: 'Name who meets the school', version: JSON.parse(submitted.body).version }));
    const resubmitted = await step('plan submitted again', 'caseworker', ['supervisor'], 'approval_waiting', casePath,
      (c) => c.post(`${plans}/${plan.id}/submit`, { version: JSON.parse(returned.body).version }));
    await step('plan approved', 'supervisor', ['caseworker'], 'decision_approved', casePath,
      (c) => c.post(`${plans}/${plan.id}/approve`, { version: JSON.parse(resubmitted.body).version }));

    const requested = await step('closure requested', 'caseworker', ['supervisor'], 'approval_waiting', casePath,
      async (c) => c.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', note: 'All goals met.', version: await version(caseId) }));
    await step('closure approved', 'supervisor', ['caseworker'], 'decision_approved', casePath,
      (c) => c.post(`/api/v1/cases/${caseId}/closure/approve`, { version: JSON.parse(requested.body).version }));
    expect((await clients.caseworker.get(`/api/v1/cases/${caseId}`)).json().status).toBe('closed');
  });

  it('a referral: made (the provider’s users), answered (the unit’s caseworker who made it and owns the case, told once)', async () => {
    const caseId = await openCase(CHILDREN[1]!);
    const providerOrgId = (await db().selectFrom('users').select('organisation_id').where('username', '=', 'provider').executeTakeFirstOrThrow()).organisation_id;
    // Every active user of the provider organisation is told; in the demo data that is Mirela Kola alone.
    const providerUsers = await db().selectFrom('users').select('username').where('organisation_id', '=', providerOrgId).where('disabled_at', 'is', null).execute();
    expect(providerUsers.map((u) => u.username)).toEqual(['provider']);
    const made = await step('referral made', 'caseworker', ['provider'], 'referral_received', (r) => `/referrals/${String(r.id)}`,
      (c) => c.post(`/api/v1/cases/${caseId}/referrals`, { providerOrgId, service: 'psychological_counselling', request: 'Weekly sessions', consentChild: 'given', consentCaregiver: 'given' }));
    const referral = JSON.parse(made.body) as { id: string; version: number };
    await step('referral accepted', 'provider', ['caseworker'], 'referral_answered', `/referrals/${referral.id}`,
      (c) => c.post(`/api/v1/referrals/${referral.id}/accept`, { version: referral.version }));
  });

  it('a transfer: requested (the receiving unit’s supervisor, not its caseworker)', async () => {
    const caseId = await openCase(CHILDREN[2]!);
    const elbasan = (await db().selectFrom('users').select('organisation_id').where('username', '=', 'b.kasa').executeTakeFirstOrThrow()).organisation_id;
    await step('transfer requested', 'caseworker', ['b.kasa'], 'transfer_waiting', '/transfers',
      (c) => c.post(`/api/v1/cases/${caseId}/transfers`, { toUnitId: elbasan, reason: 'The family moved to Elbasan' }));
  });

  it('the worker sends every e-mail queued above to the local SMTP server, none with the child’s name or birth date', async () => {
    const queued = await db().selectFrom('mail_outbox').select(['to_address', 'subject', 'body']).where('sent_at', 'is', null).execute();
    // Plan: 4, closure: 2, referral: 2, transfer: 1.
    expect(queued.length).toBe(9);
    const result = await sendDueMail(db(), smtpTransport(smtp.url()), new Date(), 100);
    expect(result).toEqual({ sent: 9, failed: 0 });
    expect(smtp.received.map((m) => m.to).sort()).toEqual(queued.map((q) => q.to_address).sort());
    for (const mail of smtp.received) {
      // As its reader sees it (the transfer's e-mail to Besnik Kasa is in Albanian, encoded).
      expect(queued.some((q) => q.subject === mail.subject && mail.text.replace(/\r\n/g, '\n').trim() === q.body.trim()), mail.subject).toBe(true);
      expect(mail.text).toContain(PUBLIC_URL);
      for (const word of CHILD_WORDS) {
        expect(mail.raw).not.toContain(word);
        expect(`${mail.subject}\n${mail.text}`).not.toContain(word);
      }
    }
  });
});
