import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from './app.ts';
import { multipartBody } from './multipart.ts';

/**
 * The OpenAPI document as a list of operations, and values drawn from their JSON schemas: the
 * generated sweeps (openapi-access, openapi-fuzz) cover every route the document lists, so a new
 * route is covered the day it is added.
 */
type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  default?: unknown;
};
type Parameter = { in: 'path' | 'query'; name: string; required?: boolean; schema: Schema };
export type Operation = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, e.g. /api/v1/cases/{id}/plans/{planId}. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  body: Schema | null;
  label: string;
};
type Doc = { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };

export async function loadOperations(t: TestApp): Promise<{ doc: Doc; operations: Operation[] }> {
  const doc = (await t.anonymous.get('/api/openapi.json')).json() as Doc;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      const method = m.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const params = op.parameters ?? [];
      operations.push({
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        label: `${method} ${path}`,
      });
    }
  }
  return { doc, operations };
}

export function resolve(doc: Doc, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!];
  return s;
}

const DAY = 86_400_000;
export const yesterday = () => new Date(Date.now() - DAY).toISOString().slice(0, 10);
const isDate = (s: Schema) => s.pattern === '^\\d{4}-\\d{2}-\\d{2}$';
const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type);

/** A minimal value the schema accepts (required properties only): what a plain client would send. */
export function sample(doc: Doc, schema: Schema | null | undefined, depth = 0): unknown {
  const s = resolve(doc, schema ?? undefined);
  if (!s || depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum.find((v) => v !== null) ?? null;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return sample(doc, variants.find((v) => typeOf(resolve(doc, v) ?? {}) !== 'null') ?? variants[0], depth + 1);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((p) => sample(doc, p, depth + 1)));
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(doc, s.properties?.[key], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(doc, s.items, depth + 1));
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date-time') return new Date(Date.now() - 3_600_000).toISOString();
      if (isDate(s)) return yesterday();
      return 'Sample text';
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? Math.max(s.minimum, 1) : 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** Values that must be refused (or taken harmlessly) wherever a field of this schema is. */
export function badValues(doc: Doc, schema: Schema | undefined): Array<[string, unknown]> {
  const s = resolve(doc, schema) ?? {};
  const t = typeOf(s);
  // Any field: the wrong kinds of JSON value.
  const out: Array<[string, unknown]> = [['NUL', 'a\u0000b'], ['number', 1e308], ['object', { a: 1 }], ['array', ['x']], ['null', null]];
  if (t !== 'string' || s.enum) return out;
  // Text, dates and ids: what a string may hide.
  out.push(
    ['control', 'a\u001bb\u0007'],
    ['zero-width only', '\u200B\u200C\u200D\uFEFF'],
    ['huge string', 'x'.repeat(20_000)],
    ['lone surrogate', '\uD800x'],
    ['year 1', s.format === 'date-time' ? '0001-01-01T00:00:00Z' : '0001-01-01'],
    ['year 9999', s.format === 'date-time' ? '9999-12-31T23:59:59Z' : '9999-12-31'],
    ['2019-02-30', '2019-02-30'],
    ['bad id', 'not-a-uuid'],
  );
  return out;
}

/** Query-string values: NUL, control characters, huge, extreme dates and numbers. */
export const BAD_QUERY_VALUES: Array<[string, string]> = [
  ['NUL', 'a%00b'],
  ['control', '%1B%07'],
  ['huge', 'x'.repeat(5_000)],
  ['year 1', '0001-01-01'],
  ['year 9999', '9999-12-31'],
  ['huge number', '1e309'],
  ['LIKE wildcards', '_%25_'],
];

/** Each way to spoil a body: per property (top level and one level into objects and arrays of them). */
export function bodyMutations(doc: Doc, schema: Schema | null): Array<[string, unknown]> {
  const s = resolve(doc, schema ?? undefined);
  if (!s) return [];
  const base = sample(doc, s) as Record<string, unknown>;
  const out: Array<[string, unknown]> = [['extra field', { ...base, isAdmin: true }], ['array for object', [base]], ['null body', null]];
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    for (const [what, value] of badValues(doc, prop)) out.push([`${key}: ${what}`, { ...base, [key]: value }]);
    const inner = resolve(doc, prop);
    const element = typeOf(inner ?? {}) === 'array' ? resolve(doc, inner?.items) : inner;
    if (element && typeOf(element) === 'object' && element.properties) {
      const sampleElement = sample(doc, element) as Record<string, unknown>;
      for (const [k2, p2] of Object.entries(element.properties)) {
        for (const [what, value] of badValues(doc, p2).slice(0, 4)) {
          const spoiled = { ...sampleElement, [k2]: value };
          out.push([`${key}.${k2}: ${what}`, { ...base, [key]: typeOf(inner ?? {}) === 'array' ? [spoiled] : spoiled }]);
        }
      }
    }
  }
  return out;
}

