import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../policy/actor.ts';
import type { Door, Tx } from '../policy/door.ts';
import { type Reader, shareFields } from '../policy/field-sharing.ts';
import { deadlinesFor, localDay } from '../domain/deadlines.ts';
import { ADMISSION_SHARING, type AdmissionView } from './shelter-schema.ts';
import { iso } from '../domain/dates.ts';

/**
 * Who reaches a shelter admission, compiled to SQL: the shelter's staff (a `provider` of the
 * shelter organisation) its own admissions; the responsible unit's caseworkers and supervisors
 * the admissions of children it is responsible for; a system handle all. Nobody else.
 */
type AEB = ExpressionBuilder<DB & { a: DB['shelter_admissions'] }, 'a'>;

export function isShelterStaff(actor: Actor): boolean {
  return actor.kind === 'user' && actor.roles.includes('provider') && actor.sector === 'shelter';
}

export function isUnitMember(actor: Actor): boolean {
  return actor.kind === 'user' && actor.isProtectionUnit && actor.roles.some((r) => r === 'caseworker' || r === 'supervisor');
}

export function admissionInReach(actor: Actor) {
  return (eb: AEB): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<SqlBool>`true`;
    const ors: Expression<SqlBool>[] = [];
    if (isShelterStaff(actor)) ors.push(eb('a.shelter_org_id', '=', actor.organisationId));
    if (isUnitMember(actor)) ors.push(eb('a.responsible_unit_id', '=', actor.organisationId));
    if (ors.length === 0) return sql<SqlBool>`false`;
    return eb.and([eb('a.country', '=', actor.country), eb.or(ors)]);
  };
}

/** The unit (and a system handle) sees an admission whole; the shelter as its sector allows. */
export function readerOf(actor: Actor, row: { responsible_unit_id: string }): Reader & { reason: string } {
  if (actor.kind === 'system') return { whole: true, sector: 'social_services', reason: 'system' };
  if (isUnitMember(actor) && actor.organisationId === row.responsible_unit_id) return { whole: true, sector: actor.sector, reason: 'responsible_unit' };
  return { whole: false, sector: actor.sector, reason: 'shelter' };
}

export function admissionQuery(door: Door, tx: Tx) {
  return tx
    .selectFrom('shelter_admissions as a')
    .innerJoin('children as c', (j) => j.onRef('c.country', '=', 'a.country').onRef('c.id', '=', 'a.child_id'))
    .innerJoin('organisations as s', 's.id', 'a.shelter_org_id')
    .innerJoin('jurisdictions as sj', 'sj.code', 's.jurisdiction_code')
    .innerJoin('organisations as u', 'u.id', 'a.responsible_unit_id')
    .leftJoin('cases as k', (j) => j.onRef('k.country', '=', 'a.country').onRef('k.id', '=', 'a.case_id'))
    .leftJoin('users as ko', 'ko.id', 'k.owner_id')
    .selectAll('a')
    .select([
      'c.given_name', 'c.family_name', 'c.sex', 'c.birth_date', 'c.vulnerabilities', 's.name as shelter_name', 'sj.timezone',
      'u.name as unit_name', 'ko.display_name as case_owner_name',
    ])
    .where(admissionInReach(door.actor));
}
export type AdmissionRow = Awaited<ReturnType<ReturnType<typeof admissionQuery>['executeTakeFirstOrThrow']>>;

/** Whole days between two calendar days (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The country's standard length of a stay, if it configures one (a read never fails for want of it). */
function standardDays(country: string): number | null {
  try {
    return deadlinesFor(country).shelterStayStandardDays ?? null;
  } catch {
    return null;
  }
}

type Extras = { siblings: AdmissionView['siblings']; steps: AdmissionView['steps']; unitCases: NonNullable<AdmissionView['unitCases']> };

