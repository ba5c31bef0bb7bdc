import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDoor } from '../policy/door.ts';
import { type Client, type TestApp, readAll, startTestApp } from '../testing/app.ts';
import { exportCsv } from './export.ts';
import { importCsv } from './import.ts';

/**
 * Bulk paths go through the door: an import finds and changes only the importer's own unit's
 * records (a ref or id naming any other record is treated exactly like an unknown one), only a
 * unit's supervisors import, an export carries only the exporter's unit's rows, and every child
 * an import changed or an export carried shows it in its access history. Imported records are
 * history: no overdue flag, no task. Demo units: Korçë (supervisor), Durrës (l.muca), Plovdiv (g.petrov).
 */
const SIGNALS_HEADER = 'signal_ref,received_at,location,source,child_ref,child_given_name,child_family_name,child_sex,child_birth_date,harm_types,place,perpetrators,description';
const CASES_HEADER = 'case_ref,child_ref,opened_at,unit,status,risk_level,closed_at,closure_reason';
const DURRES = 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Durrës';
const KORCE = 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë';

let t: TestApp;
let korce: Client;
let durres: Client;
let plovdiv: Client;
let korceUnit: string;
let korceChild: { id: string; given_name: string; family_name: string; sex: string; birth_date: string | null; version: number };

const upload = (client: Client, type: string, body: string) =>
  client.request('POST', `/api/v1/imports/${type}`, `${body}\n`, { 'content-type': 'text/csv' });

async function childRow(id: string) {
  return (await sql<typeof korceChild & { unit_id: string | null; country: string; ref: string | null }>`
    SELECT id::text AS id, given_name, family_name, sex, birth_date, version, unit_id::text AS unit_id, country, ref
    FROM children WHERE id = ${id}::uuid`.execute(t.database.owner)).rows[0]!;
}