export function urlOf(op: Operation, params: Record<string, string>, query = ''): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? randomUUID());
  return query ? `${path}?${query}` : path;
}

/** A value for each path parameter that is not an id: the first of its enum. */
export function enumParams(op: Operation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.pathParams) if (p.schema.enum) out[p.name] = String(p.schema.enum[0]);
  return out;
}

/**
 * A digest of every child-data table (all rows, all columns): equal before and after means
 * nothing was created, changed or removed. The audit, sessions and users' sign-in counters
 * move with any request and are left out.
 */
const CHILD_TABLES = [
  'children', 'child_access', 'signals', 'signal_children', 'meetings', 'meeting_children', 'meeting_participants', 'action_items',
  'cases', 'case_signals', 'case_events', 'case_decisions', 'case_risk_levels', 'assessments', 'plans', 'plan_goals', 'plan_actions',
  'plan_reviews', 'contacts', 'referrals', 'referral_services', 'placements', 'case_transfers', 'cross_border_referrals',
  'attachments', 'attachment_contents', 'break_glass_grants',
  'case_legal_holds',
  'consultation_boards', 'board_members', 'board_meetings', 'board_attendance', 'board_views', 'board_responses', 'board_advocacy',
  'kiosk_answers',
] as const;
export async function childDataDigest(t: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of CHILD_TABLES) {
    const r = await sql<{ n: string; h: string | null }>`select count(*)::text as n, md5(string_agg(x::text, '|' order by x::text)) as h from ${sql.table(table)} as x`.execute(t.database.unguarded);
    out[table] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ''}`;
  }
  return out;
}

/**
 * Records of one unit (Korçë) for every kind of id the API takes, keyed by the path it is used
 * under: the demo's children, signals, meetings, action items, cases, assessments, plans and plan
 * actions, and (made here through the API, as the unit's own workers) a contact, a placement, a
 * referral to the Korçë NGO, a cross-border referral and a transfer request to Durrës.
 */
export type Pools = Map<string, Array<Record<string, string>>>;
export async function unitRecords(t: TestApp): Promise<Pools> {
  const db = t.database.unguarded;
  const unit = (await db.selectFrom('organisations').select('id').where('name', 'like', '%Bashkia Korçë').executeTakeFirstOrThrow()).id;
  const caseworker = await t.login('caseworker');
  const supervisor = await t.login('supervisor');
  const ela = await db.selectFrom('cases as k').innerJoin('children as c', 'c.id', 'k.child_id').select('k.id').where('c.given_name', '=', 'Ela').where('k.unit_id', '=', unit).executeTakeFirstOrThrow();
  const alban = await db.selectFrom('cases as k').innerJoin('children as c', 'c.id', 'k.child_id').select('k.id').where('c.given_name', '=', 'Alban').where('k.unit_id', '=', unit).executeTakeFirstOrThrow();
  const ngo = (await db.selectFrom('users').select('organisation_id').where('username', '=', 'provider').executeTakeFirstOrThrow()).organisation_id;
  const durres = (await db.selectFrom('users').select('organisation_id').where('username', '=', 'l.muca').executeTakeFirstOrThrow()).organisation_id;
  const made = async (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
  };
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  await made(await caseworker.post(`/api/v1/cases/${ela.id}/contacts`, { kind: 'home_visit', occurredAt: hourAgo, present: ['Mother'], childSeen: true, childHeardAlone: true }), 'a contact');
  await made(await caseworker.post(`/api/v1/cases/${ela.id}/placements`, { kind: 'kinship_care', carerName: 'Grandmother', startedOn: yesterday() }), 'a placement');
  await made(await caseworker.post(`/api/v1/cases/${ela.id}/referrals`, { providerOrgId: ngo, service: 'psychosocial_support', request: 'Weekly sessions.', consentChild: 'given', consentCaregiver: 'given' }), 'a referral');
  await made(await caseworker.post(`/api/v1/cases/${ela.id}/cross-border`, { destinationCountry: 'BG', destinationAuthority: 'Agency', reason: 'Family moved.', consentChild: 'given', consentCaregiver: 'given' }), 'a cross-border referral');
  await made(await supervisor.post(`/api/v1/cases/${alban.id}/transfers`, { toUnitId: durres, reason: 'The family moved to Durrës.' }), 'a transfer');
  const pdf = multipartBody({ ownerKind: 'case', ownerId: ela.id, kind: 'consent' }, { name: 'consent.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await made(await caseworker.request('POST', '/api/v1/attachments', pdf.body, { 'content-type': pdf.contentType }), 'an attachment');

  // An emergency access grant to Ela Marku, asked for by the Durrès unit's caseworker (src/breakglass/).
  const muca = await t.login('l.muca');
  const elaChild = await db.selectFrom('cases').select('child_id').where('id', '=', ela.id).executeTakeFirstOrThrow();
  const elaRow = await db.selectFrom('children').select(['given_name', 'family_name', 'birth_date']).where('id', '=', elaChild.child_id).executeTakeFirstOrThrow();
  await made(await muca.post('/api/v1/break-glass/requests', { givenName: elaRow.given_name, familyName: elaRow.family_name, birthDate: elaRow.birth_date, reason: 'The child arrived at our office at night; is a case open?' }), 'a break-glass grant');
  const ids = async (rows: Promise<Array<{ id: string }>>, n = 1) => (await rows).slice(0, n).map((r) => r.id);
  const cases = await db.selectFrom('cases').select('id').where('unit_id', '=', unit).orderBy('opened_at').execute();
  const inCases = cases.map((c) => c.id);
  const byCase = (table: 'assessments' | 'contacts' | 'referrals' | 'placements' | 'case_transfers' | 'cross_border_referrals') =>
    ids(db.selectFrom(table).select('id').where('case_id', 'in', inCases).execute());
  const meetings = await db.selectFrom('meetings').select('id').where('unit_id', '=', unit).execute();
  const plans = await db.selectFrom('plans').select(['id', 'case_id']).where('case_id', 'in', inCases).limit(1).execute();
  const placements = await db.selectFrom('placements').select(['id', 'case_id']).where('case_id', 'in', inCases).limit(1).execute();
  const one = (list: string[]) => list.map((id) => ({ id }));
  const pools: Pools = new Map([
    ['children', one(await ids(db.selectFrom('children').select('id').where('unit_id', '=', unit).orderBy('created_at').execute(), 2))],
    ['signals', one(await ids(db.selectFrom('signals').select('id').where('unit_id', '=', unit).execute()))],
    ['meetings', one(meetings.slice(0, 1).map((m) => m.id))],
    ['action-items', one(await ids(db.selectFrom('action_items').select('id').where('meeting_id', 'in', meetings.map((m) => m.id)).execute()))],
    // Ela Marku's case (referral, contact, placement, cross-border) and the case being transferred.
    ['cases', one([ela.id, alban.id])],
    ['plan-actions', one(await ids(db.selectFrom('plan_actions').select('id').where('plan_id', 'in', plans.map((p) => p.id)).execute()))],
    ['referrals', one(await byCase('referrals'))],
    ['transfers', one(await byCase('case_transfers'))],
    ['cross-border', one(await byCase('cross_border_referrals'))],
    ['attachments', one(await ids(db.selectFrom('attachments').select('id').where('owner_id', '=', ela.id).execute()))],
    ['cases/plans', plans.map((p) => ({ id: p.case_id, planId: p.id }))],
    ['cases/placements', placements.map((p) => ({ id: p.case_id, placementId: p.id }))],
    // Deinstitutionalisation: the Korçë institution, the demo child living there, the demo transition.
    ['institutions', one(await ids(db.selectFrom('organisations').select('id').where('sector', '=', 'residential_care').where('jurisdiction_code', '=', 'AL-06-03').execute()))],
    ['residents', one(await ids(db.selectFrom('institution_residents').select('id').where('case_id', 'in', inCases).where('ref', '=', 'AL-DI-001').execute()))],
    ['transitions', one(await ids(db.selectFrom('di_transitions as t').innerJoin('institution_residents as r', 'r.id', 't.resident_id').select('t.id').where('r.case_id', 'in', inCases).execute()))],
    // Police-station intakes referred to the unit (recorded by the Korçë team in the demo).
    ['intakes', one(await ids(db.selectFrom('police_intakes as i').innerJoin('signals as s', 's.id', 'i.signal_id').select('i.id').where('s.unit_id', '=', unit).execute()))],
    // The demo's emergency admission of Korçë children to the Elbasan shelter (src/shelters/shelter-demo.ts).
    ['break-glass', one(await ids(db.selectFrom('break_glass_grants').select('id').where('unit_id', '=', unit).execute()))],
    ['shelter-admissions', one(await ids(db.selectFrom('shelter_admissions').select('id').where('responsible_unit_id', '=', unit).orderBy('created_at').execute()))],
    // The Korçë unit's demo prevention activity (src/prevention/prevention-demo.ts).
    ['prevention-activities', one(await ids(db.selectFrom('prevention_activities').select('id').where('org_id', '=', unit).where('ref', '=', 'KO-2026-01').execute()))],
    // The Korçë unit's demo consultation board (src/boards/boards-demo.ts): a member, a meeting, an advocacy action of it.
    ['boards', await boardPool(db, unit)],
    // The Korçë unit's demo feedback kiosk and the free text left there (src/feedback/feedback-demo.ts).
    ['kiosks', one(await ids(db.selectFrom('kiosks').select('id').where('org_id', '=', unit).execute()))],
    ['kiosk-texts', one(await ids(db.selectFrom('kiosk_answers as a').innerJoin('kiosks as k', 'k.id', 'a.kiosk_id').select('a.id').where('k.org_id', '=', unit).where('a.free_text', 'is not', null).execute()))],
    // The Bulgarian trainer's demo session and a participant of it (src/trainings/trainings-demo.ts): other organisations' trainers and AL's administrator get 404.
    ['training-sessions', await db.selectFrom('training_participants as p').innerJoin('training_sessions as s', 's.id', 'p.session_id').select(['s.id', 'p.id as participantId']).where('s.country', '=', 'BG').where('p.name', '=', 'Иван Колев').execute()],
  ]);
  return pools;
}

/** The Korçë unit's demo board with a member, a meeting and an advocacy action of it (every id its routes take). */
async function boardPool(db: TestApp['database']['unguarded'], unit: string): Promise<Array<Record<string, string>>> {
  const b = await db.selectFrom('consultation_boards').select(['id', 'country']).where('org_id', '=', unit).orderBy('created_at').executeTakeFirstOrThrow();
  const of = (table: 'board_members' | 'board_meetings' | 'board_advocacy') => db.selectFrom(table).select('id').where('country', '=', b.country).where('board_id', '=', b.id).executeTakeFirstOrThrow();
  return [{ id: b.id, memberId: (await of('board_members')).id, meetingId: (await of('board_meetings')).id, actionId: (await of('board_advocacy')).id }];
}

/** The pool a route's path parameters are drawn from: by the resource its path names. */
export function poolKey(op: Operation): string | null {
  const names = op.pathParams.map((p) => p.name);
  if (names.includes('planId')) return 'cases/plans';
  if (names.includes('placementId')) return 'cases/placements';
  if (!names.includes('id')) return null;
  if (op.path.startsWith('/api/v1/meetings/from-signal/')) return 'signals';
  return op.path.split('/')[3] ?? null;
}
