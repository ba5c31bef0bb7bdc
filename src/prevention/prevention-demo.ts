import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { recordActivity } from './activities.ts';
import type { ActivityInput } from './prevention-schema.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

type Seed = { user: string; daysAgo: number } & Omit<ActivityInput, 'heldOn'>;

/**
 * Demo prevention activities (issue 14 §4), in the words of seeds 000 and 002: sessions in schools
 * and community centres on violence, bullying and online safety, some organised with the children.
 * Korçë and Elbasan in Albania (the unit, the Korçë NGO), Plovdiv and Harmanli in Bulgaria.
 */
const SEEDS: Seed[] = [
  {
    user: 'caseworker', daysAgo: 40, ref: 'KO-2026-01', place: 'school', municipalityCode: 'AL-06-03', topic: 'bullying',
    title: 'Bullying dhe ngacmimi në internet – klasat VII–IX', facilitators: ['NJMF Korçë', 'Shkolla 9-vjeçare „Naim Frashëri“'],
    childrenReached: [{ ageGroup: '12-16', sex: 'female', children: 34 }, { ageGroup: '12-16', sex: 'male', children: 31 }],
    adults: { parents: 0, teachers: 6, professionals: 1 }, childrenCoOrganised: true,
  },
  {
    user: 'provider', daysAgo: 25, ref: 'QK-PF-07', place: 'community_centre', municipalityCode: 'AL-06-03', topic: 'violence',
    title: 'Bisedë me prindërit: edukimi pozitiv pa dhunë', facilitators: ['Qendra Komunitare „Për Fëmijët“ Korçë'],
    childrenReached: [{ ageGroup: '8-11', sex: 'female', children: 6 }, { ageGroup: '8-11', sex: 'male', children: 4 }],
    adults: { parents: 22, teachers: 0, professionals: 2 }, childrenCoOrganised: false,
  },
  {
    user: 'provider', daysAgo: 12, ref: 'QK-PF-08', place: 'online', municipalityCode: 'AL-06-03', topic: 'online_safety',
    title: 'Siguria në internet për fëmijët 8–11 vjeç', facilitators: ['Qendra Komunitare „Për Fëmijët“ Korçë'],
    childrenReached: [{ ageGroup: '8-11', sex: 'female', children: 12 }, { ageGroup: '8-11', sex: 'male', children: 15 }],
    adults: { parents: 3, teachers: 2, professionals: 0 }, childrenCoOrganised: false,
  },
  {
    user: 'e.cela', daysAgo: 30, ref: 'EL-2026-03', place: 'school', municipalityCode: 'AL-03-03', topic: 'child_marriage',
    title: 'Martesat e hershme – bisedë me vajzat dhe djemtë', facilitators: ['NJMF Elbasan'],
    childrenReached: [{ ageGroup: '12-16', sex: 'female', children: 18 }, { ageGroup: '12-16', sex: 'male', children: 3 }],
    adults: { parents: 0, teachers: 2, professionals: 0 }, childrenCoOrganised: false,
  },
  {
    user: 'm.ivanova', daysAgo: 35, ref: 'PD-2026-05', place: 'school', municipalityCode: 'BG-16-12', topic: 'online_safety',
    title: 'Безопасен интернет – беседа в ОУ „Христо Ботев“', facilitators: ['ОЗД Пловдив', 'ОУ „Христо Ботев“ – Пловдив'],
    childrenReached: [{ ageGroup: '8-11', sex: 'female', children: 26 }, { ageGroup: '8-11', sex: 'male', children: 24 }],
    adults: { parents: 0, teachers: 4, professionals: 0 }, childrenCoOrganised: false,
  },
  {
    user: 'v.georgieva', daysAgo: 18, ref: 'CSP-PD-11', place: 'community_centre', municipalityCode: 'BG-16-12', topic: 'trafficking_migration',
    title: 'Трафик на хора и рискова миграция – младежки клуб', facilitators: ['Център за обществена подкрепа – Пловдив', 'МКБППМН Пловдив'],
    childrenReached: [{ ageGroup: '12-16', sex: 'female', children: 9 }, { ageGroup: '12-16', sex: 'male', children: 11 }, { ageGroup: '17-18', sex: 'female', children: 3 }],
    adults: { parents: 0, teachers: 0, professionals: 5 }, childrenCoOrganised: true,
  },
  {
    user: 'n.dimitrova', daysAgo: 50, ref: 'HR-2026-02', place: 'other', municipalityCode: 'BG-26-02', topic: 'child_rights',
    title: 'Правата на детето – среща в регистрационно-приемателния център', facilitators: ['ОЗД Харманли'],
    childrenReached: [{ ageGroup: '12-16', sex: 'male', children: 14 }, { ageGroup: '17-18', sex: 'male', children: 6 }],
    adults: { parents: 0, teachers: 0, professionals: 3 }, childrenCoOrganised: false,
  },
];

export async function seedDemoPrevention(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  for (const { user, daysAgo: n, ...activity } of SEEDS) await recordActivity(await dir.door(user), { ...activity, heldOn: daysAgo(n) });
}
