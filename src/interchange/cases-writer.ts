import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { deadlinesFor } from '../domain/deadlines.ts';
import { openingDeadlines } from '../cases/case-deadlines.ts';
import { IssueList } from './issues.ts';
import type { Counts, WriteOptions, WriteResult } from './record-types.ts';
import { parseInstant } from './values.ts';
import { type Actor, actorName } from '../policy/actor.ts';
import type { Door, Tx } from '../policy/door.ts';
import { UUID, chunks } from './import-batches.ts';
import { dedupe, linkChildren, newBatch, refMatch, refScope, requireImporter, scopeOrder } from './interchange-reach.ts';
import { iso } from '../domain/dates.ts';

/**
 * cases.csv import and export (src/interchange/cases-type.ts validates the file's shape; every
 * statement on cases and children for it lives here). Cases are matched on (country, case_ref),
 * or on their id for a case made in the app (exported with its id as case_ref), so the same file
 * twice changes nothing. A new case gets its deadlines as src/cases/case-open.ts computes them,
 * a risk-level row with source 'import' and an 'opened' step on its timeline. A case made in the
 * app is never changed by a file: its steps go through the workflow, so a difference is refused.
 * A case the file says is `assessed` or `plan_in_force` is past its initial assessment: the
 * import counts it as done at the time of the import (initial_assessment_at, with an
 * 'assessment_recorded' step {kind: 'initial', origin: 'import'}), so it is not shown overdue.
 */

/** Statuses past the initial assessment: a file with one of them says the assessment was done. */
const ASSESSED = sql`('assessed', 'plan_in_force')`;

export type CaseImportRow = {
  line: number;
  ref: string;
  childRef: string;
  unit: string;
  /** Raw times: they are read in the unit's time zone once the unit is known. */
  openedAt: string;
  status: 'open' | 'assessed' | 'plan_in_force' | 'closed';
  riskLevel: 'high' | 'medium' | 'low';
  closedAt: string | null;
  closureReason: 'goals_met' | 'turned_18' | 'transferred' | 'moved_abroad' | 'no_longer_at_risk' | 'died' | 'other' | null;
  now: number;
  onlyCountry: string | null;
};

type Resolved = CaseImportRow & { country: string; unitId: string; zone: string; openedMs: number; closedMs: number | null; childId: string; id: string };

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

type Unit = { id: string; country: string; zone: string };

/** Active Child Protection Units by id and by normalised name (a name two units share is ambiguous). */
async function loadUnits(tx: Tx) {
  const rows = (await sql<{ id: string; name: string; country: string; timezone: string }>`
    SELECT o.id::text AS id, o.name, o.country, j.timezone FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
    WHERE o.is_protection_unit AND o.active`.execute(tx)).rows;
  const byId = new Map<string, Unit>();
  const byName = new Map<string, Unit[]>();
  for (const r of rows) {
    const u = { id: r.id, country: r.country, zone: r.timezone };
    byId.set(r.id.toLowerCase(), u);
    byName.set(norm(r.name), [...(byName.get(norm(r.name)) ?? []), u]);
  }
  return (text: string): Unit | 'unknown' | 'ambiguous' => {
    const hit = UUID.test(text) ? byId.get(text.toLowerCase()) : undefined;
    if (hit) return hit;
    const named = byName.get(norm(text));
    return !named ? 'unknown' : named.length === 1 ? named[0]! : 'ambiguous';
  };
}

/** The importer's rows keyed `${country}\0${ref}`: by ref, then (for id-like refs matching nothing) by id. */
async function byRef(tx: Tx, actor: Actor, table: 'children' | 'cases', pairs: Array<{ country: string; ref: string }>, columns: string) {
  const found = new Map<string, Record<string, unknown> & { id: string }>();
  const t = sql.table(table);
  for (const part of chunks(pairs, 20_000)) {
    const rows = (await sql<Record<string, unknown> & { id: string; country: string; key_ref: string }>`
      SELECT x.country, ${table === 'children' ? sql`coalesce(x.merged_into, x.id)` : sql`x.id`}::text AS id, k.ref AS key_ref ${sql.raw(columns)}
      FROM unnest(${part.map((p) => p.country)}::text[], ${part.map((p) => p.ref)}::text[]) AS k(country, ref)
      JOIN ${t} x ON ${refMatch(actor, 'x', table, false)} ORDER BY ${scopeOrder(actor, 'x')}`.execute(tx)).rows;
    for (const r of rows) found.set(`${r.country}\u0000${r.key_ref}`, r);
  }
  const ids = pairs.filter((p) => UUID.test(p.ref) && !found.has(`${p.country}\u0000${p.ref}`));
  for (const part of chunks(ids, 20_000)) {
    const rows = (await sql<Record<string, unknown> & { id: string; country: string; key_ref: string }>`
      SELECT x.country, ${table === 'children' ? sql`coalesce(x.merged_into, x.id)` : sql`x.id`}::text AS id, k.ref::text AS key_ref ${sql.raw(columns)}
      FROM unnest(${part.map((p) => p.country)}::text[], ${part.map((p) => p.ref.toLowerCase())}::uuid[]) AS k(country, ref)
      JOIN ${t} x ON ${refMatch(actor, 'x', table, true)}`.execute(tx)).rows;
    for (const r of rows) found.set(`${r.country}\u0000${r.key_ref}`, r);
  }
  return found;
}

