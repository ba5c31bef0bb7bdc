import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/audit-log.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { systemDoor } from '../policy/door.ts';
import { computeMonitoringReport } from '../reports/monitoring-report.ts';
import { servicesReportFor } from '../reports/services-report.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { runRetention } from './retention.ts';

/**
 * A retention run over the demo data with every case closed and due (the run's `now` far ahead):
 * the monitoring and services reports are the same before and after, figure by figure; the audit
 * chain verifies; a run stopped after two children, and one that meets a real fault (a CHECK
 * that refuses one child's last write), each leaves every child whole or wholly anonymised, and
 * the next run finishes; a case on legal hold keeps its child.
 */
let t: TestApp;
const FAR = new Date('2100-01-01T00:00:00Z');
const year = new Date().getUTCFullYear();
const periods = [
  ...[year - 2, year - 1, year].map((y) => ({ from: `${y}-01-01`, to: `${y}-12-31` })),
  ...[1, 4, 7, 10].flatMap((m) => [year - 1, year].map((y) => ({ from: `${y}-${String(m).padStart(2, '0')}-01`, to: `${y}-${String(m + 2).padStart(2, '0')}-17` }))),
  { from: '2000-01-01', to: `${year + 1}-12-31` },
];

async function reports() {
  const dir = await demoDirectory(t.database.db);
  const out: unknown[] = [];
  for (const jurisdiction of ['AL', 'BG', 'AL-06', 'BG-16']) {
    for (const p of periods) {
      const r = await computeMonitoringReport(t.database.unguarded, { ...p, jurisdiction } as never, { suppress: false });
      out.push({ ...r, generatedAt: undefined });
    }
  }
  for (const [user, jurisdiction] of [['supervisor', 'AL'], ['g.petrov', 'BG']] as const) {
    for (const p of periods) {
      const r = await servicesReportFor(await dir.door(user), { ...p, jurisdiction }, 'json');
      out.push({ ...r, generatedAt: undefined });
    }
  }
  return out;
}

const childRow = (id: string) => t.database.unguarded.selectFrom('children').select(['given_name', 'family_name', 'birth_date', 'birth_year', 'address', 'anonymised_at'])
  .where('id', '=', id).executeTakeFirstOrThrow();

let heldCase: { id: string; child_id: string; country: string };
let faultChild: string;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.unguarded;
  await sql`UPDATE cases SET status = 'closed', closed_at = opened_at + interval '1 day', closure_reason = 'goals_met' WHERE status <> 'closed'`.execute(db);
  const cases = await db.selectFrom('cases').select(['id', 'child_id', 'country']).orderBy('opened_at').execute();
  heldCase = cases[0]!;
  await db.insertInto('case_legal_holds').values({ country: heldCase.country, case_id: heldCase.id, reason: 'Court proceedings', placed_by_name: 'test' }).execute();
}, 180_000);
afterAll(() => t?.close());

