import { type RawBuilder, type SqlBool, type Transaction, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { InputError, NotFoundError } from '../errors.ts';
import type { Door } from '../policy/door.ts';
import type { TrainingTopic } from '../domain/training-topics.ts';
import { municipalityFor } from '../prevention/activities.ts';
import { type Keeper, daysOf, keeper } from './trainings-reach.ts';
import type { ModuleInput, ModuleView, NeedInput, NeedView, SessionInput, SessionView } from './trainings-schema.ts';

/**
 * Modules, sessions and training needs (issue 14 §5): kept by a trainer's organisation (an
 * administrator: the country's), every write audited. No child data.
 */
type Tx = Transaction<DB>;

/** The keeper's records (alias `a` of a table with country and org_id): its organisation's, or (an administrator) its country's. */
export function mine(k: Keeper, alias: string): RawBuilder<SqlBool> {
  const country = sql<SqlBool>`${sql.ref(`${alias}.country`)} = ${k.country}`;
  return k.scope === 'country' ? country : sql<SqlBool>`(${country} and ${sql.ref(`${alias}.org_id`)} = ${k.organisationId})`;
}

export async function listModules(door: Door): Promise<ModuleView[]> {
  const k = keeper(door.actor);
  return door.read(async (tx, audit) => {
    const rows = await tx.selectFrom('training_modules as m').innerJoin('organisations as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.country', 'm.title', 'm.topics', 'm.hours', 'o.name as org_name'])
      .select((eb) => eb.selectFrom('training_sessions as s').whereRef('s.module_id', '=', 'm.id').select((e) => e.fn.countAll<string>().as('n')).as('sessions')).where(mine(k, 'm'))
      .orderBy('m.title').execute();
    await audit([{ chain: k.country, action: 'list', entity: 'training_module', reason: 'trainings', outcome: 'ok', detail: { count: rows.length } }]);
    return rows.map((r) => ({ id: r.id, country: r.country, orgName: r.org_name, title: r.title, topics: r.topics as TrainingTopic[], hours: r.hours, sessions: Number(r.sessions ?? 0) }));
  });
}

export async function createModule(door: Door, input: ModuleInput): Promise<ModuleView> {
  const k = keeper(door.actor);
  return door.transaction(async (tx, audit) => {
    const { id } = await tx.insertInto('training_modules').values({ country: k.country, org_id: k.organisationId, title: input.title, topics: input.topics, hours: input.hours }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: k.country, action: 'create', entity: 'training_module', entityId: id, reason: 'trainings', outcome: 'ok' }]);
    return { id, country: k.country, orgName: k.organisationName, title: input.title, topics: input.topics, hours: input.hours, sessions: 0 };
  });
}

export function sessionQuery(tx: Tx, k: Keeper) {
  return tx.selectFrom('training_sessions as s')
    .innerJoin('training_modules as m', 'm.id', 's.module_id')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select(['m.title as module_title', 'm.topics', 'm.hours', 'o.name as org_name'])
    .select((eb) => eb.selectFrom('training_participants as p').whereRef('p.session_id', '=', 's.id').select((e) => e.fn.countAll<string>().as('n')).as('participants'))
    .select((eb) => eb.selectFrom('training_participants as p').innerJoin('training_certificates as c', 'c.participant_id', 'p.id').whereRef('p.session_id', '=', 's.id').select((e) => e.fn.countAll<string>().as('n')).as('certificates')).where(mine(k, 's'));
}
export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;

export function sessionView(r: SessionRow): SessionView {
  return {
    id: r.id, country: r.country, moduleId: r.module_id, moduleTitle: r.module_title, topics: r.topics as TrainingTopic[], hours: r.hours,
    startsOn: r.starts_on, endsOn: r.ends_on, days: daysOf(r.starts_on, r.ends_on), place: r.place, municipalityCode: r.municipality_code,
    regionCode: r.region_code, trainers: r.trainers, mode: r.mode as SessionView['mode'], orgName: r.org_name,
    participants: Number(r.participants ?? 0), certificates: Number(r.certificates ?? 0),
  };
}

