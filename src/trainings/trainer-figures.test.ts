import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../domain/deadlines.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { pdfText } from '../testing/pdf-text.ts';

/** The trainings' figures for their keepers (issue 14 §5): the trainer and an administrator, their country or a region, unsuppressed, exported, audited. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

const DAY = 86_400_000;
const from = () => localDay(new Date(Date.now() - 120 * DAY), 'Europe/Tirane');
const to = () => localDay(new Date(Date.now() + 60 * DAY), 'Europe/Tirane');
const period = () => `from=${from()}&to=${to()}`;
type Cell = { value: number | null; suppressed?: true; n?: number };
type Table = { id: string; rows: Array<{ code: string; cells: Cell[] }> };

describe('the trainings figures of the trainer', () => {
  it("gives the trainer the country's figures, nothing hidden and no group sizes, and audits the read", async () => {
    const res = await (await t.login('trainer')).get(`/api/v1/trainings/figures?${period()}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { jurisdiction: string; suppressed: boolean; period: { from: string; to: string }; tables: Table[] };
    expect(body.jurisdiction).toBe('AL');
    expect(body.suppressed).toBe(false);
    expect(body.period).toEqual({ from: from(), to: to() });
    expect(body.tables.map((x) => x.id)).toEqual(['trainings.byRegion', 'trainings.bySector', 'trainings.knowledgeGain', 'trainings.teams']);
    // The Korçë demo session: one session (hidden from a monitor, shown to the trainer), five professionals trained, three certificates.
    const korce = body.tables[0]!.rows.find((r) => r.code === 'AL-06')!;
    expect(korce.cells).toEqual([{ value: 1 }, { value: 5 }, { value: 3 }]);
    expect(res.body).not.toContain('"n"');
    const gain = body.tables.find((x) => x.id === 'trainings.knowledgeGain')!;
    expect(gain.rows.find((r) => r.code === 'multi_agency_collaboration')!.cells[2]).toEqual({ value: 21 });

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'outcome', 'detail']).where('entity', '=', 'trainings_report').execute();
    expect(audit.at(-1)).toMatchObject({ action: 'report', entity_id: 'AL', outcome: 'ok', detail: { report: 'trainings', format: 'json', suppressed: false } });
  });

  it('a region of the country: only its sessions; an administrator too; another country 403, an unknown region 400', async () => {
    const trainer = await t.login('trainer');
    const region = await trainer.get(`/api/v1/trainings/figures?${period()}&jurisdiction=AL-06`);
    expect(region.statusCode, region.body).toBe(200);
    expect((region.json().tables as Table[])[0]!.rows.map((r) => r.code)).toEqual(['AL-06']);
    const elsewhere = await trainer.get(`/api/v1/trainings/figures?${period()}&jurisdiction=AL-11`);
    expect(elsewhere.statusCode).toBe(200);
    // Tiranë: the demo's session to come, nobody trained yet.
    expect((elsewhere.json().tables as Table[])[0]!.rows.map((r) => [r.code, r.cells[1]!.value])).toEqual([['AL-11', 0]]);
    expect((await trainer.get(`/api/v1/trainings/figures?${period()}&jurisdiction=BG`)).statusCode).toBe(403);
    expect((await trainer.get(`/api/v1/trainings/figures?${period()}&jurisdiction=AL-99`)).statusCode).toBe(400);
    const denied = await t.database.db.selectFrom('audit_log').select(['outcome', 'detail']).where('entity', '=', 'trainings_report').where('outcome', '=', 'denied').execute();
    expect(denied.at(-1)!.detail).toMatchObject({ jurisdiction: 'BG' });

    const bg = await (await t.login('k.vasileva')).get(`/api/v1/trainings/figures?${period()}`);
    expect(bg.statusCode, bg.body).toBe(200);
    expect(bg.json().jurisdiction).toBe('BG');
    const admin = await (await t.login('admin')).get(`/api/v1/trainings/figures?${period()}&jurisdiction=AL-06`);
    expect(admin.statusCode, admin.body).toBe(200);
    expect((admin.json().tables as Table[])[0]!.rows[0]!.cells[1]).toEqual({ value: 5 });
  });

  it('answers 400 to a bad period and 403 to other roles (monitors read them in the services report)', async () => {
    const trainer = await t.login('trainer');
    expect((await trainer.get('/api/v1/trainings/figures?from=2026-06-30&to=2026-01-01')).statusCode).toBe(400);
    expect((await trainer.get('/api/v1/trainings/figures?from=2026-13-01&to=2026-12-31')).statusCode).toBe(400);
    expect((await trainer.get('/api/v1/trainings/figures?from=2026-01-01')).statusCode).toBe(400);
    expect((await trainer.get('/api/v1/trainings/figures.csv?from=2026-06-30&to=2026-01-01')).statusCode).toBe(400);
    for (const username of ['caseworker', 'supervisor', 'monitor', 'partner']) {
      const client = await t.login(username);
      expect((await client.get(`/api/v1/trainings/figures?${period()}`)).statusCode, username).toBe(403);
      expect((await client.get(`/api/v1/trainings/figures.csv?${period()}`)).statusCode, username).toBe(403);
    }
    expect((await t.anonymous.get(`/api/v1/trainings/figures?${period()}`)).statusCode).toBe(401);
  });

  it('exports the same tables as CSV, XLSX and PDF, labelled in the language asked for', async () => {
    const trainer = await t.login('trainer');
    const csv = await trainer.get(`/api/v1/trainings/figures.csv?${period()}&jurisdiction=AL-06&lang=en`);
    expect(csv.statusCode, csv.body.slice(0, 200)).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="trainings-figures_AL-06_${from()}_${to()}.csv"`);
    expect(csv.headers['cache-control']).toContain('no-store');
    expect(csv.body).toContain('Sessions and professionals trained, by region');
    expect(csv.body).not.toContain('hidden');

    const xlsx = await trainer.get(`/api/v1/trainings/figures.xlsx?${period()}&lang=sq`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(String(workbook.getWorksheet('AL')!.getCell('A1').value)).toContain('Shifrat e trajnimeve');
    expect(workbook.worksheets.length).toBe(2);

    const pdf = await trainer.get(`/api/v1/trainings/figures.pdf?${period()}&lang=bg`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Данни за обученията');
    expect(text).toContain('Сесии и обучени специалисти по области');

    const formats = await t.database.db.selectFrom('audit_log').select('detail').where('entity', '=', 'trainings_report').execute();
    const got = new Set(formats.map((a) => (a.detail as { format: string }).format));
    expect(['csv', 'xlsx', 'pdf'].filter((f) => !got.has(f))).toEqual([]);
  });
});
