import { randomUUID } from 'node:crypto';
import { checkRef } from '../interchange/common-checks.ts';
import { requireExporter } from '../interchange/export-pages.ts';
import { type Tally, UUID, auditImport, bump, total } from '../interchange/import-batches.ts';
import { requireImporter } from '../interchange/interchange-reach.ts';
import { IssueList } from '../interchange/issues.ts';
import { type Cells, type Collector, type ExportQuery, type RecordType, type ValidateContext, type WriteOptions, type WriteResult, registerRecordType } from '../interchange/record-types.ts';
import type { Door } from '../policy/door.ts';
import { insertActivity } from './activities.ts';
import { jurisdictionCovers } from './prevention-reach.ts';
import { ActivityInput, REACH_AGE_GROUPS, REACH_SEXES } from './prevention-schema.ts';

/**
 * prevention_activities.csv (issue 14 §4) in the interchange rules of DOMAIN.md: idempotent on
 * (organisation, activity_ref) — the same file twice changes nothing, a stored activity that
 * differs is refused (change it in the app) —, all or nothing, problems by line and column.
 * `organisation` names the recording organisation (its name or id): a unit's supervisor imports its
 * own unit's activities; the CLI (a system handle) any organisation's. Children reached are one
 * column per sex and age group (girls_0_3 … boys_17_18), blank for none.
 */
const reachColumn = (sex: string, age: string) => `${sex === 'female' ? 'girls' : 'boys'}_${age.replace('-', '_')}`;
const REACH_COLUMNS = REACH_AGE_GROUPS.flatMap((age) => REACH_SEXES.map((sex) => reachColumn(sex, age)));
export const PREVENTION_COLUMNS = [
  'activity_ref', 'organisation', 'held_on', 'place', 'municipality', 'topic', 'title', 'facilitators',
  ...REACH_COLUMNS, 'parents', 'teachers', 'professionals', 'children_co_organised',
] as const;

const COLUMN_OF: Record<string, string> = { ref: 'activity_ref', heldOn: 'held_on', place: 'place', municipalityCode: 'municipality', topic: 'topic', title: 'title', facilitators: 'facilitators', childrenCoOrganised: 'children_co_organised' };
type Row = { line: number; ref: string; organisation: string; input: ActivityInput; key: string };
/** What an activity is, for the comparison with a stored one or another line (ref and organisation aside). */
const shape = (i: ActivityInput) => JSON.stringify([i.heldOn, i.place, i.municipalityCode, i.topic, i.title, i.facilitators, [...i.childrenReached].sort((a, b) => `${a.ageGroup}${a.sex}`.localeCompare(`${b.ageGroup}${b.sex}`)), i.adults, i.childrenCoOrganised]);

class PreventionCollector implements Collector {
  readonly rows = new Map<string, Row>();
  constructor(private readonly ctx: ValidateContext) {}

