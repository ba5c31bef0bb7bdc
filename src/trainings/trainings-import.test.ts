import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/** Participants imported from CSV (issue 14 §5): all or nothing, line and column, formula-safe, nothing duplicated. */
let t: TestApp;
let trainer: Client;
let sessionId: string;
beforeAll(async () => {
  t = await startTestApp();
  trainer = await t.login('trainer');
  const m = (await trainer.post('/api/v1/training-modules', { title: 'Child participation', topics: ['child_rights_participation'], hours: 8 })).json();
  sessionId = (await trainer.post('/api/v1/training-sessions', { moduleId: m.id, startsOn: '2026-03-02', endsOn: '2026-03-03', place: 'Korçë', municipalityCode: 'AL-06-03', trainers: ['A. Gjoka'], mode: 'in_person' })).json().id;
});
afterAll(() => t.close());

const HEADER = 'name,sector,organisation,position,municipality';
const participants = async () => (await trainer.get(`/api/v1/training-sessions/${sessionId}`)).json().participants as Array<{ name: string; organisationId: string | null }>;
const importCsv = (csv: string, dryRun = false) => trainer.post(`/api/v1/training-sessions/${sessionId}/participants/import`, { csv, dryRun });

describe('participants from CSV', () => {
  it('a correct file: a dry run stores nothing, the import adds every line; an organisation of Safetynet is recognised', async () => {
    const csv = `${HEADER}\nArta Leka,education,"Shkolla 9-vjeçare „Naim Frashëri“, Korçë",Teacher,AL-06-03\nBesnik Duka,police,Drejtoria Vendore e Policisë Korçë,Inspector,\n`;
    const dry = await importCsv(csv, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ created: 2, dryRun: true });
    expect(await participants()).toEqual([]);
    const done = await importCsv(csv);
    expect(done.json()).toEqual({ created: 2, dryRun: false });
    const list = await participants();
    expect(list.map((p) => p.name)).toEqual(['Arta Leka', 'Besnik Duka']);
    expect(list.every((p) => p.organisationId !== null)).toBe(true);
    const audit = await t.database.unguarded.selectFrom('audit_log').select('action').where('entity', '=', 'training_participant').where('entity_id', '=', sessionId).execute();
    expect(audit.map((a) => a.action)).toContain('import');
  });

  it('the same file again, or a line twice: refused with the line, nothing duplicated', async () => {
    const before = (await participants()).length;
    const again = await importCsv(`${HEADER}\nCarla Meta,health,Qendra Shëndetësore,Nurse,\narta leka,education,"shkolla 9-vjeçare „naim frashëri“, korçë",Teacher,AL-06-03\n`);
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toMatch(/nothing was stored/);
    expect(again.json().issues).toEqual([{ path: 'line 3, column name', message: 'is already a participant of this session (same name and organisation)' }]);
    const twice = await importCsv(`${HEADER}\nDora Kola,ngo,Save the Children,Officer,\nDora Kola,ngo,SAVE THE CHILDREN,Officer,\n`);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().issues).toEqual([{ path: 'line 3, column name', message: 'the same participant (name and organisation) as line 2' }]);
    expect((await participants()).length).toBe(before);
  });

  it('problems by line and column: formulas, unknown sector and municipality, missing cells, a bad header — all or nothing', async () => {
    const before = (await participants()).length;
    const bad = await importCsv(`${HEADER}\n"=HYPERLINK(""http://x"")",education,School,Teacher,\nEra Gjoni,astronaut,School,Teacher,\nFatos Lala,education,,Teacher,\nGenta Rexha,education,School,Teacher,XX-99\nHana Ymeri,education,School\nIlir Zeka,education,School,@SUM(1),\n'=Jona,education,School,Teacher,\n`);
    expect(bad.statusCode).toBe(400);
    const issues = bad.json().issues.map((i: { path: string }) => i.path);
    expect(issues).toEqual(['line 2, column name', 'line 3, column sector', 'line 4, column organisation', 'line 5, column municipality', 'line 6, column position', 'line 7, column position', 'line 8, column name']);
    expect(bad.json().issues[0].message).toMatch(/formula/);
    expect(bad.body).not.toContain('HYPERLINK');
    expect((await participants()).length).toBe(before);
    const header = await importCsv('nom,sector\nA,education\n');
    expect(header.statusCode).toBe(400);
    expect(header.json().issues[0].path).toBe('line 1, column name');
    expect((await importCsv('')).statusCode).toBe(400);
  });

  it('another organisation\'s session 404; other roles 403', async () => {
    expect((await (await t.login('k.vasileva')).post(`/api/v1/training-sessions/${sessionId}/participants/import`, { csv: `${HEADER}\nX Y,ngo,Z,W,\n` })).statusCode).toBe(404);
    expect((await (await t.login('supervisor')).post(`/api/v1/training-sessions/${sessionId}/participants/import`, { csv: `${HEADER}\nX Y,ngo,Z,W,\n` })).statusCode).toBe(403);
  });
});
