import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../domain/roles.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/** Organisations: every signed-in user lists them; only the admin creates and changes them. */
let t: TestApp;
let admin: Client;
let regionCode: string;
let municipalityCode: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const j = (level: 'region' | 'municipality') =>
    t.database.unguarded.selectFrom('jurisdictions').select('code').where('country', '=', 'AL').where('level', '=', level).orderBy('code').executeTakeFirstOrThrow();
  regionCode = (await j('region')).code;
  municipalityCode = (await j('municipality')).code;
});
afterAll(() => t.close());

const count = async (table: 'organisations' | 'audit_log') =>
  Number((await t.database.unguarded.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const orgIdByName = async (part: string) =>
  (await t.database.unguarded.selectFrom('organisations').select('id').where('name', 'like', `%${part}%`).executeTakeFirstOrThrow()).id;

describe('listing', () => {
  for (const role of ROLES) {
    it(`${role} lists the organisations`, async () => {
      const client = await t.login(role);
      const res = await client.get('/api/v1/organisations');
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.length).toBe(await count('organisations'));
      expect(Object.keys(items[0]).sort()).toEqual(['active', 'beds', 'country', 'id', 'isProtectionUnit', 'jurisdictionCode', 'jurisdictionName', 'motherChildPlaces', 'name', 'sector']);
    });
  }

  it('filters by country', async () => {
    const bg = await admin.get('/api/v1/organisations?country=BG');
    expect(bg.statusCode).toBe(200);
    const items = bg.json().items as Array<{ country: string; name: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((o) => o.country === 'BG')).toBe(true);
    expect(items.some((o) => o.name.includes('Харманли'))).toBe(true);
    expect((await admin.get('/api/v1/organisations?country=bg')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/organisations?colour=red')).statusCode).toBe(400);
  });

  it('anonymous gets 401', async () => {
    const res = await t.anonymous.get('/api/v1/organisations');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ message: expect.any(String) });
  });
});

describe('admin manages organisations', () => {
  it('creates an organisation (201); its country follows its jurisdiction; audited', async () => {
    const audits = await count('audit_log');
    const res = await admin.post('/api/v1/organisations', { name: '  Qendra e Re  ', sector: 'ngo', jurisdictionCode: municipalityCode });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Qendra e Re', sector: 'ngo', jurisdictionCode: municipalityCode, country: 'AL', isProtectionUnit: false, active: true });
    expect(res.json().jurisdictionName).toMatch(/\S/);
    expect(await count('audit_log')).toBe(audits + 1);
    const list = await admin.get('/api/v1/organisations?country=AL');
    expect(list.json().items.map((o: { id: string }) => o.id)).toContain(res.json().id);
  });

  it('creates a Child Protection Unit at a municipality', async () => {
    const res = await admin.post('/api/v1/organisations', { name: 'Njësia e Re', sector: 'social_services', jurisdictionCode: municipalityCode, isProtectionUnit: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().isProtectionUnit).toBe(true);
  });

  it('refuses a Child Protection Unit at a region code with 400 at jurisdictionCode', async () => {
    const before = await count('organisations');
    for (const code of [regionCode, 'AL', 'BG']) {
      const res = await admin.post('/api/v1/organisations', { name: 'Unit at a region', sector: 'social_services', jurisdictionCode: code, isProtectionUnit: true });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().message).toMatch(/\S/);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['jurisdictionCode']);
    }
    expect(await count('organisations')).toBe(before);
    // Any other organisation may sit at a region.
    const ok = await admin.post('/api/v1/organisations', { name: 'Regional office', sector: 'state_agency', jurisdictionCode: regionCode });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses an unknown jurisdiction with 400 at jurisdictionCode', async () => {
    const before = await count('organisations');
    const res = await admin.post('/api/v1/organisations', { name: 'Nowhere', sector: 'ngo', jurisdictionCode: 'XX-99-99' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['jurisdictionCode']);
    expect(await count('organisations')).toBe(before);
  });

  it('refuses a second organisation of the same name in one jurisdiction with 409', async () => {
    const before = await count('organisations');
    const res = await admin.post('/api/v1/organisations', { name: 'РУ Харманли', sector: 'police', jurisdictionCode: 'BG-26-02' });
    expect(res.statusCode).toBe(409);
    expect(res.json().issues).toEqual([{ path: 'name', message: expect.any(String) }]);
    expect(await count('organisations')).toBe(before);
    // The same name elsewhere is fine.
    expect((await admin.post('/api/v1/organisations', { name: 'РУ Харманли', sector: 'police', jurisdictionCode: 'BG-16-12' })).statusCode).toBe(201);
  });

  it('refuses a sector outside the taxonomy', async () => {
    const res = await admin.post('/api/v1/organisations', { name: 'Odd', sector: 'army', jurisdictionCode: municipalityCode });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['sector']);
  });

  it('patches name, sector and active', async () => {
    const id = await orgIdByName('Qendra Shëndetësore');
    const res = await admin.patch(`/api/v1/organisations/${id}`, { name: 'Qendra Shëndetësore Nr. 2 Korçë', sector: 'education', active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, name: 'Qendra Shëndetësore Nr. 2 Korçë', sector: 'education', active: false });
    const row = await t.database.unguarded.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Qendra Shëndetësore Nr. 2 Korçë', sector: 'education', active: false });
  });

  it('a patch cannot move an organisation or make it a unit', async () => {
    const id = await orgIdByName('Policisë Korçë');
    for (const body of [{ jurisdictionCode: 'BG-26-02' }, { isProtectionUnit: true }, { country: 'BG' }]) {
      const res = await admin.patch(`/api/v1/organisations/${id}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(Object.keys(body));
    }
    const row = await t.database.unguarded.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ jurisdiction_code: 'AL-06-03', is_protection_unit: false, country: 'AL' });
  });

  it('patching an unknown organisation answers 404', async () => {
    const res = await admin.patch('/api/v1/organisations/00000000-0000-4000-8000-000000000000', { name: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ message: expect.any(String) });
  });
});

describe('who may manage organisations', () => {
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    it(`${role} gets 403 on create and patch, and nothing changes`, async () => {
      const client = await t.login(role);
      const before = await count('organisations');
      const id = await orgIdByName('Policisë Korçë');
      const created = await client.post('/api/v1/organisations', { name: `By ${role}`, sector: 'ngo', jurisdictionCode: municipalityCode });
      expect(created.statusCode).toBe(403);
      expect(created.json()).toEqual({ message: expect.any(String) });
      expect((await client.patch(`/api/v1/organisations/${id}`, { active: false })).statusCode).toBe(403);
      expect(await count('organisations')).toBe(before);
      const row = await t.database.unguarded.selectFrom('organisations').select('active').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.active).toBe(true);
    });
  }

  it('anonymous gets 401 on create and patch', async () => {
    const id = await orgIdByName('Policisë Korçë');
    expect((await t.anonymous.post('/api/v1/organisations', { name: 'Anon', sector: 'ngo', jurisdictionCode: municipalityCode })).statusCode).toBe(401);
    expect((await t.anonymous.patch(`/api/v1/organisations/${id}`, { active: false })).statusCode).toBe(401);
  });
});