  row(cells: Cells, line: number): void {
    const { issues } = this.ctx;
    const before = issues.total;
    const ref = checkRef(this.ctx, cells, 'activity_ref', line);
    const organisation = cells('organisation');
    if (organisation === '') issues.add(line, 'organisation', 'is required');
    const count = (column: string): number => {
      const v = cells(column);
      if (v === '') return 0;
      if (!/^\d{1,6}$/.test(v)) { issues.add(line, column, 'must be a whole number'); return 0; }
      return Number(v);
    };
    const flag = cells('children_co_organised').toLowerCase();
    if (!['true', 'false', ''].includes(flag)) issues.add(line, 'children_co_organised', 'must be true or false');
    const childrenReached = REACH_AGE_GROUPS.flatMap((ageGroup) => REACH_SEXES.map((sex) => ({ ageGroup, sex, children: count(reachColumn(sex, ageGroup)) }))).filter((c) => c.children > 0);
    const candidate = {
      ref, heldOn: cells('held_on'), place: cells('place'), municipalityCode: cells('municipality'), topic: cells('topic'), title: cells('title'),
      facilitators: cells('facilitators').split(';').map((s) => s.trim()).filter(Boolean), childrenReached,
      adults: { parents: count('parents'), teachers: count('teachers'), professionals: count('professionals') }, childrenCoOrganised: flag === 'true',
    };
    const parsed = ActivityInput.safeParse(candidate);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const [head, second] = i.path.map(String);
        const column = head === 'adults' ? second! : head === 'childrenReached' ? REACH_COLUMNS[0]! : COLUMN_OF[head ?? ''] ?? 'activity_ref';
        issues.add(line, column, i.message === 'an activity reaches at least one child or adult' ? 'no child or adult reached: give at least one count' : i.message);
      }
    }
    if (issues.total !== before || !ref || !parsed.success) return;
    const key = `${organisation.toLowerCase()}\u0000${ref}`;
    const known = this.rows.get(key);
    if (!known) this.rows.set(key, { line, ref, organisation, input: parsed.data, key });
    else if (shape(known.input) !== shape(parsed.data)) issues.add(line, 'activity_ref', `differs from line ${known.line} for the same activity_ref`);
  }

  write(door: Door, options: WriteOptions): Promise<WriteResult> {
    return writePrevention(door, [...this.rows.values()], options);
  }
}

async function writePrevention(door: Door, rows: Row[], options: WriteOptions): Promise<WriteResult> {
  requireImporter(door);
  const actor = door.actor;
  return door.transaction(async (tx, audit) => {
    const issues = new IssueList();
    const orgs = await tx.selectFrom('organisations').select(['id', 'name', 'country', 'jurisdiction_code']).where('active', '=', true).execute();
    const places = new Map((await tx.selectFrom('jurisdictions').select(['code', 'parent_code', 'country']).where('level', '=', 'municipality').execute()).map((j) => [j.code, j]));
    const tally: Tally = new Map();
    const planned: Array<Row & { org: (typeof orgs)[number]; region: string }> = [];
    for (const r of rows) {
      const named = orgs.filter((o) => o.name.toLowerCase() === r.organisation.toLowerCase());
      const org = UUID.test(r.organisation) ? orgs.find((o) => o.id === r.organisation.toLowerCase()) : named.length === 1 ? named[0] : undefined;
      if (!org) { issues.add(r.line, 'organisation', 'names no active organisation (give its name or id)'); continue; }
      if (actor.kind === 'user' && org.id !== actor.organisationId) { issues.add(r.line, 'organisation', 'is not your organisation'); continue; }
      const m = places.get(r.input.municipalityCode);
      if (!m || m.country !== org.country) { issues.add(r.line, 'municipality', "is not a municipality of the organisation's country"); continue; }
      if (!jurisdictionCovers(org.jurisdiction_code, { code: m.code, region: m.parent_code!, country: m.country })) { issues.add(r.line, 'municipality', "is outside the organisation's jurisdiction"); continue; }
      planned.push({ ...r, org, region: m.parent_code! });
    }
    const refs = [...new Set(planned.map((r) => r.ref))];
    const stored = refs.length === 0 ? [] : await tx.selectFrom('prevention_activities').select(['id', 'country', 'org_id', 'ref']).where('ref', 'in', refs).execute();
    const reach = stored.length === 0 ? [] : await tx.selectFrom('prevention_reach').selectAll().where('activity_id', 'in', stored.map((s) => s.id)).execute();
    const full = stored.length === 0 ? [] : await tx.selectFrom('prevention_activities').selectAll().where('id', 'in', stored.map((s) => s.id)).execute();
    const storedShape = new Map(full.map((a) => [`${a.org_id}\u0000${a.ref}`, shape({
      heldOn: a.held_on, place: a.place, municipalityCode: a.municipality_code, topic: a.topic, title: a.title, facilitators: a.facilitators,
      childrenReached: reach.filter((c) => c.activity_id === a.id).map((c) => ({ ageGroup: c.age_group, sex: c.sex, children: c.children })),
      adults: { parents: a.parents, teachers: a.teachers, professionals: a.professionals }, childrenCoOrganised: a.children_co_organised,
    })]));
    const toCreate: typeof planned = [];
    for (const r of planned) {
      const old = storedShape.get(`${r.org.id}\u0000${r.ref}`);
      if (old === undefined) toCreate.push(r);
      else if (old === shape(r.input)) bump(tally, r.org.country, 'prevention_activities', 'unchanged');
      else issues.add(r.line, 'activity_ref', 'differs from the stored activity with this activity_ref; change it in the app');
    }
    if (!issues.empty) return { ok: false as const, issues };
    for (const r of toCreate) {
      if (!options.dryRun) await insertActivity(tx, { country: r.org.country, organisationId: r.org.id, userId: actor.kind === 'user' ? actor.userId : null }, r.region, r.input);
      bump(tally, r.org.country, 'prevention_activities', 'created');
    }
    await auditImport(audit, 'prevention_activities', tally, new Set(planned.map((r) => r.org.country)), options, randomUUID());
    return { ok: true as const, counts: total(tally, ['prevention_activities']) };
  });
}

