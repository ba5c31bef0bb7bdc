import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../testing/pdf-text.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { grantTo, openTestCase } from './case-fixtures.ts';

/**
 * GET /cases/:id/print.pdf: the case file in the reader's language, with only what the reader
 * may see, the same 404 out of reach as for an unknown case, audited, never cached.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ago = () => new Date(Date.now() - 60_000).toISOString();

async function caseWithWork() {
  const opened = await openTestCase(t);
  const { caseId, client } = opened;
  const assessment = await client.post(`/api/v1/cases/${caseId}/assessments`, { kind: 'initial', assessedAt: ago(), summary: 'Unit-only assessment summary.', childViews: 'Fine.' });
  expect(assessment.statusCode, assessment.body).toBe(201);
  const contact = await client.post(`/api/v1/cases/${caseId}/contacts`, { kind: 'home_visit', occurredAt: ago(), present: ['Mother'], childSeen: true, childHeardAlone: true, childSaid: 'I want to stay at my school.', preferredPlace: 'school' });
  expect(contact.statusCode, contact.body).toBe(201);
  const view = (await client.get(`/api/v1/cases/${caseId}`)).json();
  const closure = await client.post(`/api/v1/cases/${caseId}/closure`, { reason: 'other', note: 'Closure note for the unit only.', version: view.version });
  expect(closure.statusCode, closure.body).toBe(200);
  return { ...opened, childName: `${view.child.givenName} ${view.child.familyName}` };
}

describe('GET /cases/:id/print.pdf', () => {
  it('prints the case file for the unit in the language asked for; attachment named by reference, no-store, audited', async () => {
    const { caseId, childName, client } = await caseWithWork();
    const res = await client.get(`/api/v1/cases/${caseId}/print.pdf?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="case-[A-Za-z0-9._-]+\.pdf"$/);
    expect(disposition).not.toContain(childName.split(' ')[0]);
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = pdfText(res.rawPayload);
    for (const s of ['Case file', 'Confidential', childName, 'Unit-only assessment summary.', 'Home visit', 'seen; heard alone', 'What the child said: I want to stay at my school.', 'Where the child would prefer to meet: At school', 'Closure note for the unit only.', 'Closure waiting for approval', 'Page 1 of 1']) {
      expect(text, s).toContain(s);
    }
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['action', 'reason', 'outcome'])
      .where('entity', '=', 'case').where('entity_id', '=', caseId).where('action', '=', 'print_case').execute();
    expect(audit).toEqual([{ action: 'print_case', reason: 'owner', outcome: 'ok' }]);
  });

  it('in Bulgarian and Albanian when asked; in the reader\'s own language by default', async () => {
    const { caseId, client } = await caseWithWork();
    const bg = pdfText((await client.get(`/api/v1/cases/${caseId}/print.pdf?lang=bg`)).rawPayload);
    for (const s of ['Досие на случая', 'Дата на раждане', 'Водещ социален работник', 'Страница 1 от 1']) expect(bg, s).toContain(s);
    const sq = pdfText((await client.get(`/api/v1/cases/${caseId}/print.pdf?lang=sq`)).rawPayload);
    for (const s of ['Dosja e rastit', 'Data e lindjes', 'Menaxheri i rastit', 'Faqja 1 nga 1']) expect(sq, s).toContain(s);
    const own = await t.database.unguarded.selectFrom('users').select('language').where('username', '=', 'caseworker').executeTakeFirstOrThrow();
    const title = { sq: 'Dosja e rastit', bg: 'Досие на случая', en: 'Case file' }[own.language as 'sq' | 'bg' | 'en'];
    expect(pdfText((await client.get(`/api/v1/cases/${caseId}/print.pdf`)).rawPayload)).toContain(title);
    expect((await client.get(`/api/v1/cases/${caseId}/print.pdf?lang=fr`)).statusCode).toBe(400);
  });

  it("a partner's file lacks what the partner may not see; out of reach is the same 404 as an unknown case", async () => {
    const { caseId, childId, childName } = await caseWithWork();
    await grantTo(t, childId, 'partner', 'meeting');
    const partner = await t.login('partner');
    const res = await partner.get(`/api/v1/cases/${caseId}/print.pdf?lang=en`);
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain(childName);
    expect(text).toContain('Not all of this case is shared with your organisation');
    for (const withheld of ['Unit-only assessment summary.', 'Closure note for the unit only.', 'Home visit', 'I want to stay at my school.', "Supervisor's decisions", 'hidden']) {
      expect(text, withheld).not.toContain(withheld);
    }
    const outsider = await t.login('m.ivanova');
    const out = await outsider.get(`/api/v1/cases/${caseId}/print.pdf`);
    const unknown = await outsider.get('/api/v1/cases/00000000-0000-4000-8000-000000000000/print.pdf');
    expect(out.statusCode).toBe(404);
    expect(out.body).toBe(unknown.body);
    const denied = await t.database.unguarded.selectFrom('audit_log').select('outcome').where('entity', '=', 'case').where('entity_id', '=', caseId).where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});
