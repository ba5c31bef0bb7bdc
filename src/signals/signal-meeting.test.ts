import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { signalBody } from './signal-fixtures.ts';

/**
 * The signal's page offers to convene the initial meeting only while there is none: the unit reads
 * the first meeting held or planned on its signal (cancelled ones left out); its author does not.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the meeting on a signal', () => {
  it('the unit reads none, then the planned one, then it held, none once cancelled; the registering partner never', async () => {
    const partner = await t.login('partner');
    const s = (await partner.post('/api/v1/signals', signalBody())).json();
    const cw = await t.login('caseworker');
    const read = async () => (await cw.get(`/api/v1/signals/${s.id}`)).json();
    expect((await read()).meeting).toBeNull();

    const heldAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await cw.post('/api/v1/meetings', { type: 'initial_signal', heldAt, status: 'planned', signalId: s.id });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect((await read()).meeting).toEqual({ id: m.id, status: 'planned', heldAt: new Date(heldAt).toISOString() });

    const held = await cw.patch(`/api/v1/meetings/${m.id}`, { version: m.version, status: 'held' });
    expect(held.statusCode, held.body).toBe(200);
    expect((await read()).meeting).toMatchObject({ id: m.id, status: 'held' });

    const author = (await partner.get(`/api/v1/signals/${s.id}`)).json();
    expect(author).not.toHaveProperty('meeting');
    expect(author.withheld).not.toContain('meeting');

    const cancelled = await cw.patch(`/api/v1/meetings/${m.id}`, { version: held.json().version, status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await read()).meeting).toBeNull();
  });
});
