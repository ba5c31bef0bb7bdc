import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import type { Door, Tx } from '../policy/door.ts';
import { type AccessReason, fieldVisible } from '../policy/field-sharing.ts';
import { accessReason, childInReach } from '../policy/reach.ts';

/**
 * Who and what a task is about, added to every task after its source made it: the case or signal
 * (or meeting) it concerns, with its reference, risk level or urgency, and its child. The child's
 * name is given only to a reader the child's sharing declaration lets see it (the unit; a partner
 * or provider reaching the child through a grant); any other reader gets the subject's reference.
 * Sources stay unchanged: each task kind says here which record its `id` names.
 */
type SubjectOf = 'case' | 'signal' | 'plan' | 'plan_action' | 'referral' | 'transfer' | 'action_item' | 'di_transition' | 'shelter_admission';

export const TASK_SUBJECTS: Record<string, SubjectOf> = {
  case_initial_assessment: 'case',
  case_plan: 'case',
  case_plan_review: 'case',
  case_closure_approval: 'case',
  signal_screening: 'signal',
  initial_meeting: 'signal',
  action_item: 'action_item',
  plan_approval: 'plan',
  plan_action: 'plan_action',
  referral_overdue: 'referral',
  referral_to_answer: 'referral',
  referral_to_complete: 'referral',
  transfer_decision: 'transfer',
  di_follow_up: 'di_transition',
  shelter_case_link: 'shelter_admission',
};

/**
 * The worker whose task it is, for counting (the caseload counts a worker's overdue tasks by this):
 * an action item's or plan action's responsible person; the case owner for work on a case; no one
 * for the unit's shared work (signals to screen, meetings to convene) and decisions (approvals,
 * transfers), nor for a provider's referrals.
 */
const WORKER_OF: Record<string, 'responsible' | 'case_owner'> = {
  case_initial_assessment: 'case_owner',
  case_plan: 'case_owner',
  case_plan_review: 'case_owner',
  referral_overdue: 'case_owner',
  di_follow_up: 'case_owner',
  action_item: 'responsible',
  plan_action: 'responsible',
};

export type DueState = 'overdue' | 'today' | 'week' | 'later';
export type RiskLevel = 'high' | 'medium' | 'low';
export type Urgency = 'immediate' | 'urgent' | 'normal';

export type TaskSubject = {
  /** The first child concerned, when the reader reaches the child; the name when sharing allows. */
  child: { id: string; name: string | null } | null;
  /** How many children the subject concerns (a signal or meeting may concern several). */
  childCount: number;
  /** What the task concerns: a case, a signal or a meeting. */
  subjectKind: 'case' | 'signal' | 'meeting' | null;
  /** Its reference (an imported record's own, else the first eight characters of its id): what to show when the name is not. */
  subjectRef: string | null;
  riskLevel: RiskLevel | null;
  urgency: Urgency | null;
  workerId: string | null;
};

export const NO_SUBJECT: TaskSubject = { child: null, childCount: 0, subjectKind: null, subjectRef: null, riskLevel: null, urgency: null, workerId: null };

/** Overdue; due later today; within the next seven days; later — days in the unit's zone. */
export function dueStateOf(dueAt: string, overdue: boolean, now: Date, zone: string): DueState {
  if (overdue) return 'overdue';
  const day = (d: Date) => format(new TZDate(d, zone), 'yyyy-MM-dd');
  const due = day(new Date(dueAt));
  if (due <= day(now)) return 'today';
  return due <= day(addDays(new TZDate(now, zone), 7)) ? 'week' : 'later';
}

/** An emergency shelter stay not yet linked to a case names its child directly (childId, with the stay's own reference). */
type Anchor = { caseId: string | null; signalId: string | null; meetingId: string | null; responsibleId: string | null; childId?: string; ref?: string };

