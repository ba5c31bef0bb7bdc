import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';

/**
 * A task to link an emergency shelter stay to a case names the child (task-subjects.ts): the
 * responsible unit's reader sees the demo's children Besa and Dea Doda (admitted at the Elbasan
 * shelter before any case), with the stay's reference; other readers' rows are not theirs.
 */
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); }, 120_000);
afterAll(() => t?.close());

type Row = { kind: string; id: string; child: { id: string; name: string | null } | null; childCount: number; subjectRef: string | null };

describe('shelter_case_link tasks', () => {
  it("name the stay's child for the responsible unit, with the stay's reference", async () => {
    const client = await t.login('caseworker');
    const res = await client.get('/api/v1/tasks?scope=unit');
    expect(res.statusCode).toBe(200);
    const rows = (res.json().items as Row[]).filter((r) => r.kind === 'shelter_case_link');
    expect(rows.map((r) => r.child?.name).sort()).toEqual(['Besa Doda', 'Dea Doda']);
    for (const r of rows) {
      expect(r.childCount).toBe(1);
      expect(r.subjectRef).toBe(r.id.slice(0, 8).toUpperCase());
    }
    const stays = await t.database.unguarded.selectFrom('shelter_admissions').select(['id', 'child_id']).where('id', 'in', rows.map((r) => r.id)).execute();
    for (const r of rows) expect(r.child?.id).toBe(stays.find((s) => s.id === r.id)?.child_id);
  });
});
