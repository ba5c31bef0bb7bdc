import { sql } from 'kysely';
import { type Tally, UUID, auditImport, bump, findByRef, total } from '../interchange/import-batches.ts';
import { linkChildren, newBatch, refMatch, requireImporter, scopeOrder } from '../interchange/interchange-reach.ts';
import { IssueList } from '../interchange/issues.ts';
import type { WriteOptions, WriteResult } from '../interchange/record-types.ts';
import type { Door } from '../policy/door.ts';
import type { TaxonomyCode } from '../domain/taxonomies.ts';

/**
 * residents.csv import (residents-type.ts checks the file's shape). A resident is matched on
 * (country, resident_ref) and compared: the same file twice changes nothing; a stored resident
 * is changed in the app, never by a file (a difference is refused). A new one is written as
 * admitting in the app writes it — the case's placement of kind residential_institution at the
 * institution and the resident — and, with left_on, the placement ends that day and the
 * transition records the target (the placement after it is the case's own record, not this file's).
 */
export type ResidentImportRow = {
  line: number; ref: string; caseRef: string; institution: string; admittedOn: string; reasons: string[];
  parentalRights: string; familyContact: string; leftOn: string | null; target: string | null;
};

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

export async function writeResidents(door: Door, rows: ResidentImportRow[], options: WriteOptions): Promise<WriteResult> {
  requireImporter(door);
  const actor = door.actor;
  return door.transaction(async (tx, audit) => {
    const issues = new IssueList();
    const orgs = await tx.selectFrom('organisations').select(['id', 'name', 'country']).where('sector', '=', 'residential_care').where('active', '=', true).execute();
    const institutionOf = (text: string) => {
      const byId = UUID.test(text) ? orgs.find((o) => o.id === text.toLowerCase()) : undefined;
      const named = orgs.filter((o) => norm(o.name) === norm(text));
      return byId ?? (named.length === 1 ? named[0]! : null);
    };
    const planned: Array<ResidentImportRow & { country: string; institutionId: string }> = [];
    for (const r of rows) {
      const inst = institutionOf(r.institution);
      if (!inst) issues.add(r.line, 'institution', 'names no active residential care institution (give its name or id)');
      else if (actor.kind === 'user' && inst.country !== actor.country) issues.add(r.line, 'institution', 'is outside your country');
      else planned.push({ ...r, country: inst.country, institutionId: inst.id });
    }
    const cases = await findByRef<{ country: string; key_ref: string; id: string; child_id: string }>(tx, planned.map((r) => ({ country: r.country, ref: r.caseRef })), (keys, byId) => sql`
      SELECT x.country, k.ref::text AS key_ref, x.id::text AS id, x.child_id::text AS child_id FROM ${keys}
      JOIN cases x ON ${refMatch(actor, 'x', 'cases', byId)} ORDER BY ${scopeOrder(actor, 'x')}`);
    const stored = new Map((await (planned.length === 0 ? Promise.resolve([]) : tx.selectFrom('institution_residents as r')
      .innerJoin('placements as p', (j) => j.onRef('p.country', '=', 'r.country').onRef('p.id', '=', 'r.placement_id'))
      .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'r.country').onRef('k.id', '=', 'r.case_id'))
      .leftJoin('di_transitions as t', (j) => j.onRef('t.country', '=', 'r.country').onRef('t.resident_id', '=', 'r.id'))
      .select(['r.country', 'r.ref', 'r.case_id', 'k.unit_id', 'p.provider_org_id', 'p.started_on', 'p.ended_on', 'r.admission_reasons', 'r.parental_rights', 'r.family_contact', 't.target'])
      .where('r.ref', 'in', [...new Set(planned.map((r) => r.ref))]).execute())).map((s) => [`${s.country}\u0000${s.ref}`, s]));
    const caseIds = [...new Set([...cases.values()].map((c) => c.id))];
    const current = new Set((await (caseIds.length === 0 ? Promise.resolve([]) : tx.selectFrom('placements').select(['country', 'case_id'])
      .where('ended_on', 'is', null).where('case_id', 'in', caseIds).execute())).map((p) => `${p.country}\u0000${p.case_id}`));
    const tally: Tally = new Map();
    const created: Array<(typeof planned)[number] & { caseId: string; childId: string }> = [];
    const currentInFile = new Map<string, number>();
    for (const r of planned) {
      const kase = cases.get(`${r.country}\u0000${r.caseRef}`);
      if (!kase) {
        issues.add(r.line, 'case_ref', 'names no case in your records (import cases.csv first)');
        continue;
      }
      const old = stored.get(`${r.country}\u0000${r.ref}`);
      if (old) {
        if (actor.kind === 'user' && old.unit_id !== actor.organisationId) {
          issues.add(r.line, 'resident_ref', 'names a resident outside your records');
          continue;
        }
        const same = old.case_id === kase.id && old.provider_org_id === r.institutionId && String(old.started_on) === r.admittedOn
          && (old.ended_on == null ? null : String(old.ended_on)) === r.leftOn && [...old.admission_reasons].sort().join(';') === r.reasons.join(';')
          && old.parental_rights === r.parentalRights && old.family_contact === r.familyContact && (old.target ?? null) === (r.leftOn ? r.target : null);
        if (same) bump(tally, r.country, 'residents', 'unchanged');
        else issues.add(r.line, 'resident_ref', 'differs from the stored resident with this resident_ref; change it in the app');
        continue;
      }
      if (!r.leftOn) {
        const key = `${r.country}\u0000${kase.id}`;
        const other = currentInFile.get(key);
        if (current.has(key) || other !== undefined) {
          issues.add(r.line, 'case_ref', 'already has a current placement');
          continue;
        }
        currentInFile.set(key, r.line);
      }
      created.push({ ...r, caseId: kase.id, childId: kase.child_id });
      bump(tally, r.country, 'residents', 'created');
    }
    if (!issues.empty) {
      issues.items.sort((a, b) => a.line - b.line);
      return { ok: false as const, issues };
    }
    const countries = new Set(planned.map((r) => r.country));
    requireImporter(door, countries);
    const batch = newBatch();
    if (!options.dryRun) {
      const author = { author_id: actor.kind === 'user' ? actor.userId : null };
      for (const r of created) {
        const authorOrg = actor.kind === 'user' ? actor.organisationId : (await tx.selectFrom('cases').select('unit_id').where('country', '=', r.country).where('id', '=', r.caseId).executeTakeFirstOrThrow()).unit_id;
        const placement = await tx.insertInto('placements').values({
          country: r.country, case_id: r.caseId, kind: 'residential_institution', provider_org_id: r.institutionId, started_on: r.admittedOn,
          ended_on: r.leftOn, end_reason: r.leftOn ? `Left the institution: ${r.target}` : null, ...author, author_org_id: authorOrg,
        }).returning('id').executeTakeFirstOrThrow();
        const resident = await tx.insertInto('institution_residents').values({
          country: r.country, ref: r.ref, case_id: r.caseId, placement_id: placement.id, admission_reasons: r.reasons,
          parental_rights: r.parentalRights as 'unknown', family_contact: r.familyContact as 'none', ...author, author_org_id: authorOrg,
        }).returning('id').executeTakeFirstOrThrow();
        if (r.leftOn && r.target) {
          await tx.insertInto('di_transitions').values({ country: r.country, resident_id: resident.id, target: r.target as TaxonomyCode<'diTarget'>, ...author, author_org_id: authorOrg }).execute();
        }
        options.onProgress?.(1, rows.length);
      }
      await linkChildren(tx, batch, created.map((r) => ({ country: r.country, id: r.childId })));
    }
    await auditImport(audit, 'residents', tally, countries, options, batch);
    return { ok: true as const, counts: total(tally, ['residents']) };
  });
}