async function anchors(tx: Tx, country: string, tasks: ReadonlyArray<{ kind: string; id: string }>): Promise<Map<string, Anchor>> {
  const ids = (of: SubjectOf) => [...new Set(tasks.filter((t) => TASK_SUBJECTS[t.kind] === of).map((t) => t.id))];
  const out = new Map<string, Anchor>();
  const put = (of: SubjectOf, id: string, a: Partial<Anchor>) => out.set(`${of}:${id}`, { caseId: null, signalId: null, meetingId: null, responsibleId: null, ...a });
  for (const id of ids('case')) put('case', id, { caseId: id });
  for (const id of ids('signal')) put('signal', id, { signalId: id });
  const some = <T>(list: string[], run: (l: string[]) => Promise<T[]>) => (list.length > 0 ? run(list) : Promise.resolve([] as T[]));
  for (const r of await some(ids('plan'), (l) => tx.selectFrom('plans').select(['id', 'case_id']).where('country', '=', country).where('id', 'in', l).execute())) {
    put('plan', r.id, { caseId: r.case_id });
  }
  for (const r of await some(ids('plan_action'), (l) => tx.selectFrom('plan_actions as pa')
    .innerJoin('plans as p', (j) => j.onRef('p.country', '=', 'pa.country').onRef('p.id', '=', 'pa.plan_id'))
    .select(['pa.id', 'p.case_id', 'pa.responsible_user_id']).where('pa.country', '=', country).where('pa.id', 'in', l).execute())) {
    put('plan_action', r.id, { caseId: r.case_id, responsibleId: r.responsible_user_id });
  }
  for (const r of await some(ids('referral'), (l) => tx.selectFrom('referrals').select(['id', 'case_id']).where('country', '=', country).where('id', 'in', l).execute())) {
    put('referral', r.id, { caseId: r.case_id });
  }
  for (const r of await some(ids('transfer'), (l) => tx.selectFrom('case_transfers').select(['id', 'case_id']).where('country', '=', country).where('id', 'in', l).execute())) {
    put('transfer', r.id, { caseId: r.case_id });
  }
  for (const r of await some(ids('di_transition'), (l) => tx.selectFrom('di_transitions as t')
    .innerJoin('institution_residents as r', (j) => j.onRef('r.country', '=', 't.country').onRef('r.id', '=', 't.resident_id'))
    .select(['t.id', 'r.case_id']).where('t.country', '=', country).where('t.id', 'in', l).execute())) {
    put('di_transition', r.id, { caseId: r.case_id });
  }
  for (const r of await some(ids('shelter_admission'), (l) => tx.selectFrom('shelter_admissions').select(['id', 'ref', 'child_id', 'case_id']).where('country', '=', country).where('id', 'in', l).execute())) {
    put('shelter_admission', r.id, { caseId: r.case_id, childId: r.child_id, ref: refOf(r) });
  }
  for (const r of await some(ids('action_item'), (l) => tx.selectFrom('action_items').select(['id', 'meeting_id', 'responsible_user_id']).where('country', '=', country).where('id', 'in', l).execute())) {
    put('action_item', r.id, { meetingId: r.meeting_id, responsibleId: r.responsible_user_id });
  }
  return out;
}

/** An imported record keeps its own reference; a record made in the app is known by the start of its id. */
export function refOf(r: { id: string; ref: string | null }): string {
  return r.ref ?? r.id.slice(0, 8).toUpperCase();
}

type Child = { id: string; name: string | null };

/** The children the reader reaches among `ids`, each with its name when sharing lets the reader see it. */
async function reachableChildren(door: Door, tx: Tx, ids: string[]): Promise<Map<string, Child>> {
  const actor = door.actor;
  if (ids.length === 0 || actor.kind !== 'user') return new Map();
  const rows = await tx.selectFrom('children as c')
    .select(['c.id', 'c.given_name', 'c.family_name'])
    .select(accessReason(actor))
    .where('c.id', 'in', ids)
    .where('c.anonymised_at', 'is', null)
    .where(childInReach(actor))
    .execute();
  return new Map(rows.map((r) => {
    const reason = r.access_reason as AccessReason | null;
    const named = reason !== null && fieldVisible('givenName', reason, actor.sector) && fieldVisible('familyName', reason, actor.sector);
    return [r.id, { id: r.id, name: named ? `${r.given_name} ${r.family_name}`.trim() : null }];
  }));
}

