import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import type { TaxonomyCode } from '../domain/taxonomies.ts';
import type { TrainingTopic } from '../domain/training-topics.ts';
import { issueCertificate } from './certificates.ts';
import { addParticipant, setAttendance, setResults } from './participants.ts';
import { createModule, createSession, recordNeed } from './registry.ts';
import { daysOf } from './trainings-reach.ts';

const DAY = 86_400_000;
const dayFrom = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

type Person = { name: string; sector: TaxonomyCode<'sector'>; organisation: string; org?: string; user?: string; position: string; days: 'all' | 'one'; scores?: [number, number, number]; certify?: boolean };
type CountrySeed = {
  trainer: string;
  modules: Array<{ title: string; topics: TrainingTopic[]; hours: number }>;
  past: { module: number; startIn: number; length: number; place: string; municipality: string; trainers: string[]; people: Person[] };
  upcoming: { module: number; startIn: number; length: number; place: string; municipality: string; trainers: string[] };
  needs: Array<{ sector: TaxonomyCode<'sector'>; topic: TrainingTopic; professionals: number; municipality: string; source: string; daysAgo: number }>;
};

/**
 * Demo trainings register (issue 14 §5), in the words of seed 003: modules on its four groups of
 * needs, a session held a month ago (participants from the demo units and their partners, with
 * test scores, ratings and certificates; one still to issue, one who came one day), a session to
 * come, and the needs found by the focus groups of Sofia, Stara Zagora and Harmanli.
 */
const SEEDS: CountrySeed[] = [
  {
    trainer: 'trainer',
    modules: [
      { title: 'Qasja e bazuar në të drejtat e fëmijës në punën për mbrojtjen e fëmijëve', topics: ['child_rights_participation'], hours: 12 },
      { title: 'Bashkëpunimi ndërinstitucional: shkolla, policia dhe shërbimet sociale', topics: ['multi_agency_collaboration', 'case_management_parents'], hours: 16 },
    ],
    past: {
      module: 1, startIn: -30, length: 2, place: 'Salla e Këshillit Bashkiak, Korçë', municipality: 'AL-06-03', trainers: ['Ardit Gjoka', 'Mimoza Hasani'],
      people: [
        { name: 'Elira Dervishi', sector: 'social_services', organisation: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', org: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', user: 'caseworker', position: 'Punonjëse për mbrojtjen e fëmijëve', days: 'all', scores: [55, 82, 5], certify: true },
        { name: 'Gentian Mema', sector: 'police', organisation: 'Drejtoria Vendore e Policisë Korçë', org: 'Drejtoria Vendore e Policisë Korçë', position: 'Inspektor për të miturit', days: 'all', scores: [48, 75, 4], certify: true },
        { name: 'Klodiana Rama', sector: 'education', organisation: 'Shkolla 9-vjeçare „Naim Frashëri“, Korçë', org: 'Shkolla 9-vjeçare „Naim Frashëri“, Korçë', position: 'Psikologe shkolle', days: 'all', scores: [60, 88, 5], certify: true },
        { name: 'Arta Dushku', sector: 'health', organisation: 'Qendra Shëndetësore Nr. 1 Korçë', org: 'Qendra Shëndetësore Nr. 1 Korçë', position: 'Infermiere', days: 'all', scores: [52, 70, 4] },
        { name: 'Sokol Bego', sector: 'ngo', organisation: 'Qendra Komunitare „Për Fëmijët“ Korçë', position: 'Punonjës social', days: 'one', scores: [40, 45, 3] },
      ],
    },
    upcoming: { module: 0, startIn: 12, length: 2, place: 'Qendra e Trajnimit, Tiranë', municipality: 'AL-11-04', trainers: ['Ardit Gjoka'] },
    needs: [
      { sector: 'education', topic: 'multi_agency_collaboration', professionals: 35, municipality: 'AL-06-03', source: 'Fokus-grup me mësues, Korçë', daysAgo: 60 },
      { sector: 'social_services', topic: 'case_management_parents', professionals: 12, municipality: 'AL-03-03', source: 'Intervista me punonjësit e NJMF', daysAgo: 45 },
    ],
  },
  {
    trainer: 'k.vasileva',
    modules: [
      { title: 'Работа с родители в конфликт и оценка на родителския капацитет', topics: ['case_management_parents'], hours: 16 },
      { title: 'Подкрепа за деца бежанци и непридружени деца', topics: ['vulnerable_groups', 'child_rights_participation'], hours: 8 },
    ],
    past: {
      module: 0, startIn: -25, length: 2, place: 'Регионален център, Пловдив', municipality: 'BG-16-12', trainers: ['Калина Василева', 'д-р Петър Николов'],
      people: [
        { name: 'Мария Иванова', sector: 'social_services', organisation: 'Отдел „Закрила на детето“ – Пловдив', org: 'Отдел „Закрила на детето“ – Пловдив', user: 'm.ivanova', position: 'Социален работник', days: 'all', scores: [58, 84, 5], certify: true },
        { name: 'Стефан Стоянов', sector: 'police', organisation: 'ОДМВР Пловдив', org: 'ОДМВР Пловдив', position: 'Инспектор ДПС', days: 'all', scores: [45, 72, 4], certify: true },
        { name: 'Десислава Маринова', sector: 'education', organisation: 'ОУ „Христо Ботев“ – Пловдив', org: 'ОУ „Христо Ботев“ – Пловдив', position: 'Училищен психолог', days: 'all', scores: [62, 90, 5], certify: true },
        { name: 'Иван Колев', sector: 'education', organisation: 'ОУ „Христо Ботев“ – Пловдив', org: 'ОУ „Христо Ботев“ – Пловдив', position: 'Учител', days: 'all', scores: [50, 76, 4] },
        { name: 'Гергана Петкова', sector: 'local_commission', organisation: 'МКБППМН Пловдив', position: 'Секретар', days: 'one', scores: [47, 55, 3] },
      ],
    },
    upcoming: { module: 1, startIn: 20, length: 1, place: 'Община Харманли, заседателна зала', municipality: 'BG-26-02', trainers: ['Калина Василева'] },
    needs: [
      { sector: 'education', topic: 'case_management_parents', professionals: 23, municipality: 'BG-22-01', source: 'Фокус група, София', daysAgo: 90 },
      { sector: 'education', topic: 'multi_agency_collaboration', professionals: 10, municipality: 'BG-24-11', source: 'Фокус група, Стара Загора', daysAgo: 88 },
      { sector: 'social_services', topic: 'vulnerable_groups', professionals: 21, municipality: 'BG-26-02', source: 'Фокус група, Харманли', daysAgo: 85 },
    ],
  },
];

