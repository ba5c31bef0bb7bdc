import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type Tally, UUID, auditImport, bump, findByRef, total } from '../interchange/import-batches.ts';
import { linkChildren, newBatch, refMatch, requireImporter, scopeOrder } from '../interchange/interchange-reach.ts';
import { IssueList } from '../interchange/issues.ts';
import type { WriteOptions, WriteResult } from '../interchange/record-types.ts';
import type { Door } from '../policy/door.ts';
import { MissingDeadlinesError, deadlinesFor } from '../domain/deadlines.ts';
import type { TaxonomyCode } from '../domain/taxonomies.ts';
import { placementFromAdmission } from './shelter-placement.ts';

/**
 * shelter_admissions.csv import (admissions-type.ts checks the file's shape). An admission is
 * matched on (country, shelter, admission_ref) — or its id, for one made in the app and exported
 * — and compared: the same file twice changes nothing; a stored admission is changed in the app,
 * never by a file (a difference is refused). A new one is written as admitting with a case writes
 * it, and the case's placement of kind emergency_shelter from it by the same function
 * (placementFromAdmission: one record, one number), ended on discharged_on. Historical rows have
 * no time of day: admitted_at is the start of admitted_on in the shelter's time zone; an emergency
 * row was linked to its case (link_due_at from the country's shelterCaseLinkHours, linked_at the
 * import); capacity is not checked for past stays; each row is its own group (no siblings).
 */
export type AdmissionImportRow = {
  line: number; ref: string; caseRef: string; shelter: string; admittedOn: string; referredBy: string; harmTypes: string[]; emergency: boolean;
  companionName: string | null; companionRelation: string | null; dischargedOn: string | null; destination: string | null; dischargedWith: string | null;
};

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const day = (d: string | Date | null) => (d == null ? null : String(d));