/** The subject of each task (keyed `kind:id`), read in the reader's Door; one audit entry without child data. */
export async function taskSubjects(door: Door, tasks: ReadonlyArray<{ kind: string; id: string }>): Promise<Map<string, TaskSubject>> {
  const actor = door.actor;
  const result = new Map<string, TaskSubject>();
  if (actor.kind !== 'user' || tasks.length === 0) return result;
  return door.read(async (tx, audit) => {
    const unitReader = actor.isProtectionUnit && actor.roles.some((r) => r === 'caseworker' || r === 'supervisor');
    const byAnchor = await anchors(tx, actor.country, tasks);
    const all = [...byAnchor.values()];
    const uniq = (f: (a: Anchor) => string | null) => [...new Set(all.map(f).filter((x): x is string => x !== null))];
    const meetings = uniq((a) => a.meetingId);
    const meetingRows = meetings.length === 0 ? [] : await tx.selectFrom('meetings').select(['id', 'ref', 'signal_id']).where('country', '=', actor.country).where('id', 'in', meetings).execute();
    const meetingChildren = meetings.length === 0 ? [] : await tx.selectFrom('meeting_children').select(['meeting_id', 'child_id']).where('country', '=', actor.country).where('meeting_id', 'in', meetings).orderBy('child_id').execute();
    const signals = [...new Set([...uniq((a) => a.signalId), ...meetingRows.flatMap((m) => (m.signal_id ? [m.signal_id] : []))])];
    const signalRows = signals.length === 0 ? [] : await tx.selectFrom('signals').select(['id', 'ref', 'urgency', 'risk_level']).where('country', '=', actor.country).where('id', 'in', signals).execute();
    const signalChildren = signals.length === 0 ? [] : await tx.selectFrom('signal_children').select(['signal_id', 'child_id']).where('country', '=', actor.country).where('signal_id', 'in', signals).orderBy('child_id').execute();
    const cases = uniq((a) => a.caseId);
    const caseRows = cases.length === 0 ? [] : await tx.selectFrom('cases').select(['id', 'ref', 'risk_level', 'child_id', 'owner_id']).where('country', '=', actor.country).where('id', 'in', cases).execute();
    const children = await reachableChildren(door, tx, [...new Set([...caseRows.map((k) => k.child_id), ...signalChildren.map((s) => s.child_id), ...meetingChildren.map((m) => m.child_id), ...uniq((a) => a.childId ?? null)])]);
    const of = (list: string[]) => ({ child: list.map((id) => children.get(id)).find((c) => c !== undefined) ?? null, childCount: list.length });
    for (const t of tasks) {
      const subject = TASK_SUBJECTS[t.kind];
      const a = subject ? byAnchor.get(`${subject}:${t.id}`) : undefined;
      if (!a) continue;
      const worker = WORKER_OF[t.kind];
      let s: TaskSubject = { ...NO_SUBJECT };
      const k = a.caseId ? caseRows.find((r) => r.id === a.caseId) : undefined;
      const m = a.meetingId ? meetingRows.find((r) => r.id === a.meetingId) : undefined;
      const sig = signalRows.find((r) => r.id === (a.signalId ?? m?.signal_id ?? null));
      // Risk and urgency as the records' sharing gives them: a case's risk to whoever reads the
      // case (reaches its child); a signal's urgency to whoever reaches a child of it or is of the
      // unit, its screening's risk to the unit only (SIGNAL_LIST_SHARING).
      if (k) {
        const c = of([k.child_id]);
        s = { ...s, ...c, subjectKind: 'case', subjectRef: refOf(k), riskLevel: c.child ? k.risk_level : null };
      } else if (m || sig) {
        const c = of(m ? meetingChildren.filter((x) => x.meeting_id === m.id).map((x) => x.child_id) : signalChildren.filter((x) => x.signal_id === sig!.id).map((x) => x.child_id));
        s = {
          ...s, ...c, subjectKind: m ? 'meeting' : 'signal', subjectRef: refOf(m ?? sig!),
          riskLevel: unitReader ? (sig?.risk_level ?? null) : null, urgency: unitReader || c.child ? (sig?.urgency ?? null) : null,
        };
      } else if (a.childId) {
        s = { ...s, ...of([a.childId]), subjectRef: a.ref ?? null };
      }
      s.workerId = worker === 'responsible' ? a.responsibleId : worker === 'case_owner' ? (k?.owner_id ?? null) : null;
      result.set(`${t.kind}:${t.id}`, s);
    }
    if (children.size > 0) {
      await audit([{ chain: actor.country, action: 'task_list', entity: 'child', outcome: 'ok', detail: { count: children.size } }]);
    }
    return result;
  });
}