/** The keeper's session, or a 404 (another organisation's is not revealed). */
export async function sessionOf(tx: Tx, k: Keeper, id: string): Promise<SessionRow> {
  const row = await sessionQuery(tx, k).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('training session');
  return row;
}

export async function listSessions(door: Door, q: { from?: string | undefined; to?: string | undefined }): Promise<{ items: SessionView[] }> {
  const k = keeper(door.actor);
  return door.read(async (tx, audit) => {
    let base = sessionQuery(tx, k);
    if (q.from) base = base.where('s.ends_on', '>=', q.from);
    if (q.to) base = base.where('s.starts_on', '<=', q.to);
    const rows = await base.orderBy('s.starts_on', 'desc').orderBy('s.id').limit(500).execute();
    await audit([{ chain: k.country, action: 'list', entity: 'training_session', reason: 'trainings', outcome: 'ok', detail: { count: rows.length } }]);
    return { items: rows.map(sessionView) };
  });
}

export async function createSession(door: Door, input: SessionInput): Promise<SessionView> {
  const k = keeper(door.actor);
  return door.transaction(async (tx, audit) => {
    const module = await tx.selectFrom('training_modules as m').select(['m.id']).where(mine(k, 'm')).where('m.id', '=', input.moduleId).executeTakeFirst();
    if (!module) throw new InputError('Not a module of your organisation', [{ path: 'moduleId', message: 'is not a module of your organisation' }]);
    const m = await municipalityFor(tx, { country: k.country, jurisdictionCode: k.country }, input.municipalityCode);
    const { id } = await tx.insertInto('training_sessions').values({
      country: k.country, org_id: k.organisationId, module_id: input.moduleId, starts_on: input.startsOn, ends_on: input.endsOn, place: input.place,
      municipality_code: m.code, region_code: m.region, trainers: input.trainers, mode: input.mode,
    }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: k.country, action: 'create', entity: 'training_session', entityId: id, reason: 'trainings', outcome: 'ok', detail: { municipality: m.code } }]);
    return sessionView(await sessionOf(tx, k, id));
  });
}

export async function listNeeds(door: Door): Promise<NeedView[]> {
  const k = keeper(door.actor);
  return door.read(async (tx, audit) => {
    const rows = await tx.selectFrom('training_needs as n').selectAll('n').where(mine(k, 'n')).orderBy('n.recorded_on', 'desc').orderBy('n.id').limit(500).execute();
    await audit([{ chain: k.country, action: 'list', entity: 'training_need', reason: 'trainings', outcome: 'ok', detail: { count: rows.length } }]);
    return rows.map((r) => ({ id: r.id, sector: r.sector, topic: r.topic as TrainingTopic, professionals: r.professionals, municipalityCode: r.municipality_code, regionCode: r.region_code, source: r.source, recordedOn: r.recorded_on }));
  });
}

export async function recordNeed(door: Door, input: NeedInput): Promise<NeedView> {
  const k = keeper(door.actor);
  return door.transaction(async (tx, audit) => {
    const m = await municipalityFor(tx, { country: k.country, jurisdictionCode: k.country }, input.municipalityCode);
    const { id } = await tx.insertInto('training_needs').values({
      country: k.country, org_id: k.organisationId, sector: input.sector, topic: input.topic, professionals: input.professionals,
      municipality_code: m.code, region_code: m.region, source: input.source, recorded_on: input.recordedOn,
    }).returning('id').executeTakeFirstOrThrow();
    await audit([{ chain: k.country, action: 'create', entity: 'training_need', entityId: id, reason: 'trainings', outcome: 'ok', detail: { sector: input.sector, topic: input.topic } }]);
    return { id, ...input, municipalityCode: m.code, regionCode: m.region };
  });
}