function instant(issues: IssueList, p: CaseImportRow, column: 'opened_at' | 'closed_at', text: string, zone: string): number | null {
  const at = parseInstant(text, zone);
  if (typeof at === 'string') return null; // shape already checked by the collector
  if (at.ms > p.now) {
    issues.add(p.line, column, 'is in the future');
    return null;
  }
  return at.ms;
}

type ExistingCase = {
  id: string; country: string; key_ref: string; origin: string; child_id: string; unit_id: string; opened_at: Date; status: string;
  previous_status: string | null; risk_level: string; closed_at: Date | null; closure_reason: string | null;
};

/** Writes (or, in a dry run, only counts) the cases of a validated cases.csv. */
export async function writeCases(door: Door, fileRows: CaseImportRow[], options: WriteOptions): Promise<WriteResult> {
  const actor = door.actor;
  requireImporter(door);
  const userId = actor.kind === 'user' ? actor.userId : null;
  return door.transaction(async (tx, audit) => {
    const issues = new IssueList();
    const unitOf = await loadUnits(tx);
    const placed: Array<CaseImportRow & Unit & { openedMs: number; closedMs: number | null }> = [];
    for (const p of fileRows) {
      const u = unitOf(p.unit);
      if (u === 'unknown') issues.add(p.line, 'unit', 'names no active Child Protection Unit (give its name or id)');
      else if (u === 'ambiguous') issues.add(p.line, 'unit', 'names more than one Child Protection Unit; give its id');
      else if (p.onlyCountry && u.country !== p.onlyCountry) issues.add(p.line, 'unit', 'is outside your country');
      // A unit's supervisor imports the unit's own cases; other units' cases come with the CLI.
      else if (actor.kind === 'user' && u.id !== actor.organisationId) issues.add(p.line, 'unit', 'is not your unit');
      if (typeof u === 'string' || (p.onlyCountry && u.country !== p.onlyCountry) || (actor.kind === 'user' && u.id !== actor.organisationId)) continue;
      const openedMs = instant(issues, p, 'opened_at', p.openedAt, u.zone);
      const closedMs = p.closedAt === null ? null : instant(issues, p, 'closed_at', p.closedAt, u.zone);
      if (openedMs === null || (p.closedAt !== null && closedMs === null)) continue;
      if (closedMs !== null && closedMs < openedMs) {
        issues.add(p.line, 'closed_at', 'is before opened_at');
        continue;
      }
      placed.push({ ...p, ...u, openedMs, closedMs });
    }

    const children = await byRef(tx, actor, 'children', placed.map((p) => ({ country: p.country, ref: p.childRef })), '');
    const existing = await byRef(tx, actor, 'cases', placed.map((p) => ({ country: p.country, ref: p.ref })),
      ', x.origin, x.child_id::text AS child_id, x.unit_id::text AS unit_id, x.opened_at, x.status, x.previous_status, x.risk_level, x.closed_at, x.closure_reason') as unknown as Map<string, ExistingCase>;
    const rows: Array<Resolved & { old: ExistingCase | undefined }> = [];
    for (const p of placed) {
      const child = children.get(`${p.country}\u0000${p.childRef}`);
      if (!child) {
        issues.add(p.line, 'child_ref', 'names no child in your records (import signals.csv first)');
        continue;
      }
      const old = existing.get(`${p.country}\u0000${p.ref}`);
      if (old && old.child_id !== child.id) {
        issues.add(p.line, 'child_ref', 'differs from the child of the stored case with this case_ref');
        continue;
      }
      rows.push({ ...p, unitId: p.id, childId: child.id, id: old?.id ?? randomUUID(), old });
    }

    // At most one active case per child, in the file and against the database.
    const activeInFile = new Map<string, number>();
    const fileIds = new Set(rows.map((r) => r.id));
    for (const r of rows) {
      if (r.status === 'closed') continue;
      const k = `${r.country}\u0000${r.childId}`;
      const first = activeInFile.get(k);
      if (first !== undefined) issues.add(r.line, 'child_ref', `has another case not closed in this file (line ${first})`);
      else activeInFile.set(k, r.line);
    }
    const active = rows.filter((r) => r.status !== 'closed');
    if (active.length) {
      const others = (await sql<{ country: string; child_id: string; id: string }>`
        SELECT k.country, k.child_id::text AS child_id, k.id::text AS id FROM cases k
        JOIN unnest(${active.map((r) => r.country)}::text[], ${active.map((r) => r.childId)}::uuid[]) AS u(country, child_id)
          ON k.country = u.country AND k.child_id = u.child_id
        WHERE k.status <> 'closed'`.execute(tx)).rows.filter((o) => !fileIds.has(o.id));
      const busy = new Set(others.map((o) => `${o.country}\u0000${o.child_id}`));
      for (const r of active) if (busy.has(`${r.country}\u0000${r.childId}`)) issues.add(r.line, 'child_ref', 'already has a case not closed in the system');
    }

    // Compare with what is stored; a case made in the app is never changed from a file.
    const tally = new Map<string, Counts>();
    const bump = (country: string, what: keyof Counts) => {
      const c = tally.get(country) ?? { created: 0, updated: 0, unchanged: 0 };
      c[what] += 1;
      tally.set(country, c);
    };
    const created: typeof rows = [];
    const changed: typeof rows = [];
    for (const r of rows) {
      const o = r.old;
      if (!o) {
        created.push(r);
        bump(r.country, 'created');
        continue;
      }
      const status = o.status === 'closure_pending' || o.status === 'transfer_pending' ? o.previous_status : o.status;
      const differs =
        o.opened_at.getTime() !== r.openedMs ? 'opened_at'
        : o.unit_id !== r.unitId ? 'unit'
        : status !== r.status ? 'status'
        : o.risk_level !== r.riskLevel ? 'risk_level'
        : (o.closed_at?.getTime() ?? null) !== r.closedMs ? 'closed_at'
        // A closure requested but not approved is a step inside the app, not part of the file.
        : (o.status === 'closed' ? o.closure_reason : null) !== r.closureReason ? 'closure_reason'
        : null;
      if (!differs) bump(r.country, 'unchanged');
      else if (o.origin !== 'import' || o.status !== status) issues.add(r.line, differs, 'differs from a case managed in the app; change it there');
      else {
        changed.push(r);
        bump(r.country, 'updated');
      }
    }
    if (!issues.empty) {
      issues.items.sort((a, b) => a.line - b.line);
      return { ok: false as const, issues };
    }

    if (!options.dryRun) {
      const withDue = (part: typeof rows) => part.map((r) => {
        const due = openingDeadlines(deadlinesFor(r.country), r.riskLevel, new Date(r.openedMs), r.zone);
        return { ...r, assessDue: iso(due.initialAssessmentDueAt), planDue: iso(due.planDueAt) };
      });
      const columns = (part: ReturnType<typeof withDue>) => sql`unnest(
          ${part.map((r) => r.country)}::text[], ${part.map((r) => r.id)}::uuid[], ${part.map((r) => r.ref)}::text[], ${part.map((r) => r.childId)}::uuid[],
          ${part.map((r) => r.unitId)}::uuid[], ${part.map((r) => r.status)}::text[], ${part.map((r) => r.riskLevel)}::text[],
          ${part.map((r) => iso(r.openedMs))}::timestamptz[], ${part.map((r) => r.assessDue)}::timestamptz[], ${part.map((r) => r.planDue)}::timestamptz[],
          ${part.map((r) => (r.closedMs === null ? null : iso(r.closedMs)))}::timestamptz[], ${part.map((r) => r.closureReason)}::text[])
        AS u(country, id, ref, child_id, unit_id, status, risk_level, opened_at, assess_due, plan_due, closed_at, closure_reason)`;
      const name = actor.kind === 'user' ? actor.username : actorName(actor);
      const orgId = actor.kind === 'user' ? actor.organisationId : null;
      const initialByImport = sql`jsonb_build_object('kind', 'initial', 'origin', 'import')`;
      for (const part of chunks(withDue(created))) {
        await sql`INSERT INTO cases (country, id, ref, child_id, unit_id, status, risk_level, opened_at, opened_by, initial_assessment_due_at,
            initial_assessment_at, plan_due_at, closed_at, closed_by, closure_reason, origin, ref_scope)
          SELECT u.country, u.id, u.ref, u.child_id, u.unit_id, u.status, u.risk_level, u.opened_at, ${userId}::uuid, u.assess_due,
            CASE WHEN u.status IN ${ASSESSED} THEN now() END, u.plan_due,
            u.closed_at, CASE WHEN u.closed_at IS NULL THEN NULL ELSE ${userId}::uuid END, u.closure_reason, 'import', ${refScope(actor)}
          FROM ${columns(part)}`.execute(tx);
        await sql`INSERT INTO case_risk_levels (country, case_id, level, source, set_at, set_by, author_org_id)
          SELECT u.country, u.id, u.risk_level, 'import', u.opened_at, ${userId}::uuid, u.unit_id FROM ${columns(part)}`.execute(tx);
        await sql`INSERT INTO case_events (country, case_id, at, kind, actor_id, actor_name, author_org_id, detail)
          SELECT u.country, u.id, u.opened_at, 'opened', ${userId}::uuid, ${name}, ${orgId}::uuid,
            jsonb_build_object('riskLevel', u.risk_level, 'origin', 'import') FROM ${columns(part)}`.execute(tx);
        await sql`INSERT INTO case_events (country, case_id, kind, actor_id, actor_name, author_org_id, detail)
          SELECT u.country, u.id, 'assessment_recorded', ${userId}::uuid, ${name}, ${orgId}::uuid, ${initialByImport}
          FROM ${columns(part)} WHERE u.status IN ${ASSESSED}`.execute(tx);
        options.onProgress?.(part.length, fileRows.length);
      }
      for (const part of chunks(withDue(changed))) {
        // A changed risk level is a step of the risk history, like any other source.
        await sql`INSERT INTO case_risk_levels (country, case_id, level, source, set_at, set_by, author_org_id)
          SELECT u.country, u.id, u.risk_level, 'import', now(), ${userId}::uuid, u.unit_id FROM ${columns(part)}
          JOIN cases k ON k.country = u.country AND k.id = u.id WHERE k.risk_level <> u.risk_level`.execute(tx);
        // A file that moves a case past its initial assessment counts it done now; back to open, not done.
        await sql`INSERT INTO case_events (country, case_id, kind, actor_id, actor_name, author_org_id, detail)
          SELECT u.country, u.id, 'assessment_recorded', ${userId}::uuid, ${name}, ${orgId}::uuid, ${initialByImport} FROM ${columns(part)}
          JOIN cases k ON k.country = u.country AND k.id = u.id WHERE u.status IN ${ASSESSED} AND k.initial_assessment_at IS NULL`.execute(tx);
        await sql`UPDATE cases k SET unit_id = u.unit_id, status = u.status, risk_level = u.risk_level, opened_at = u.opened_at,
            initial_assessment_at = CASE WHEN u.status IN ${ASSESSED} THEN coalesce(k.initial_assessment_at, now())
              WHEN u.status = 'open' THEN NULL ELSE k.initial_assessment_at END,
            initial_assessment_due_at = u.assess_due, plan_due_at = u.plan_due, closed_at = u.closed_at, closure_reason = u.closure_reason,
            closed_by = CASE WHEN u.closed_at IS NULL THEN NULL ELSE coalesce(k.closed_by, ${userId}::uuid) END,
            version = k.version + 1, updated_at = now()
          FROM ${columns(part)} WHERE k.country = u.country AND k.id = u.id`.execute(tx);
      }
    }
    // The children whose cases this file created or changed: their access history shows the import.
    const batch = newBatch();
    if (!options.dryRun) await linkChildren(tx, batch, dedupe([...created, ...changed].map((r) => ({ country: r.country, id: r.childId }))));
    await audit([...new Set(rows.map((r) => r.country))].sort().map((country) => {
      const c = tally.get(country) ?? { created: 0, updated: 0, unchanged: 0 };
      return {
        chain: country, action: options.dryRun ? 'import_dry_run' : 'import', entity: 'cases', entityId: batch, reason: 'import', outcome: 'ok' as const,
        detail: { rows: options.rows, sha256: options.sha256, cases_created: c.created, cases_updated: c.updated, cases_unchanged: c.unchanged },
      };
    }));
    const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
    for (const c of tally.values()) (Object.keys(counts) as Array<keyof Counts>).forEach((k) => (counts[k] += c[k]));
    return { ok: true as const, counts: { cases: counts } };
  });
}