export async function seedDemoTrainings(db: Kysely<DB>, share = 1): Promise<void> {
  const dir = await demoDirectory(db);
  for (const seed of SEEDS) {
    const door = await dir.door(seed.trainer);
    const modules = [];
    for (const m of seed.modules) modules.push(await createModule(door, m));
    const past = await createSession(door, {
      moduleId: modules[seed.past.module]!.id, startsOn: dayFrom(seed.past.startIn), endsOn: dayFrom(seed.past.startIn + seed.past.length - 1),
      place: seed.past.place, municipalityCode: seed.past.municipality, trainers: seed.past.trainers, mode: 'in_person',
    });
    for (const p of seed.past.people) {
      const made = await addParticipant(door, past.id, {
        name: p.name, sector: p.sector, organisation: p.organisation, organisationId: p.org ? dir.orgId(p.org) : null, position: p.position,
        municipalityCode: seed.past.municipality, userId: p.user ? dir.userId(p.user) : null,
      }, share);
      const days = daysOf(past.startsOn, past.endsOn);
      await setAttendance(door, past.id, made.id, p.days === 'all' ? days : days.slice(0, 1), share);
      if (p.scores) await setResults(door, past.id, made.id, { scoreBefore: p.scores[0], scoreAfter: p.scores[1], rating: p.scores[2] }, share);
      if (p.certify) await issueCertificate(door, past.id, made.id, share);
    }
    const u = seed.upcoming;
    await createSession(door, {
      moduleId: modules[u.module]!.id, startsOn: dayFrom(u.startIn), endsOn: dayFrom(u.startIn + u.length - 1), place: u.place,
      municipalityCode: u.municipality, trainers: u.trainers, mode: 'in_person',
    });
    for (const n of seed.needs) await recordNeed(door, { sector: n.sector, topic: n.topic, professionals: n.professionals, municipalityCode: n.municipality, source: n.source, recordedOn: dayFrom(-n.daysAgo) });
  }
}
