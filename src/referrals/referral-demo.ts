import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Service } from '../cases/case-workflow.ts';
import { listCases } from '../cases/case-records.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { acceptReferral, completeReferral, makeReferral, recordReferralService } from './referrals.ts';

/**
 * Demo referrals — never for production. The Korçë unit's caseworker refers children of her
 * cases to the demo `provider` (the community centre in Korçë), which finds three referrals waiting
 * for its answer (one sent three weeks ago, overdue), two accepted with services to carry out (one with sessions already recorded),
 * and one completed. Each step is taken by the person who takes it, so timelines name them.
 */
const NGO = 'Qendra Komunitare „Për Fëmijët“ Korçë';
const DAY = 86_400_000;

type DemoReferral = {
  child: string;
  service: Service;
  request: string;
  consent: 'given' | 'refused';
  to: 'pending' | 'accepted' | 'completed';
  /** Sent this many days ago (a referral long unanswered: overdue for both sides). */
  daysAgo?: number;
  services?: Array<{ daysAgo: number; description: string; sessions: number }>;
};

const REFERRALS: DemoReferral[] = [
  { child: 'Erion Leka', service: 'education_support', request: 'Afternoon classes to catch up and return to school; the boy has been out of school for a year.', consent: 'given', to: 'pending' },
  { child: 'Alban Shehu', service: 'psychological_counselling', request: 'Counselling for the boy after his father\'s violence at home.', consent: 'given', to: 'pending', daysAgo: 21 },
  { child: 'Drita Gjoni', service: 'psychosocial_support', request: 'Group sessions for the child after her parents\' separation.', consent: 'given', to: 'pending' },
  {
    child: 'Sara Leka', service: 'day_care', request: 'Day care after school while the mother attends the employment programme.', consent: 'given', to: 'accepted',
    services: [
      { daysAgo: 6, description: 'First afternoon at the centre; settled in well with the group.', sessions: 1 },
      { daysAgo: 2, description: 'Three afternoons this week, homework support.', sessions: 3 },
    ],
  },
  { child: 'Ana Krasniqi', service: 'psychological_counselling', request: 'Weekly counselling after violence at home; the school psychologist sees her too.', consent: 'refused', to: 'accepted' },
  {
    child: 'Ela Marku', service: 'family_support', request: 'Parenting sessions for the mother, as agreed in the protection plan.', consent: 'given', to: 'completed',
    services: [{ daysAgo: 20, description: 'Four parenting sessions with the mother.', sessions: 4 }],
  },
];

/** How many demo referrals wait for the provider's answer (the walk-through counts its own besides). */
export const DEMO_REFERRALS_TO_ANSWER = REFERRALS.filter((r) => r.to === 'pending').length;

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

export async function seedDemoReferrals(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  const caseworker = await dir.door('caseworker');
  const provider = await dir.door('provider');
  const cases = (await listCases(caseworker, { owner: 'me', status: 'active', limit: 100, offset: 0 })).items;
  for (const r of REFERRALS) {
    const kase = cases.find((c) => c.childName === r.child);
    if (!kase) continue;
    const made = await makeReferral(caseworker, kase.id, {
      providerOrgId: dir.orgId(NGO), service: r.service, request: r.request,
      consentChild: 'given', consentCaregiver: r.consent,
      bestInterestsReason: r.consent === 'given' ? null : 'The father refuses; the child needs counselling now and the mother agrees.',
    }, r.daysAgo ? { referredAt: new Date(Date.now() - r.daysAgo * DAY) } : {});
    if (r.to === 'pending') continue;
    const accepted = await acceptReferral(provider, made.id, made.version);
    for (const s of r.services ?? []) {
      await recordReferralService(provider, made.id, { deliveredOn: day(s.daysAgo), description: s.description, sessions: s.sessions });
    }
    if (r.to === 'completed') await completeReferral(provider, made.id, { outcome: 'The mother now follows the children\'s school days and keeps to the household budget.', version: accepted.version });
  }
}