/** The exporter's organisation's activities (a system handle: all), in the period and jurisdiction, oldest first. */
async function* exportPreventionRows(door: Door, query: ExportQuery): AsyncGenerator<string[][]> {
  requireExporter(door, query);
  const { actor } = door;
  const rows = await door.transaction(async (tx, audit) => {
    const j = query.jurisdiction;
    const found = await tx.selectFrom('prevention_activities as a').innerJoin('organisations as o', 'o.id', 'a.org_id').selectAll('a').select('o.name as org_name')
      .$if(actor.kind === 'user', (q) => q.where('a.org_id', '=', actor.kind === 'user' ? actor.organisationId : ''))
      .$if(Boolean(j), (q) => q.where((eb) => eb.or([eb('a.country', '=', j!), eb('a.region_code', '=', j!), eb('a.municipality_code', '=', j!)])))
      .$if(Boolean(query.from), (q) => q.where('a.held_on', '>=', query.from!))
      .$if(Boolean(query.to), (q) => q.where('a.held_on', '<=', query.to!))
      .orderBy('a.held_on').orderBy('a.created_at').orderBy('a.id').execute();
    const reach = found.length === 0 ? [] : await tx.selectFrom('prevention_reach').selectAll().where('activity_id', 'in', found.map((a) => a.id)).execute();
    const chain = actor.kind === 'user' ? actor.country : (j ? j.slice(0, 2) : 'system');
    await audit([{ chain, action: 'export', entity: 'prevention_activities', reason: 'export', outcome: 'ok', detail: { rows: found.length, jurisdiction: j ?? null, from: query.from ?? null, to: query.to ?? null } }]);
    return found.map((a) => ({ a, reach: reach.filter((c) => c.activity_id === a.id) }));
  });
  if (rows.length === 0) return;
  yield rows.map(({ a, reach }) => [
    a.ref ?? a.id, a.org_name, a.held_on, a.place, a.municipality_code, a.topic, a.title, a.facilitators.join(';'),
    ...REACH_AGE_GROUPS.flatMap((age) => REACH_SEXES.map((sex) => { const n = reach.find((c) => c.age_group === age && c.sex === sex)?.children; return n ? String(n) : ''; })),
    String(a.parents), String(a.teachers), String(a.professionals), String(a.children_co_organised),
  ]);
}

export const preventionType: RecordType = {
  name: 'prevention_activities',
  columns: PREVENTION_COLUMNS,
  collect: (ctx) => new PreventionCollector(ctx),
  exportRows: (door, query) => exportPreventionRows(door, query),
};

registerRecordType(preventionType);