export async function writeAdmissions(door: Door, rows: AdmissionImportRow[], options: WriteOptions): Promise<WriteResult> {
  requireImporter(door);
  const actor = door.actor;
  return door.transaction(async (tx, audit) => {
    const issues = new IssueList();
    const shelters = await tx.selectFrom('organisations as o').innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
      .select(['o.id', 'o.name', 'o.country', 'j.timezone']).where('o.sector', '=', 'shelter').where('o.active', '=', true).execute();
    const shelterOf = (text: string) => {
      const byId = UUID.test(text) ? shelters.find((o) => o.id === text.toLowerCase()) : undefined;
      const named = shelters.filter((o) => norm(o.name) === norm(text));
      return byId ?? (named.length === 1 ? named[0]! : null);
    };
    const planned: Array<AdmissionImportRow & { country: string; shelterId: string; timezone: string }> = [];
    for (const r of rows) {
      const s = shelterOf(r.shelter);
      if (!s) issues.add(r.line, 'shelter', 'names no active shelter (give its name or id)');
      else if (actor.kind === 'user' && s.country !== actor.country) issues.add(r.line, 'shelter', 'is outside your country');
      else planned.push({ ...r, country: s.country, shelterId: s.id, timezone: s.timezone });
    }
    const cases = await findByRef<{ country: string; key_ref: string; id: string; child_id: string; unit_id: string }>(tx, planned.map((r) => ({ country: r.country, ref: r.caseRef })), (keys, byId) => sql`
      SELECT x.country, k.ref::text AS key_ref, x.id::text AS id, x.child_id::text AS child_id, x.unit_id::text AS unit_id FROM ${keys}
      JOIN cases x ON ${refMatch(actor, 'x', 'cases', byId)} ORDER BY ${scopeOrder(actor, 'x')}`);
    const refs = [...new Set(planned.map((r) => r.ref))];
    const ids = refs.filter((r) => UUID.test(r)).map((r) => r.toLowerCase());
    const stored = planned.length === 0 ? [] : await tx.selectFrom('shelter_admissions as a')
      .select(['a.country', 'a.id', 'a.ref', 'a.shelter_org_id', 'a.case_id', 'a.child_id', 'a.responsible_unit_id', 'a.admitted_on', 'a.referred_by', 'a.harm_types',
        'a.emergency', 'a.companion_name', 'a.companion_relation', 'a.discharged_on', 'a.destination', 'a.discharged_with'])
      .where((eb) => eb.or([eb('a.ref', 'in', refs), ...(ids.length ? [eb.and([eb('a.ref', 'is', null), eb(sql<string>`a.id::text`, 'in', ids)])] : [])]))
      .execute();
    const storedOf = (r: (typeof planned)[number]) => stored.find((s) => s.country === r.country && s.shelter_org_id === r.shelterId
      && (s.ref === r.ref || (s.ref == null && s.id === r.ref.toLowerCase())));
    const childIds = [...new Set([...cases.values()].map((c) => c.child_id))];
    const caseIds = [...new Set([...cases.values()].map((c) => c.id))];
    const staying = new Set((await (childIds.length === 0 ? Promise.resolve([]) : tx.selectFrom('shelter_admissions').select(['country', 'child_id'])
      .where('discharged_on', 'is', null).where('child_id', 'in', childIds).execute())).map((s) => `${s.country}\u0000${s.child_id}`));
    const current = new Set((await (caseIds.length === 0 ? Promise.resolve([]) : tx.selectFrom('placements').select(['country', 'case_id'])
      .where('ended_on', 'is', null).where('case_id', 'in', caseIds).execute())).map((p) => `${p.country}\u0000${p.case_id}`));
    const tally: Tally = new Map();
    const created: Array<(typeof planned)[number] & { caseId: string; childId: string; unitId: string }> = [];
    const currentInFile = new Set<string>();
    for (const r of planned) {
      const kase = cases.get(`${r.country}\u0000${r.caseRef}`);
      const old = storedOf(r);
      if (old && actor.kind === 'user' && old.responsible_unit_id !== actor.organisationId) {
        issues.add(r.line, 'admission_ref', 'names an admission outside your records');
        continue;
      }
      if (!kase) {
        issues.add(r.line, 'case_ref', 'names no case in your records (import cases.csv first)');
        continue;
      }
      if (old) {
        const same = old.case_id === kase.id && day(old.admitted_on) === r.admittedOn && old.referred_by === r.referredBy
          && [...old.harm_types].sort().join(';') === r.harmTypes.join(';') && old.emergency === r.emergency && old.companion_name === r.companionName
          && old.companion_relation === r.companionRelation && day(old.discharged_on) === r.dischargedOn && old.destination === r.destination
          && old.discharged_with === r.dischargedWith;
        if (same) bump(tally, r.country, 'shelter_admissions', 'unchanged');
        else issues.add(r.line, 'admission_ref', 'differs from the stored admission with this admission_ref; change it in the app');
        continue;
      }
      if (!r.dischargedOn) {
        const child = `${r.country}\u0000${kase.child_id}`;
        const kk = `${r.country}\u0000${kase.id}`;
        if (staying.has(child) || currentInFile.has(child)) {
          issues.add(r.line, 'case_ref', 'is already staying in a shelter (a current admission)');
          continue;
        }
        if (current.has(kk)) {
          issues.add(r.line, 'case_ref', 'already has a current placement');
          continue;
        }
        currentInFile.add(child);
      }
      created.push({ ...r, caseId: kase.id, childId: kase.child_id, unitId: kase.unit_id });
      bump(tally, r.country, 'shelter_admissions', 'created');
    }
    if (!issues.empty) {
      issues.items.sort((a, b) => a.line - b.line);
      return { ok: false as const, issues };
    }
    const countries = new Set(planned.map((r) => r.country));
    requireImporter(door, countries);
    const batch = newBatch();
    if (!options.dryRun) {
      const authorId = actor.kind === 'user' ? actor.userId : null;
      for (const r of created) {
        const start = sql<Date>`(${r.admittedOn}::date::timestamp AT TIME ZONE ${r.timezone})`;
        let hours: number | null = null;
        if (r.emergency) {
          hours = deadlinesFor(r.country).shelterCaseLinkHours ?? null;
          if (hours === null) throw new MissingDeadlinesError(r.country);
        }
        const row = await tx.insertInto('shelter_admissions').values({
          country: r.country, ref: r.ref, shelter_org_id: r.shelterId, child_id: r.childId, group_id: randomUUID(),
          companion_name: r.companionName, companion_relation: r.companionRelation as 'mother' | null,
          admitted_at: start, admitted_on: r.admittedOn, referred_by: r.referredBy as 'unit_case', harm_types: r.harmTypes as Array<TaxonomyCode<'harmType'>>,
          emergency: r.emergency, responsible_unit_id: r.unitId, case_id: r.caseId, linked_at: new Date(),
          link_due_at: hours === null ? null : sql<Date>`${start} + make_interval(hours => ${hours})`,
          discharged_on: r.dischargedOn, destination: r.destination as 'family' | null, discharged_with: r.dischargedWith, author_id: authorId,
        }).returning(['id', 'country', 'shelter_org_id', 'admitted_on', 'discharged_on', 'author_id']).executeTakeFirstOrThrow();
        await placementFromAdmission(door, tx, row, r.caseId);
        options.onProgress?.(1, rows.length);
      }
      await linkChildren(tx, batch, created.map((r) => ({ country: r.country, id: r.childId })));
    }
    await auditImport(audit, 'shelter_admissions', tally, countries, options, batch);
    return { ok: true as const, counts: total(tally, ['shelter_admissions']) };
  });
}
