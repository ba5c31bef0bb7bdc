import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { recordAssessment } from '../assessments/assessments.ts';
import { openCase } from './case-open.ts';
import { approvePlan, createPlan, submitPlan } from '../plans/plans.ts';
import { assignCase, requestClosure } from './case-decisions.ts';
import { getCase, listCases } from './case-records.ts';
import { createChild } from '../children/child-records.ts';
import { recordContact } from '../contacts/contacts.ts';
import { systemDoor } from '../policy/door.ts';
import { demoDirectory } from '../demo/demo-doors.ts';

/**
 * Demo cases — never for production. Korçë cases owned by the demo `caseworker`, one in each
 * state the demo walks through: just opened; opened a week ago at high risk (its initial
 * assessment due today); assessed; a plan waiting for the supervisor's approval; a plan in force
 * (with an action for the provider and one for the caseworker due today; the child last seen six
 * weeks ago); closure pending. Only
 * the opening, dated in the past, is the system's; every later step is taken by the person who
 * would take it (the caseworker, the supervisor), so the timeline names them. The cases the
 * demo signals' screening opened are assigned to the caseworker by the supervisor.
 */
const DAY = 86_400_000;
const NGO = 'Qendra Komunitare „Për Fëmijët“ Korçë';

/** Today in Korçë's time zone, as YYYY-MM-DD. */
function todayInKorce(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tirane', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export async function seedDemoCases(db: Kysely<DB>): Promise<void> {
  const system = systemDoor(db, 'seed-demo');
  const dir = await demoDirectory(db);
  const cw = await db.selectFrom('users').innerJoin('organisations as o', 'o.id', 'users.organisation_id')
    .select(['users.id', 'o.id as org_id', 'o.country']).where('users.username', '=', 'caseworker').executeTakeFirst();
  if (!cw) return;
  const caseworker = await dir.door('caseworker');
  const supervisor = await dir.door('supervisor');

  // The screening of the demo signals opened cases without an owner: the supervisor gives them to the caseworker.
  const unassigned = await listCases(supervisor, { owner: 'unassigned', status: 'active', limit: 50, offset: 0 });
  for (const c of unassigned.items) {
    await assignCase(supervisor, c.id, { ownerId: cw.id, version: (await getCase(supervisor, c.id)).version });
  }

  const today = todayInKorce();
  const states = [
    { givenName: 'Drita', familyName: 'Gjoni', sex: 'female', birthDate: '2015-08-14', daysAgo: 3, risk: 'medium', to: 'open' },
    // High risk: 7 days for the initial assessment, so it is due by the end of today.
    { givenName: 'Besart', familyName: 'Muka', sex: 'male', birthDate: '2013-03-09', daysAgo: 7, risk: 'high', to: 'open' },
    { givenName: 'Alban', familyName: 'Shehu', sex: 'male', birthDate: '2012-02-20', daysAgo: 12, risk: 'high', to: 'assessed' },
    // A plan submitted and waiting for the supervisor's approval.
    { givenName: 'Jonida', familyName: 'Bega', sex: 'female', birthDate: '2014-06-02', daysAgo: 25, risk: 'medium', to: 'plan_submitted' },
    { givenName: 'Ela', familyName: 'Marku', sex: 'female', birthDate: '2010-10-03', daysAgo: 60, risk: 'medium', to: 'plan_in_force' },
    { givenName: 'Noel', familyName: 'Duka', sex: 'male', birthDate: '2008-05-11', daysAgo: 200, risk: 'low', to: 'closure_pending' },
  ] as const;
  for (const s of states) {
    const child = await createChild(system, { givenName: s.givenName, familyName: s.familyName, sex: s.sex, birthDate: s.birthDate, municipalityCode: 'AL-06-03', languages: ['sq'] }, { unitId: cw.org_id, country: cw.country, ownerId: cw.id });
    const openedAt = new Date(Date.now() - s.daysAgo * DAY);
    const { id } = await openCase(system, { childId: child.id, riskLevel: s.risk, ownerId: cw.id }, { openedAt });
    if (s.to === 'open') continue;
    const at = (days: number) => new Date(openedAt.getTime() + days * DAY).toISOString();
    await recordAssessment(caseworker, id, { kind: 'initial', assessedAt: at(4), summary: 'Home visit: the family accepts support; school attendance is irregular.', childViews: 'Wants to stay at home and go back to school.' });
    if (s.to === 'assessed') continue;
    const actionsOfPlan = s.to === 'plan_in_force';
    const plan = await createPlan(caseworker, id, {
      goals: [{ domain: 'education', description: 'Regular school attendance.' }, { domain: 'family_caregiving', description: 'The parents manage the household without leaving the children alone.' }],
      actions: [
        { goalIndex: 0, service: 'education_support', description: 'Weekly check with the school.', responsibleName: 'School psychologist', dueDate: addDays(today, 20), status: 'planned' },
        ...(actionsOfPlan ? [
          { goalIndex: 1, service: 'family_support' as const, description: 'Parenting sessions with the mother, twice a month.', responsibleOrgId: dir.orgId(NGO), dueDate: addDays(today, 6), status: 'planned' as const },
          { goalIndex: 1, service: 'other' as const, description: 'Home visit to check how the plan is going.', responsibleUserId: cw.id, dueDate: today, status: 'planned' as const },
        ] : []),
      ],
      childParticipation: 'Took part in the planning meeting.',
      childViews: 'Agrees with the plan.',
    });
    const submitted = await submitPlan(caseworker, id, plan.id, plan.version);
    if (s.to === 'plan_submitted') continue;
    await approvePlan(supervisor, id, plan.id, submitted.version);
    if (s.to === 'plan_in_force') {
      // Last seen six weeks ago: Home lists the child among those not seen for a long time.
      // The child's views (issue 14 §2): she would rather not be visited at home.
      await recordContact(caseworker, id, {
        kind: 'school_visit', occurredAt: new Date(Date.now() - 52 * DAY).toISOString(), present: ['The school psychologist'], childSeen: true, childHeardAlone: true,
        notes: 'Talked with the child at school during the break.', childSaid: 'Më vjen turp kur vini në shtëpi, fqinjët pyesin. Dua të takohemi diku tjetër.', preferredPlace: 'school',
      });
      await recordContact(caseworker, id, {
        kind: 'home_visit', occurredAt: new Date(Date.now() - 45 * DAY).toISOString(), present: ['The mother'], childSeen: true, childHeardAlone: true,
        notes: 'The child was at home with her mother; no concerns.', childSaid: 'Tani shkoj çdo ditë në shkollë.', preferredPlace: 'unit_office',
      });
      continue;
    }
    await requestClosure(caseworker, id, { reason: 'goals_met', note: 'Goals of the plan met; the family no longer needs the unit.', version: (await getCase(caseworker, id)).version });
  }
}