async function history(client: Client, childId: string) {
  const res = await client.get(`/api/v1/children/${childId}/access-history`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{ actorName: string; action: string }>;
}

async function unitId(name: string) {
  return (await sql<{ id: string }>`SELECT id::text AS id FROM organisations WHERE name = ${name}`.execute(t.database.owner)).rows[0]!.id;
}

beforeAll(async () => {
  t = await startTestApp();
  [korce, durres, plovdiv] = await Promise.all([t.login('supervisor'), t.login('l.muca'), t.login('g.petrov')]);
  korceUnit = await unitId(KORCE);
  korceChild = (await sql<typeof korceChild>`
    SELECT id::text AS id, given_name, family_name, sex, birth_date, version FROM children
    WHERE unit_id = ${korceUnit}::uuid ORDER BY created_at, id LIMIT 1`.execute(t.database.owner)).rows[0]!;
  expect(korceChild).toBeDefined();
  // A Korçë child imported country-wide with the CLI under the ref KC-1.
  const cli = await importCsv(t.database.unguarded, systemDoor(t.database.unguarded, 'test-import'), 'signals', [Buffer.from(
    `${SIGNALS_HEADER}\nKS-1,2019-02-01,AL-06-03,police,KC-1,Drita,Koçi,female,2012-01-01,neglect,family,mother,\n` +
    'KS-2,2019-02-02,AL-06-03,police,KC-2,Besa,Koçi,female,2013-01-01,neglect,family,mother,\n')], { dryRun: false });
  expect(cli.ok).toBe(true);
});
afterAll(async () => {
  await t.close();
});

describe('import across units and countries', () => {
  it("a Durrës supervisor naming a Korçë child's id or ref gets what an unknown ref gets, and Korçë's child is untouched", async () => {
    const kc1 = (await sql<{ id: string }>`SELECT id::text AS id FROM children WHERE ref = 'KC-1'`.execute(t.database.owner)).rows[0]!.id;
    const before = [await childRow(korceChild.id), await childRow(kc1)];
    const unknown = '0b9e1c52-5f7a-4d8e-9c1b-2a3d4e5f6a7b';
    const row = (ref: string, childRef: string) => `${ref},2019-03-01,AL-02-01,police,${childRef},Hacked,Name,male,2001-01-01,physical,family,father,`;
    const answers = [];
    for (const [ref, childRef] of [['DS-1', korceChild.id], ['DS-2', 'KC-1'], ['DS-3', unknown]] as const) {
      const res = await upload(durres, 'signals', `${SIGNALS_HEADER}\n${row(ref, childRef)}`);
      expect(res.statusCode).toBe(200);
      answers.push(res.json().counts);
    }
    // The same answer for a Korçë id, a Korçë ref and an id nobody uses: one new child of Durrës.
    for (const a of answers) expect(a).toEqual({ signals: { created: 1, updated: 0, unchanged: 0 }, children: { created: 1, updated: 0, unchanged: 0 } });
    expect([await childRow(korceChild.id), await childRow(kc1)]).toEqual(before);
    const created = (await sql<{ id: string; ref: string; unit_id: string; ref_scope: string }>`
      SELECT c.id::text AS id, c.ref, c.unit_id::text AS unit_id, c.ref_scope FROM children c
      JOIN signal_children sc ON sc.country = c.country AND sc.child_id = c.id JOIN signals s ON s.country = sc.country AND s.id = sc.signal_id
      WHERE s.ref IN ('DS-1', 'DS-2', 'DS-3') ORDER BY s.ref`.execute(t.database.owner)).rows;
    const durresUnit = await unitId(DURRES);
    expect(created.map((c) => [c.ref, c.unit_id, c.ref_scope])).toEqual([
      [korceChild.id, durresUnit, durresUnit], ['KC-1', durresUnit, durresUnit], [unknown, durresUnit, durresUnit],
    ]);
    expect(created.map((c) => c.id)).not.toContain(korceChild.id);
    // Durrës reaches its own signal's child, never Korçë's.
    expect((await durres.get(`/api/v1/children/${korceChild.id}`)).statusCode).toBe(404);
    // The same file again changes nothing (Durrës's own refs now).
    const again = await upload(durres, 'signals', `${SIGNALS_HEADER}\n${row('DS-2', 'KC-1')}`);
    expect(again.json().counts.children).toEqual({ created: 0, updated: 0, unchanged: 1 });
    // Korçë's child's history shows no Durrës import; the Durrës child's history shows its import.
    const korceHistory = await history(korce, korceChild.id);
    expect(korceHistory.length).toBeGreaterThan(0);
    expect(korceHistory.filter((e) => e.actorName === 'l.muca')).toEqual([]);
    const durresHistory = await history(durres, created[0]!.id);
    expect(durresHistory).toContainEqual(expect.objectContaining({ actorName: 'l.muca', action: 'import' }));
  });

  it("a row in another unit's municipality is refused; nothing is stored", async () => {
    const res = await upload(durres, 'signals', `${SIGNALS_HEADER}\nDS-9,2019-03-01,AL-06-03,police,DC-9,A,B,male,2001-01-01,physical,family,father,`);
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([{ line: 2, column: 'location', message: "is not your unit's municipality", code: 'notYourMunicipality' }]);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM signals WHERE ref = 'DS-9'`.execute(t.database.owner)).rows[0]!.n).toBe(0);
  });

  it("cases.csv naming another unit's child is refused exactly like an unknown child; the responsible unit is not blocked", async () => {
    const durresCase = (childRef: string, ref: string) => `${ref},${childRef},2019-03-02,${DURRES},open,high,,`;
    // Refs Durrës never used: another Korçë child's id, Korçë's ref KC-2, and a ref nobody uses.
    const other = (await sql<{ id: string }>`SELECT id::text AS id FROM children WHERE unit_id = ${korceUnit}::uuid AND id <> ${korceChild.id}::uuid
      AND ref IS NULL LIMIT 1`.execute(t.database.owner)).rows[0]!.id;
    const res = await upload(durres, 'cases', [CASES_HEADER, durresCase(other, 'DK-1'), durresCase('KC-2', 'DK-2'), durresCase('NO-SUCH-CHILD', 'DK-3')].join('\n'));
    expect(res.statusCode).toBe(400);
    const message = 'names no child in your records (import signals.csv first)';
    expect(res.json().problems).toEqual([2, 3, 4].map((line) => ({ line, column: 'child_ref', message, code: 'childNotFound' })));
    // Another unit named as the case's unit is refused too.
    const korceUnitNamed = await upload(durres, 'cases', `${CASES_HEADER}\nDK-4,KC-1,2019-03-02,${KORCE},open,high,,`);
    expect(korceUnitNamed.json().problems).toEqual([{ line: 2, column: 'unit', message: 'is not your unit', code: 'notYourUnit' }]);
    const cases = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE ref LIKE 'DK-%'`.execute(t.database.owner);
    expect(cases.rows[0]!.n).toBe(0);
    // Durrës's own child (its ref KC-1) takes a case; Korçë's KC-1 still has none.
    const own = await upload(durres, 'cases', `${CASES_HEADER}\nDK-5,KC-1,2019-03-02,${DURRES},closed,low,2019-04-01,goals_met`);
    expect(own.statusCode).toBe(200);
    const kc = await sql<{ unit: string; n: number }>`
      SELECT ch.unit_id::text AS unit, count(k.id)::int AS n FROM children ch LEFT JOIN cases k ON k.country = ch.country AND k.child_id = ch.id
      WHERE ch.ref = 'KC-1' GROUP BY ch.unit_id ORDER BY 2`.execute(t.database.owner);
    expect(kc.rows).toEqual([{ unit: korceUnit, n: 0 }, { unit: await unitId(DURRES), n: 1 }]);
  });

  it('a Bulgarian supervisor with an Albanian id gets a Bulgarian child of their own; an Albanian child is never reached', async () => {
    const before = await childRow(korceChild.id);
    const res = await upload(plovdiv, 'signals', `${SIGNALS_HEADER}\nBS-1,2019-03-01,BG-16-12,police,${korceChild.id},Иван,Петров,male,2010-01-01,physical,family,father,`);
    expect(res.statusCode).toBe(200);
    expect(res.json().counts.children).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await childRow(korceChild.id)).toEqual(before);
    const cases = await upload(plovdiv, 'cases', `${CASES_HEADER}\nBK-1,KC-1,2019-03-02,Отдел „Закрила на детето“ – Пловдив,open,high,,`);
    expect(cases.json().problems).toEqual([{ line: 2, column: 'child_ref', message: 'names no child in your records (import signals.csv first)', code: 'childNotFound' }]);
    // A row in Albania is outside the Bulgarian supervisor's country.
    const al = await upload(plovdiv, 'signals', `${SIGNALS_HEADER}\nBS-2,2019-03-01,AL-06-03,police,,,,,,physical,,,`);
    expect(al.json().problems).toEqual([{ line: 2, column: 'location', message: 'is outside your country', code: 'outsideCountry' }]);
  });

  it('administrators, monitors and caseworkers may not import; nothing is stored', async () => {
    for (const who of ['admin', 'monitor', 'caseworker']) {
      const res = await upload(await t.login(who), 'signals', `${SIGNALS_HEADER}\nAS-1,2019-03-01,AL-06-03,police,${korceChild.id},X,Y,male,2001-01-01,physical,family,father,`);
      expect(res.statusCode).toBe(403);
    }
    expect(await childRow(korceChild.id)).toMatchObject({ given_name: korceChild.given_name, version: korceChild.version });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM signals WHERE ref = 'AS-1'`.execute(t.database.owner)).rows[0]!.n).toBe(0);
  });
});

describe('export through the door', () => {
  const refsOf = (csv: string) => csv.trimEnd().split('\n').slice(1).map((l) => l.split(',')[0]!);

  it("a supervisor's signals.csv carries every signal of the unit and nothing else, and each child's history shows the export", async () => {
    const res = await korce.get('/api/v1/exports/signals.csv');
    expect(res.statusCode).toBe(200);
    const refs = [...new Set(refsOf(res.body))];
    const own = (await sql<{ ref: string }>`
      SELECT CASE WHEN ref IS NOT NULL AND ref_scope IN ('', ${korceUnit}) THEN ref ELSE id::text END AS ref
      FROM signals WHERE unit_id = ${korceUnit}::uuid`.execute(t.database.owner)).rows.map((r) => r.ref);
    expect(own.length).toBeGreaterThan(1);
    expect(refs.sort()).toEqual(own.sort());
    expect(refs).not.toContain('DS-1');
    expect(res.body).not.toContain('Hacked');
    // Every child in the file: a child of a Korçë signal; its access history shows this export.
    const childIds = (await sql<{ id: string }>`
      SELECT DISTINCT sc.child_id::text AS id FROM signal_children sc JOIN signals s ON s.country = sc.country AND s.id = sc.signal_id
      WHERE s.unit_id = ${korceUnit}::uuid`.execute(t.database.owner)).rows.map((r) => r.id);
    expect(childIds.length).toBeGreaterThan(0);
    for (const id of childIds) {
      expect(await history(korce, id)).toContainEqual(expect.objectContaining({ actorName: 'supervisor', action: 'export' }));
    }
  });

  it("cases.csv and meetings.csv carry only the unit's rows", async () => {
    const cases = await korce.get('/api/v1/exports/cases.csv');
    expect(cases.statusCode).toBe(200);
    const ownCases = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE unit_id = ${korceUnit}::uuid`.execute(t.database.owner)).rows[0]!.n;
    expect(ownCases).toBeGreaterThan(0);
    expect(refsOf(cases.body)).toHaveLength(ownCases);
    expect(cases.body).not.toContain('DK-5');
    const dk5 = await durres.get('/api/v1/exports/cases.csv');
    expect(refsOf(dk5.body)).toEqual(['DK-5']);
    const caseChild = (await sql<{ id: string }>`SELECT child_id::text AS id FROM cases WHERE unit_id = ${korceUnit}::uuid LIMIT 1`.execute(t.database.owner)).rows[0]!.id;
    expect(await history(korce, caseChild)).toContainEqual(expect.objectContaining({ action: 'export' }));

    const meetings = await korce.get('/api/v1/exports/meetings.csv');
    const ownMeetings = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM meetings WHERE unit_id = ${korceUnit}::uuid AND status = 'held'`.execute(t.database.owner)).rows[0]!.n;
    expect(refsOf(meetings.body)).toHaveLength(ownMeetings);
    const durresMeetings = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM meetings WHERE unit_id = ${await unitId(DURRES)}::uuid AND status = 'held'`.execute(t.database.owner)).rows[0]!.n;
    const durresRefs = refsOf((await durres.get('/api/v1/exports/meetings.csv')).body);
    expect(durresRefs).toHaveLength(durresMeetings);
    expect(refsOf(meetings.body).filter((ref) => durresRefs.includes(ref))).toEqual([]);
  });

  it('the CLI (a system handle) exports every record of the jurisdiction, audited as that handle on each child', async () => {
    let csv = '';
    for await (const chunk of exportCsv(systemDoor(t.database.unguarded, 'cli-export'), 'signals', { jurisdiction: 'AL' })) csv += chunk;
    const all = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM signals WHERE country = 'AL'`.execute(t.database.owner)).rows[0]!.n;
    expect(all).toBeGreaterThan(0);
    expect(new Set(refsOf(csv)).size).toBe(all);
    expect(csv).toContain('Hacked');
    const durresChild = (await sql<{ id: string }>`SELECT c.id::text AS id FROM children c WHERE c.ref = 'KC-1' AND c.ref_scope <> ''`.execute(t.database.owner)).rows[0]!.id;
    expect(await history(durres, durresChild)).toContainEqual(expect.objectContaining({ actorName: 'system:cli-export', action: 'export' }));
  });

  it('a national agency (monitor) and an administrator get no child-level file', async () => {
    for (const who of ['monitor', 'd.angelov', 'admin']) {
      const client = await t.login(who);
      for (const file of ['signals.csv', 'meetings.csv', 'cases.csv']) expect((await client.get(`/api/v1/exports/${file}`)).statusCode).toBe(403);
    }
  });
});

describe('imported records are history', () => {
  it('imported 2019 signals show no overdue flag on the list or their page, and put no task anywhere', async () => {
    const file = [SIGNALS_HEADER, ...[1, 2, 3].map((i) => `HS-${i},2019-0${i}-10,AL-06-03,education,HC-${i},Ana,Hoxha,female,2010-01-0${i},neglect,school,unknown,`)].join('\n');
    expect((await upload(korce, 'signals', file)).statusCode).toBe(200);
    const ids = (await sql<{ id: string }>`SELECT id::text AS id FROM signals WHERE ref LIKE 'HS-%' AND ref_scope = ${korceUnit}`.execute(t.database.owner)).rows.map((r) => r.id);
    expect(ids).toHaveLength(3);
    const items = await readAll<{ id: string; overdue: boolean; status: string }>(korce, '/api/v1/signals');
    const imported = items.filter((i) => ids.includes(i.id));
    expect(imported).toHaveLength(3);
    for (const i of imported) expect(i).toMatchObject({ status: 'unscreened', overdue: false });
    const overdue = (await readAll<{ id: string }>(korce, '/api/v1/signals?overdue=true')).map((i) => i.id);
    for (const id of ids) expect(overdue).not.toContain(id);
    for (const id of ids) expect((await korce.get(`/api/v1/signals/${id}`)).json().overdue).toBe(false);
    for (const who of [korce, await t.login('caseworker')]) {
      for (const scope of ['mine', 'unit']) {
        const res = await who.get(`/api/v1/tasks?scope=${scope}`);
        expect(res.statusCode).toBe(200);
        const tasks = res.json().items as Array<{ id: string; link: string }>;
        expect(tasks.filter((x) => ids.some((id) => x.id === id || x.link.includes(id)))).toEqual([]);
      }
    }
  });
});