export function admissionView(door: Door, r: AdmissionRow, extras: Extras, now = new Date()): AdmissionView {
  const admittedOn = String(r.admitted_on);
  const dischargedOn = r.discharged_on == null ? null : String(r.discharged_on);
  const stayDays = daysBetween(admittedOn, dischargedOn ?? localDay(now, r.timezone));
  const standard = standardDays(r.country);
  const whole: AdmissionView = {
    id: r.id,
    ref: r.ref,
    shelterId: r.shelter_org_id,
    shelterName: r.shelter_name,
    groupId: r.group_id,
    child: { id: r.child_id, givenName: r.given_name, familyName: r.family_name, sex: r.sex, birthDate: r.birth_date == null ? null : String(r.birth_date) },
    vulnerabilities: r.vulnerabilities ?? [],
    siblings: extras.siblings,
    companionName: r.companion_name,
    companionRelation: r.companion_relation,
    admittedAt: iso(r.admitted_at),
    admittedOn,
    referredBy: r.referred_by,
    harmTypes: r.harm_types,
    emergency: r.emergency,
    responsibleUnitId: r.responsible_unit_id,
    responsibleUnitName: r.unit_name,
    caseId: r.case_id,
    linked: r.case_id != null,
    caseOwnerName: r.case_owner_name ?? null,
    unitCases: extras.unitCases,
    linkDueAt: r.link_due_at == null ? null : iso(r.link_due_at),
    linkOverdue: r.case_id == null && r.link_due_at != null && new Date(r.link_due_at).getTime() < now.getTime(),
    overCapacityReason: r.over_capacity_reason,
    planGoal: r.plan_goal as AdmissionView['planGoal'],
    steps: extras.steps,
    stayDays,
    standardDays: standard,
    stayExceeded: standard != null && stayDays > standard,
    current: dischargedOn == null,
    dischargedOn,
    destination: r.destination,
    dischargedWith: r.discharged_with,
    followUpOn: r.follow_up_on == null ? null : String(r.follow_up_on),
    followUpNote: r.follow_up_note,
    version: r.version,
    withheld: [],
  };
  return shareFields(ADMISSION_SHARING, whole, readerOf(door.actor, r));
}

/** The views of some admission rows, with their siblings and plan steps (two queries for all). */
export async function admissionViews(door: Door, tx: Tx, rows: AdmissionRow[], now = new Date()): Promise<AdmissionView[]> {
  if (rows.length === 0) return [];
  const country = rows[0]!.country;
  const groups = [...new Set(rows.map((r) => r.group_id))];
  const ids = rows.map((r) => r.id);
  const siblings = await tx.selectFrom('shelter_admissions as a')
    .innerJoin('children as c', (j) => j.onRef('c.country', '=', 'a.country').onRef('c.id', '=', 'a.child_id'))
    .select(['a.id', 'a.group_id', 'c.given_name', 'c.family_name'])
    .where('a.country', '=', country).where('a.group_id', 'in', groups).orderBy('c.given_name').execute();
  const steps = await tx.selectFrom('shelter_plan_steps').selectAll()
    .where('country', '=', country).where('admission_id', 'in', ids).orderBy('due_on').orderBy('created_at').execute();
  // The unit's open cases of the children still to link (the view keeps them for the unit only).
  const unlinked = rows.filter((r) => r.case_id == null);
  const cases = unlinked.length === 0 ? [] : await tx.selectFrom('cases').select(['id', 'ref', 'status', 'opened_at', 'child_id', 'unit_id'])
    .where('country', '=', country).where('child_id', 'in', unlinked.map((r) => r.child_id)).where('status', '!=', 'closed').orderBy('opened_at', 'desc').execute();
  return rows.map((r) => admissionView(door, r, {
    unitCases: r.case_id != null ? [] : cases.filter((k) => k.child_id === r.child_id && k.unit_id === r.responsible_unit_id)
      .map((k) => ({ id: k.id, ref: k.ref, status: k.status, openedAt: iso(k.opened_at) })),
    siblings: siblings.filter((s) => s.group_id === r.group_id && s.id !== r.id).map((s) => ({ admissionId: s.id, givenName: s.given_name, familyName: s.family_name })),
    steps: steps.filter((s) => s.admission_id === r.id).map((s) => ({
      id: s.id, description: s.description, ownerName: s.owner_name, dueOn: String(s.due_on), doneOn: s.done_on == null ? null : String(s.done_on),
    })),
  }, now));
}
