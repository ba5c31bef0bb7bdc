import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../policy/actor.ts';
import { type Client, type TestApp, readAll, startTestApp } from '../testing/app.ts';
import { createUser } from './users-service.ts';

/**
 * No one raises their own rights, and every grant of a role that sees child data is shown to
 * the receiving unit's supervisors: through the HTTP API on the real database.
 */
let t: TestApp;
let admin: Client;
const orgs = new Map<string, string>();
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  for (const o of await t.database.unguarded.selectFrom('organisations').select(['id', 'name']).execute()) orgs.set(o.name, o.id);
});
afterAll(() => t.close());

const org = (part: string) => [...orgs].find(([name]) => name.includes(part))![1];
const KORCE_CPU = () => org('Mbrojtjen e Fëmijëve – Bashkia Korçë');
const userRow = (username: string) => t.database.unguarded.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const auditCount = async (action: string) =>
  Number((await t.database.unguarded.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

type Grant = { change: string; roles: string[]; added: string[]; grantedBy: { id: string | null; name: string }; user: { username: string }; organisation: { id: string } };
/** Every grant a supervisor is shown, all pages read (two at a time: the paging is exercised too). */
const grantsSeenBy = (client: Client) => readAll<Grant>(client, '/api/v1/users/role-grants', 2);

describe('an admin cannot raise its own rights', () => {
  it('PATCH of its own roles and organisation is refused with 403, and nothing changes', async () => {
    const me = await userRow('admin');
    const audits = await auditCount('user_update');
    for (const patch of [
      { roles: ['admin', 'supervisor'], organisationId: KORCE_CPU() },
      { roles: ['admin', 'caseworker'] },
      { roles: ['supervisor'] },
      { organisationId: KORCE_CPU() },
      { disabled: true },
      { password: 'a-fresh-admin-secret-77' },
      { displayName: 'Renamed', roles: ['admin', 'partner'] },
    ]) {
      const res = await admin.patch(`/api/v1/users/${me.id}`, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(403);
      expect(res.json().message).toMatch(/own/);
    }
    const after = await userRow('admin');
    expect(after).toEqual(me);
    expect(await auditCount('user_update')).toBe(audits);
    expect((await admin.get('/api/v1/children')).statusCode).toBe(403);
    // The session was not ended either, and the harmless fields stay the admin's own to change.
    const harmless = await admin.patch(`/api/v1/users/${me.id}`, { displayName: 'System admin', language: 'sq', roles: ['admin'], organisationId: me.organisation_id, disabled: false });
    expect(harmless.statusCode).toBe(200);
    expect(harmless.json()).toMatchObject({ displayName: 'System admin', language: 'sq', roles: ['admin'] });
    expect(await t.database.unguarded.selectFrom('role_grants').select('id').where('user_id', '=', me.id).execute()).toEqual([]);
  });
});

describe('grants of roles that see child data are shown to the unit\'s supervisors', () => {
  it('an admin grants the supervisor role to a caseworker: the unit\'s supervisor sees who, what, by whom and when; others do not', async () => {
    const target = await userRow('caseworker');
    const grantsBefore = await auditCount('role_grant');
    const res = await admin.patch(`/api/v1/users/${target.id}`, { roles: ['caseworker', 'supervisor'] });
    expect(res.statusCode).toBe(200);
    expect(await auditCount('role_grant')).toBe(grantsBefore + 1);
    const supervisor = await t.login('supervisor');
    const seen = (await grantsSeenBy(supervisor)).filter((g) => g.user.username === 'caseworker');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      change: 'roles', roles: ['caseworker', 'supervisor'], added: ['supervisor'],
      grantedBy: { id: (await userRow('admin')).id, name: 'admin' }, organisation: { id: KORCE_CPU() },
    });
    expect(Date.now() - new Date((seen[0] as unknown as { grantedAt: string }).grantedAt).getTime()).toBeLessThan(60_000);
    // Reading the list is audited.
    const reads = await auditCount('role_grants_read');
    await supervisor.get('/api/v1/users/role-grants');
    expect(await auditCount('role_grants_read')).toBe(reads + 1);
    // Another unit's supervisor, in the same country and in another, sees none of it.
    for (const other of ['b.kasa', 'g.petrov']) {
      const list = await grantsSeenBy(await t.login(other));
      expect(list.some((g) => g.user.username === 'caseworker')).toBe(false);
    }
    // Taking a role away is no grant.
    const grants = await auditCount('role_grant');
    expect((await admin.patch(`/api/v1/users/${target.id}`, { roles: ['caseworker'] })).statusCode).toBe(200);
    expect(await auditCount('role_grant')).toBe(grants);
  });

  it('an admin turns another admin into a Korçë supervisor and signs in as it: the Korçë supervisor sees the grant', async () => {
    const created = await admin.post('/api/v1/users', { username: 'admin.two', displayName: 'Second Admin', organisationId: org('administrimi'), roles: ['admin'], password: 'Quartz-Ferry-Mosaic-91' });
    expect(created.statusCode).toBe(201);
    const supervisor = await t.login('supervisor');
    expect((await grantsSeenBy(supervisor)).some((g) => g.user.username === 'admin.two')).toBe(false);
    const moved = await admin.patch(`/api/v1/users/${created.json().id}`, { roles: ['admin', 'supervisor'], organisationId: KORCE_CPU() });
    expect(moved.statusCode).toBe(200);
    const accomplice = await t.login('admin.two', 'Quartz-Ferry-Mosaic-91');
    expect((await accomplice.get('/api/v1/children')).statusCode).toBe(200);
    const seen = (await grantsSeenBy(supervisor)).filter((g) => g.user.username === 'admin.two');
    expect(seen).toEqual([expect.objectContaining({ change: 'organisation', roles: ['supervisor'], added: ['supervisor'] })]);
    // The new supervisor sees its own grant too; the second admin cannot undo the first's record.
    expect((await grantsSeenBy(accomplice)).some((g) => g.user.username === 'admin.two')).toBe(true);
  });

  it('a new partner account in a school is shown to the Child Protection Unit of its municipality', async () => {
    const created = await admin.post('/api/v1/users', { username: 'school.counsellor', displayName: 'School Counsellor', organisationId: org('Naim Frashëri'), roles: ['partner'], password: 'Counsel-Birch-Lantern-5' });
    expect(created.statusCode).toBe(201);
    expect((await grantsSeenBy(await t.login('supervisor'))).filter((g) => g.user.username === 'school.counsellor'))
      .toEqual([expect.objectContaining({ change: 'created', roles: ['partner'], added: ['partner'] })]);
    expect((await grantsSeenBy(await t.login('b.kasa'))).some((g) => g.user.username === 'school.counsellor')).toBe(false);
  });

  it('a new unit\'s first supervisor is shown to the supervisors of the units of its municipality', async () => {
    const unit = await admin.post('/api/v1/organisations', { name: 'Njësia e dytë – Korçë', sector: 'social_services', jurisdictionCode: 'AL-06-03', isProtectionUnit: true });
    expect(unit.statusCode).toBe(201);
    const created = await admin.post('/api/v1/users', { username: 'new.unit.head', displayName: 'New Head', organisationId: unit.json().id, roles: ['supervisor'], password: 'Harbour-Violet-Engine-3' });
    expect(created.statusCode).toBe(201);
    expect((await grantsSeenBy(await t.login('supervisor'))).some((g) => g.user.username === 'new.unit.head')).toBe(true);
  });

  it('a password set by an admin for a child-data account, and a grant from the CLI, are shown too', async () => {
    const target = await userRow('caseworker');
    expect((await admin.patch(`/api/v1/users/${target.id}`, { password: 'Reset-Meadow-Cobalt-8' })).statusCode).toBe(200);
    await createUser(t.database.unguarded, systemActor('cli'), { username: 'cli.worker', displayName: 'CLI Worker', organisationId: KORCE_CPU(), roles: ['caseworker'], password: 'Ledger-Willow-Arch-42', language: 'sq' });
    const seen = await grantsSeenBy(await t.login('supervisor'));
    expect(seen.filter((g) => g.user.username === 'caseworker' && g.change === 'password')).toEqual([expect.objectContaining({ added: [], roles: ['caseworker'] })]);
    expect(seen.filter((g) => g.user.username === 'cli.worker')).toEqual([expect.objectContaining({ change: 'created', grantedBy: { id: null, name: 'system:cli' } })]);
    // A grant of a role without child data is no grant.
    expect((await admin.post('/api/v1/users', { username: 'just.monitor', displayName: 'Monitor', organisationId: KORCE_CPU(), roles: ['monitor'], password: 'Glacier-Tulip-Static-6' })).statusCode).toBe(201);
    expect((await grantsSeenBy(await t.login('supervisor'))).some((g) => g.user.username === 'just.monitor')).toBe(false);
  });

  it('only supervisors read the list', async () => {
    for (const role of ['caseworker', 'partner', 'provider', 'police_support', 'monitor', 'trainer', 'admin']) {
      const res = await (await t.login(role, role === 'caseworker' ? 'Reset-Meadow-Cobalt-8' : undefined)).get('/api/v1/users/role-grants');
      expect(res.statusCode, role).toBe(403);
    }
    expect((await t.anonymous.get('/api/v1/users/role-grants')).statusCode).toBe(401);
  });
});