describe('a retention run', () => {
  it('anonymises what is due, child by child, resumes after a stop or a fault, and changes no figure', async () => {
    const db = t.database.unguarded;
    const before = await reports();
    const door = systemDoor(t.database.db, 'retention');
    const children = await db.selectFrom('children as c').select(['c.id', 'c.given_name', 'c.family_name'])
      .where((eb) => eb.exists(eb.selectFrom('cases as k').select('k.id').whereRef('k.child_id', '=', 'c.id'))).execute();
    expect(children.length).toBeGreaterThan(4);

    // Nothing is due today (closed this year); far ahead, all but the held child.
    expect((await runRetention(door, { dryRun: true })).due).toEqual([]);
    const dry = await runRetention(door, { dryRun: true, now: FAR });
    expect(dry.due.length).toBe(children.length - 1);
    expect(dry.held).toBe(1);
    expect(dry.anonymised).toBe(0);
    const listed = JSON.stringify(dry.due);
    for (const c of children) expect(listed).not.toContain(c.family_name);
    expect(dry.due[0]!.cases[0]).toMatchObject({ caseId: expect.any(String), country: expect.stringMatching(/^(AL|BG)$/), closedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), dueOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    expect((await childRow(children[0]!.id)).anonymised_at).toBeNull();

    // A file on the case of the last child due, to be deleted with its content.
    const last = dry.due.at(-1)!;
    faultChild = last.childId;
    const att = await db.insertInto('attachments').values({
      country: last.country, owner_kind: 'case', owner_id: last.cases[0]!.caseId, child_id: last.childId, kind: 'report', file_name: 'report.pdf',
      media_type: 'application/pdf', size_bytes: 3, sha256: '0'.repeat(64),
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('attachment_contents').values({ country: last.country, attachment_id: att.id, key_id: 'k', iv: Buffer.from('iv'), tag: Buffer.from('t'), ciphertext: Buffer.from('abc') }).execute();

    // An emergency access to that child, whose written reason and review may name it.
    const someone = await db.selectFrom('users').select(['id', 'organisation_id']).where('username', '=', 'caseworker').executeTakeFirstOrThrow();
    const unit = await db.selectFrom('children').select('unit_id').where('id', '=', last.childId).executeTakeFirstOrThrow();
    await db.insertInto('break_glass_grants').values({
      country: last.country, child_id: last.childId, user_id: someone.id, organisation_id: someone.organisation_id, unit_id: unit.unit_id ?? someone.organisation_id,
      reason: 'Asked about Zzyzx at the station at night', granted_at: new Date('2000-12-31T22:00:00Z'), expires_at: new Date('2001-01-01T02:00:00Z'),
      review: 'unjustified', review_note: 'Zzyzx was there', reviewed_by: someone.id, reviewed_at: new Date('2001-01-02T00:00:00Z'),
    } as never).execute();

    // Stopped after two children: two done, the others untouched.
    const first = await runRetention(door, { now: FAR, stopAfter: 2 });
    expect(first).toMatchObject({ anonymised: 2, failed: 0, stopped: true });

    // A real fault: the last write of the child with a file (its attachment) breaks a CHECK; that child rolls back whole.
    await sql`ALTER TABLE attachments ADD CONSTRAINT retention_test_fault CHECK (file_name <> 'anonymised') NOT VALID`.execute(t.database.owner);
    const logs: string[] = [];
    const second = await runRetention(door, { now: FAR, log: (m) => logs.push(m) });
    expect(second.failed).toBe(1);
    expect(second.anonymised).toBe(children.length - 1 - 2 - 1);
    const faulty = await childRow(faultChild);
    expect(faulty.anonymised_at).toBeNull();
    expect(faulty.given_name).toBe(children.find((c) => c.id === faultChild)!.given_name);
    expect(await db.selectFrom('signal_children').select('age_at_signal').where('child_id', '=', faultChild).where('age_at_signal', 'is not', null).execute()).toEqual([]);
    expect(await db.selectFrom('attachment_contents').select('attachment_id').execute()).toHaveLength(1);
    for (const c of children) expect(logs.join('\n')).not.toContain(c.family_name);

    await sql`ALTER TABLE attachments DROP CONSTRAINT retention_test_fault`.execute(t.database.owner);
    expect(await runRetention(door, { now: FAR })).toMatchObject({ anonymised: 1, failed: 0, held: 1 });
    // Idempotent: nothing left but the held child.
    expect(await runRetention(door, { now: FAR })).toMatchObject({ anonymised: 0, failed: 0, held: 1, due: [] });

    const gone = await childRow(faultChild);
    expect(gone).toMatchObject({ given_name: '—', family_name: '—', birth_date: null, address: null });
    expect(gone.anonymised_at).not.toBeNull();
    expect(await db.selectFrom('attachment_contents').select('attachment_id').execute()).toEqual([]);
    expect(await db.selectFrom('attachments').select(['file_name', 'removed_reason']).execute()).toEqual([{ file_name: 'anonymised', removed_reason: 'retention' }]);
    expect(await db.selectFrom('break_glass_grants').select(['reason', 'review_note']).where('child_id', '=', faultChild).execute())
      .toEqual([{ reason: '— erased after the retention period —', review_note: '—' }]);
    const held = await childRow(heldCase.child_id);
    expect(held.anonymised_at).toBeNull();
    expect(held.given_name).not.toBe('—');
    const kept = await db.selectFrom('children').select(['birth_year']).where('anonymised_at', 'is not', null).where('birth_year', 'is not', null).execute();
    expect(kept.length).toBeGreaterThan(0);

    // What children said at contacts goes with the rest of the narrative (the demo has some).
    const said = await db.selectFrom('contacts as k').innerJoin('cases as c', (j) => j.onRef('c.country', '=', 'k.country').onRef('c.id', '=', 'k.case_id'))
      .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'c.country').onRef('ch.id', '=', 'c.child_id'))
      .select(['k.child_said', 'ch.anonymised_at']).where('k.child_said', 'is not', null).execute();
    expect(said.filter((k) => k.anonymised_at !== null).length).toBeGreaterThan(0);
    expect(said.filter((k) => k.anonymised_at !== null && k.child_said !== '—')).toEqual([]);

    // Every figure as before.
    expect(await reports()).toEqual(before);

    // The chain verifies; the runs are audited with counts, never names.
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
    const entries = await db.selectFrom('audit_log').select(['action', 'detail', 'child_id']).where('action', 'in', ['retention_run', 'retention_dry_run', 'anonymise']).execute();
    expect(entries.filter((e) => e.action === 'anonymise')).toHaveLength(children.length - 1);
    expect(entries.filter((e) => e.action === 'retention_run').map((e) => e.detail)).toContainEqual({ due: 0, anonymised: 0, failed: 0, held: 1, stopped: false });
    for (const c of children) expect(JSON.stringify(entries)).not.toContain(c.family_name);
  }, 300_000);
});
