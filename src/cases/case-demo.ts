import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { recordAssessment } from '../assessments/assessments.ts';
import { openCase } from './case-open.ts';
import { approvePlan, createPlan, submitPlan } from '../plans/plans.ts';
import { assignCase, requestClosure } from './case-decisions.ts';
import { getCase, listCases } from './case-records.ts';
import { createChild } from '../children/child-records.ts';
import { systemDoor } from '../policy/door.ts';

/**
 * Demo cases — never for production. A handful of Korçë cases owned by the demo `caseworker`, one
 * in each state the demo walks through (open, assessed, plan in force, closure pending), written
 * through the policy layer by a system handle and dated in the past so that deadlines show. The
 * cases the demo signals' screening opened are given to the caseworker too.
 */
const DAY = 86_400_000;

export async function seedDemoCases(db: Kysely<DB>): Promise<void> {
  const door = systemDoor(db, 'seed-demo');
  const users = await db.selectFrom('users').innerJoin('organisations as o', 'o.id', 'users.organisation_id')
    .select(['users.id', 'users.username', 'o.id as org_id', 'o.country']).where('users.username', 'in', ['caseworker']).execute();
  const cw = users.find((u) => u.username === 'caseworker');
  if (!cw) return;

  // The screening of the demo signals opened cases without an owner: the caseworker takes them.
  const unassigned = await listCases(door, { owner: 'unassigned', status: 'active', limit: 50, offset: 0 });
  for (const c of unassigned.items.filter((i) => i.unitName.includes('Korçë'))) {
    await assignCase(door, c.id, { ownerId: cw.id, version: (await getCase(door, c.id)).version });
  }

  const states = [
    { givenName: 'Drita', familyName: 'Gjoni', sex: 'female', birthDate: '2015-08-14', daysAgo: 3, risk: 'medium', to: 'open' },
    { givenName: 'Alban', familyName: 'Shehu', sex: 'male', birthDate: '2012-02-20', daysAgo: 12, risk: 'high', to: 'assessed' },
    { givenName: 'Ela', familyName: 'Marku', sex: 'female', birthDate: '2010-10-03', daysAgo: 60, risk: 'medium', to: 'plan_in_force' },
    { givenName: 'Noel', familyName: 'Duka', sex: 'male', birthDate: '2008-05-11', daysAgo: 200, risk: 'low', to: 'closure_pending' },
  ] as const;
  for (const s of states) {
    const child = await createChild(door, { givenName: s.givenName, familyName: s.familyName, sex: s.sex, birthDate: s.birthDate, municipalityCode: 'AL-06-03', languages: ['sq'] }, { unitId: cw.org_id, country: cw.country, ownerId: cw.id });
    const openedAt = new Date(Date.now() - s.daysAgo * DAY);
    const { id } = await openCase(door, { childId: child.id, riskLevel: s.risk, ownerId: cw.id }, { openedAt });
    if (s.to === 'open') continue;
    const at = (days: number) => new Date(openedAt.getTime() + days * DAY).toISOString();
    await recordAssessment(door, id, { kind: 'initial', assessedAt: at(4), summary: 'Home visit: the family accepts support; school attendance is irregular.', childViews: 'Wants to stay at home and go back to school.' });
    if (s.to === 'assessed') continue;
    const plan = await createPlan(door, id, {
      goals: [{ domain: 'education', description: 'Regular school attendance.' }],
      actions: [{ goalIndex: 0, service: 'education_support', description: 'Weekly check with the school.', responsibleName: 'School psychologist', dueDate: at(s.daysAgo + 20).slice(0, 10), status: 'planned' }],
      childParticipation: 'Took part in the planning meeting.',
      childViews: 'Agrees with the plan.',
    });
    const submitted = await submitPlan(door, id, plan.id, plan.version);
    await approvePlan(door, id, plan.id, submitted.version);
    if (s.to === 'plan_in_force') continue;
    await requestClosure(door, id, { reason: 'goals_met', note: 'Goals of the plan met; the family no longer needs the unit.', version: (await getCase(door, id)).version });
  }
}
