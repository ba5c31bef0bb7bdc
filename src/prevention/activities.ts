import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import type { Door, Tx } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';
import { activityInReach, jurisdictionCovers, mayRecordPrevention } from './prevention-reach.ts';
import type { ActivityInput, ActivityQuery, ActivityView, ReachCell } from './prevention-schema.ts';

/**
 * Prevention activities: recorded by unit, provider and NGO staff for a municipality of their
 * jurisdiction, read through the Door with an audit entry per read and write (src/policy/door.ts).
 * Aggregate counts only: nothing here names a child.
 */

function activityQuery(tx: Tx | Transaction<DB>, door: Door) {
  return tx
    .selectFrom('prevention_activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select(['o.name as org_name', 'u.display_name as author_name'])
    .where(activityInReach(door.actor));
}
type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityQuery>['executeTakeFirstOrThrow']>>;

async function reachOf(tx: Tx | Transaction<DB>, rows: ActivityRow[]): Promise<Map<string, ReachCell[]>> {
  const out = new Map<string, ReachCell[]>();
  if (rows.length === 0) return out;
  const cells = await tx.selectFrom('prevention_reach').select(['activity_id', 'age_group', 'sex', 'children'])
    .where('country', 'in', [...new Set(rows.map((r) => r.country))]).where('activity_id', 'in', rows.map((r) => r.id))
    .orderBy('age_group').orderBy('sex').execute();
  for (const c of cells) {
    const list = out.get(c.activity_id) ?? [];
    list.push({ ageGroup: c.age_group as ReachCell['ageGroup'], sex: c.sex as ReachCell['sex'], children: c.children });
    out.set(c.activity_id, list);
  }
  return out;
}

function activityView(door: Door, r: ActivityRow, reach: ReachCell[]): ActivityView {
  const adults = { parents: r.parents, teachers: r.teachers, professionals: r.professionals };
  return {
    id: r.id, country: r.country, ref: r.ref, orgId: r.org_id, orgName: r.org_name,
    heldOn: r.held_on,
    place: r.place, municipalityCode: r.municipality_code, regionCode: r.region_code, topic: r.topic, title: r.title,
    facilitators: r.facilitators, childrenReached: reach, adults, childrenCoOrganised: r.children_co_organised,
    totals: { children: reach.reduce((s, c) => s + c.children, 0), adults: adults.parents + adults.teachers + adults.professionals },
    authorName: r.author_name ?? null, createdAt: iso(r.created_at), version: r.version,
    editable: door.actor.kind === 'user' && door.actor.organisationId === r.org_id,
  };
}

export async function listActivities(door: Door, q: ActivityQuery): Promise<{ items: ActivityView[]; total: number }> {
  if (!mayRecordPrevention(door.actor)) throw new ForbiddenError('Only unit, provider and NGO staff read prevention activities');
  const actor = door.actor;
  return door.read(async (tx, audit) => {
    let base = activityQuery(tx, door);
    if (q.from) base = base.where('a.held_on', '>=', q.from);
    if (q.to) base = base.where('a.held_on', '<=', q.to);
    if (q.municipality) base = base.where('a.municipality_code', '=', q.municipality);
    if (q.topic) base = base.where('a.topic', '=', q.topic);
    const total = Number((await base.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base.orderBy('a.held_on', 'desc').orderBy('a.created_at', 'desc').orderBy('a.id').limit(q.limit).offset(q.offset).execute();
    const reach = await reachOf(tx, rows);
    await audit([{ chain: actor.country, action: 'list', entity: 'prevention_activity', reason: 'organisation', outcome: 'ok', detail: { count: rows.length } }]);
    return { items: rows.map((r) => activityView(door, r, reach.get(r.id) ?? [])), total };
  });
}

export async function getActivity(door: Door, id: string): Promise<ActivityView> {
  if (!mayRecordPrevention(door.actor)) throw new ForbiddenError('Only unit, provider and NGO staff read prevention activities');
  return door.read(async (tx, audit) => {
    const row = await activityQuery(tx, door).where('a.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('prevention activity');
    await audit([{ chain: row.country, action: 'read', entity: 'prevention_activity', entityId: row.id, reason: 'organisation', outcome: 'ok' }]);
    return activityView(door, row, (await reachOf(tx, [row])).get(row.id) ?? []);
  });
}

/** The municipality of the actor's country and jurisdiction, or a 400 naming municipalityCode. */
export async function municipalityFor(tx: Tx | Transaction<DB>, actor: { country: string; jurisdictionCode: string }, code: string, path = 'municipalityCode') {
  const m = await tx.selectFrom('jurisdictions').select(['code', 'parent_code', 'country', 'level']).where('code', '=', code).executeTakeFirst();
  if (!m || m.level !== 'municipality' || m.country !== actor.country) throw new InputError('Not a municipality of your country', [{ path, message: 'is not a municipality of your country' }]);
  if (!jurisdictionCovers(actor.jurisdictionCode, { code: m.code, region: m.parent_code!, country: m.country })) {
    throw new InputError("Outside your organisation's jurisdiction", [{ path, message: "is outside your organisation's jurisdiction" }]);
  }
  return { code: m.code, region: m.parent_code! };
}

/** Writes a new activity in the caller's transaction (the API and the import): its id. */
export async function insertActivity(tx: Tx | Transaction<DB>, actor: { country: string; organisationId: string; userId: string | null }, region: string, input: ActivityInput): Promise<string> {
  const { id } = await tx.insertInto('prevention_activities').values({
    country: actor.country, ref: input.ref ?? null, org_id: actor.organisationId, held_on: input.heldOn, place: input.place,
    municipality_code: input.municipalityCode, region_code: region, topic: input.topic, title: input.title,
    facilitators: input.facilitators, parents: input.adults.parents, teachers: input.adults.teachers, professionals: input.adults.professionals,
    children_co_organised: input.childrenCoOrganised, author_id: actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  if (input.childrenReached.length > 0) {
    await tx.insertInto('prevention_reach').values(input.childrenReached.map((c) => ({ country: actor.country, activity_id: id, age_group: c.ageGroup, sex: c.sex, children: c.children }))).execute();
  }
  return id;
}

export async function recordActivity(door: Door, input: ActivityInput): Promise<ActivityView> {
  const actor = door.actor;
  if (!mayRecordPrevention(actor)) throw new ForbiddenError('Only unit, provider and NGO staff record prevention activities');
  const id = await door.transaction(async (tx, audit) => {
    const m = await municipalityFor(tx, actor, input.municipalityCode);
    if (input.ref) {
      const dup = await tx.selectFrom('prevention_activities').select('id').where('country', '=', actor.country).where('org_id', '=', actor.organisationId).where('ref', '=', input.ref).executeTakeFirst();
      if (dup) throw new ConflictError('Your organisation already has an activity with this reference', { id: dup.id });
    }
    const created = await insertActivity(tx, { country: actor.country, organisationId: actor.organisationId, userId: actor.userId }, m.region, input);
    await audit([{ chain: actor.country, action: 'create', entity: 'prevention_activity', entityId: created, reason: 'organisation', outcome: 'ok', detail: { topic: input.topic, municipality: input.municipalityCode } }]);
    return created;
  });
  return getActivity(door, id);
}

export async function updateActivity(door: Door, id: string, input: ActivityInput, version: number): Promise<ActivityView> {
  const actor = door.actor;
  if (!mayRecordPrevention(actor)) throw new ForbiddenError('Only unit, provider and NGO staff record prevention activities');
  await door.transaction(async (tx, audit) => {
    const row = await activityQuery(tx, door).where('a.id', '=', id).modifyEnd(sql`FOR UPDATE OF a`).executeTakeFirst();
    if (!row) throw new NotFoundError('prevention activity');
    if (row.org_id !== actor.organisationId) throw new ForbiddenError('Only the organisation that recorded an activity changes it');
    if (row.version !== version) throw new ConflictError('The activity was changed meanwhile', { current: activityView(door, row, (await reachOf(tx, [row])).get(row.id) ?? []) });
    const m = await municipalityFor(tx, actor, input.municipalityCode);
    if (input.ref && input.ref !== row.ref) {
      const dup = await tx.selectFrom('prevention_activities').select('id').where('country', '=', actor.country).where('org_id', '=', actor.organisationId).where('ref', '=', input.ref).executeTakeFirst();
      if (dup) throw new ConflictError('Your organisation already has an activity with this reference', { id: dup.id });
    }
    await tx.updateTable('prevention_activities').set({
      ref: input.ref ?? null, held_on: input.heldOn, place: input.place, municipality_code: input.municipalityCode, region_code: m.region, topic: input.topic,
      title: input.title, facilitators: input.facilitators, parents: input.adults.parents, teachers: input.adults.teachers,
      professionals: input.adults.professionals, children_co_organised: input.childrenCoOrganised, version: row.version + 1,
    }).where('country', '=', row.country).where('id', '=', row.id).execute();
    await tx.deleteFrom('prevention_reach').where('country', '=', row.country).where('activity_id', '=', row.id).execute();
    if (input.childrenReached.length > 0) {
      await tx.insertInto('prevention_reach').values(input.childrenReached.map((c) => ({ country: row.country, activity_id: row.id, age_group: c.ageGroup, sex: c.sex, children: c.children }))).execute();
    }
    await audit([{ chain: row.country, action: 'update', entity: 'prevention_activity', entityId: row.id, reason: 'organisation', outcome: 'ok' }]);
  });
  return getActivity(door, id);
}
