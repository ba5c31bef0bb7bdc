import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { startPdf } from '../server/pdf-document.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { multipartBody } from '../testing/multipart.ts';

/**
 * Attachments on a child, a meeting and a contact over the API: upload, list, download (the very
 * bytes, audited), each with the reach of its record — another unit's caseworker gets 404 on all
 * three; an organisation invited to the meeting (the NGO, which the invitation also gives sight of
 * the child and the case) sees the meeting's files, but not the unit's files on the child, and not
 * a contact the unit wrote (contacts are seen by their author's organisation only).
 */
let t: TestApp;
let caseworker: Client;
let supervisor: Client;
let provider: Client;
let otherUnit: Client;
let police: Client;
let childId: string;
let caseId: string;
let meetingId: string;
let contactId: string;
let pdf: Buffer;

async function makePdf(text: string): Promise<Buffer> {
  const { doc, done } = startPdf({ title: 'test', margin: 40 });
  doc.font('body').text(text);
  doc.end();
  return done;
}

function upload(client: Client, fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const { body, contentType } = multipartBody(fields, file);
  return client.request('POST', '/api/v1/attachments', body, { 'content-type': contentType });
}
const list = (client: Client, ownerKind: string, ownerId: string) => client.get(`/api/v1/attachments?ownerKind=${ownerKind}&ownerId=${ownerId}`);
const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((a) => a.id);
const audit = (attachmentId: string) =>
  t.database.unguarded.selectFrom('audit_log').select(['action', 'entity', 'actor_name']).where('entity_id', '=', attachmentId).where('outcome', '=', 'ok').orderBy('seq').execute();

beforeAll(async () => {
  t = await startTestApp({ env: { SAFETYNET_ATTACHMENT_KEY: 'q2cD4CwR3Xw2Qd8VtSp7nqQyW0sJ5d3mZb1kYp4rT6E=' } });
  [caseworker, supervisor, provider, otherUnit, police] = await Promise.all(['caseworker', 'supervisor', 'provider', 'e.cela', 'partner'].map((u) => t.login(u))) as [Client, Client, Client, Client, Client];
  ({ caseId, childId } = await openTestCase(t));
  const orgOf = async (username: string) =>
    (await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', username).executeTakeFirstOrThrow()).organisation_id;
  const meeting = await caseworker.post('/api/v1/meetings', {
    type: 'follow_up', heldAt: new Date(Date.now() + 86_400_000).toISOString(), childIds: [childId], participants: [{ organisationId: await orgOf('provider') }],
  });
  if (meeting.statusCode !== 201) throw new Error(meeting.body);
  meetingId = meeting.json().id;
  const contact = await caseworker.post(`/api/v1/cases/${caseId}/contacts`, {
    kind: 'home_visit', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), present: ['Mother'], childSeen: true, childHeardAlone: true, notes: 'Seen at home.',
  });
  if (contact.statusCode !== 201) throw new Error(contact.body);
  contactId = contact.json().id;
  pdf = await makePdf('A signed consent');
}, 120_000);
afterAll(() => t?.close());

describe('attachments on a child, a meeting and a contact', () => {
  it('a child: the unit uploads, lists and downloads; another unit gets 404; an invited NGO sees the child but not the unit’s file', async () => {
    const res = await upload(caseworker, { ownerKind: 'child', ownerId: childId, kind: 'consent', description: 'Consent of the mother' }, { name: 'consent.pdf', content: pdf });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ kind: 'consent', mediaType: 'application/pdf', sizeBytes: pdf.length, canRemove: true });
    expect(ids(await list(supervisor, 'child', childId))).toContain(file.id);
    const download = await supervisor.get(`/api/v1/attachments/${file.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await audit(file.id)).map((a) => `${a.action} ${a.entity} ${a.actor_name}`)).toEqual(['create attachment caseworker', 'read attachment supervisor']);

    expect((await list(otherUnit, 'child', childId)).statusCode).toBe(404);
    expect((await otherUnit.get(`/api/v1/attachments/${file.id}/content`)).statusCode).toBe(404);
    expect((await upload(otherUnit, { ownerKind: 'child', ownerId: childId, kind: 'other' }, { name: 'x.pdf', content: pdf })).statusCode).toBe(404);
    // The NGO reaches the child through the meeting, but the unit's file is not for it.
    expect((await provider.get(`/api/v1/children/${childId}`)).json().accessReason).toBe('meeting');
    const seen = await list(provider, 'child', childId);
    expect(seen.statusCode).toBe(200);
    expect(ids(seen)).not.toContain(file.id);
    expect((await provider.get(`/api/v1/attachments/${file.id}/content`)).statusCode).toBe(404);
  });

  it('a meeting: everyone invited sees its files; another unit and an organisation not invited get 404', async () => {
    const res = await upload(caseworker, { ownerKind: 'meeting', ownerId: meetingId, kind: 'report', description: 'Minutes' }, { name: 'minutes.pdf', content: pdf });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(ids(await list(caseworker, 'meeting', meetingId))).toEqual([file.id]);
    const seen = await list(provider, 'meeting', meetingId);
    expect(seen.statusCode).toBe(200);
    expect(ids(seen)).toEqual([file.id]);
    const download = await provider.get(`/api/v1/attachments/${file.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await audit(file.id)).map((a) => `${a.action} ${a.actor_name}`)).toEqual(['create caseworker', 'read provider']);

    for (const [who, client] of [['e.cela', otherUnit], ['partner', police]] as const) {
      expect((await list(client, 'meeting', meetingId)).statusCode, who).toBe(404);
      expect((await client.get(`/api/v1/attachments/${file.id}/content`)).statusCode, who).toBe(404);
    }
  });

  it('a contact: the unit uploads, lists and downloads; another unit, and the NGO that reaches the case but not the unit’s contact, get 404', async () => {
    const res = await upload(caseworker, { ownerKind: 'contact', ownerId: contactId, kind: 'photo', description: 'The room' }, { name: 'room.pdf', content: pdf });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(ids(await list(supervisor, 'contact', contactId))).toEqual([file.id]);
    const download = await caseworker.get(`/api/v1/attachments/${file.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await audit(file.id)).map((a) => `${a.action} ${a.actor_name}`)).toEqual(['create caseworker', 'read caseworker']);

    expect((await list(otherUnit, 'contact', contactId)).statusCode).toBe(404);
    expect((await otherUnit.get(`/api/v1/attachments/${file.id}/content`)).statusCode).toBe(404);
    // The NGO reaches the case (through the meeting) but not the unit's contact, nor its file.
    expect((await provider.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await provider.get(`/api/v1/cases/${caseId}/contacts`)).json().items).toEqual([]);
    expect((await list(provider, 'contact', contactId)).statusCode).toBe(404);
    expect((await provider.get(`/api/v1/attachments/${file.id}/content`)).statusCode).toBe(404);
    expect((await upload(provider, { ownerKind: 'contact', ownerId: contactId, kind: 'other' }, { name: 'x.pdf', content: pdf })).statusCode).toBe(404);
  });
});
