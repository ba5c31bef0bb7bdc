import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { addAdvocacy, addMember, createBoard, recordMeeting, respondToView } from './board-writes.ts';
import type { BoardDetail, MeetingInput, MemberInput } from './boards-schema.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

type Member = Omit<MemberInput, 'childConsentOn' | 'guardianConsentOn' | 'joinedOn' | 'leftOn'> & { joined: number };
type Meeting = { daysAgo: number; place: string; topics: string[]; views: MeetingInput['views'] };
type Answer = { statement: string; action: string; byWhom: string; after: number; status: 'in_progress' | 'answered' };
type Seed = { user: string; name: string; municipalityCode: string; established: number; members: Member[]; meetings: Meeting[]; answers: Answer[]; advocacy: Array<{ description: string; daysAgo: number; status: 'planned' | 'in_progress' | 'done' }> };

/**
 * Demo child consultation boards (issue 14 §3, seed 004): one in Korçë convened by the unit, one in
 * Plovdiv convened by the NGO; each with members known by pseudonyms, three monthly meetings, the
 * views the children raised, some answered, and the advocacy actions they chose.
 */
const SEEDS: Seed[] = [
  {
    user: 'caseworker', name: 'Këshilli i fëmijëve – Korçë', municipalityCode: 'AL-06-03', established: 120,
    members: [
      { pseudonym: 'Yllka', ageBand: '12-16', sex: 'female', joined: 110 },
      { pseudonym: 'Dielli', ageBand: '12-16', sex: 'male', joined: 110 },
      { pseudonym: 'Flutura', ageBand: '8-11', sex: 'female', joined: 110 },
      { pseudonym: 'Shqiponja', ageBand: '17-18', sex: 'female', joined: 100 },
      { pseudonym: 'Guri', ageBand: '12-16', sex: 'male', joined: 70 },
    ],
    meetings: [
      { daysAgo: 95, place: 'Qendra rinore, Korçë', topics: ['Si ndihemi në shkollë', 'Ku duam të takojmë punonjësin'], views: [
        { statement: 'Disa fëmijë ngacmohen në oborrin e shkollës dhe mësuesit nuk e shohin.', themes: ['school_bullying'] },
        { statement: 'Do të donim ta takonim punonjësin në shkollë, jo në shtëpi.', themes: ['unit_services', 'participation'] },
      ] },
      { daysAgo: 65, place: 'Qendra rinore, Korçë', topics: ['Siguria në internet'], views: [
        { statement: 'Nuk dimë kujt t’i tregojmë kur dikush na shqetëson në internet.', themes: ['online_safety'] },
        { statement: 'Rruga për në shkollë nuk ka ndriçim në dimër.', themes: ['community_safety'] },
      ] },
      { daysAgo: 35, place: 'Zyra e Njësisë për mbrojtjen e fëmijëve', topics: ['Koha e lirë', 'Shërbimet e njësisë'], views: [
        { statement: 'Nuk ka vende ku të luajmë pas shkollës në lagjen tonë.', themes: ['leisure', 'community_safety'] },
      ] },
    ],
    answers: [
      { statement: 'Disa fëmijë', action: 'Njësia takoi drejtorin e shkollës; u caktuan mësues kujdestarë në oborr gjatë pushimeve.', byWhom: 'NJMF Korçë dhe drejtoria e shkollës', after: 20, status: 'answered' },
      { statement: 'Do të donim', action: 'Punonjësit i presin fëmijët në shkollë ose në zyrë kur fëmija e kërkon.', byWhom: 'NJMF Korçë', after: 10, status: 'answered' },
      { statement: 'Nuk dimë kujt', action: 'U planifikua një seancë për sigurinë në internet me Linjën ALO 116 111.', byWhom: 'NJMF Korçë', after: 15, status: 'in_progress' },
    ],
    advocacy: [
      { description: 'Letër kryetarit të bashkisë për ndriçimin e rrugës për në shkollë', daysAgo: 60, status: 'done' },
      { description: 'Prezantim në këshillin bashkiak për një kënd lojërash në lagje', daysAgo: 30, status: 'planned' },
    ],
  },
  {
    user: 'v.georgieva', name: 'Детски консултативен съвет – Пловдив', municipalityCode: 'BG-16-12', established: 130,
    members: [
      { pseudonym: 'Слънчо', ageBand: '12-16', sex: 'male', joined: 120 },
      { pseudonym: 'Звезда', ageBand: '12-16', sex: 'female', joined: 120 },
      { pseudonym: 'Вятър', ageBand: '17-18', sex: 'male', joined: 120 },
      { pseudonym: 'Роза', ageBand: '8-11', sex: 'female', joined: 90 },
    ],
    meetings: [
      { daysAgo: 100, place: 'Център за обществена подкрепа – Пловдив', topics: ['Училище', 'Семейство'], views: [
        { statement: 'Децата, които се връщат от чужбина, изостават в училище и никой не им помага.', themes: ['school_bullying', 'family_care'] },
      ] },
      { daysAgo: 70, place: 'Център за обществена подкрепа – Пловдив', topics: ['Услугите за деца'], views: [
        { statement: 'Искаме да знаем какво става с нашия случай, без да питаме родителите.', themes: ['unit_services', 'participation'] },
        { statement: 'Личният лекар не ни обяснява нищо, говори само с родителите.', themes: ['health'] },
      ] },
      { daysAgo: 40, place: 'Младежки клуб, Пловдив', topics: ['Безопасност в интернет'], views: [
        { statement: 'Непознати пишат на по-малките деца в игрите онлайн.', themes: ['online_safety'] },
      ] },
    ],
    answers: [
      { statement: 'Децата, които', action: 'Училището откри група за допълнителна подкрепа по български език.', byWhom: 'ОУ „Христо Ботев“ и ЦОП Пловдив', after: 30, status: 'answered' },
      { statement: 'Искаме да знаем', action: 'Отдел „Закрила на детето“ ще обяснява на детето всяка стъпка по случая.', byWhom: 'ОЗД Пловдив', after: 25, status: 'answered' },
    ],
    advocacy: [
      { description: 'Среща с общинския съвет за безопасността на децата в интернет', daysAgo: 35, status: 'in_progress' },
    ],
  },
];

export async function seedDemoBoards(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  for (const seed of SEEDS) {
    const door = await dir.door(seed.user);
    let board: BoardDetail = await createBoard(door, { name: seed.name, municipalityCode: seed.municipalityCode, establishedOn: daysAgo(seed.established) });
    for (const { joined, ...m } of seed.members) {
      board = await addMember(door, board.id, { ...m, childConsentOn: daysAgo(joined + 3), guardianConsentOn: daysAgo(joined + 2), joinedOn: daysAgo(joined) });
    }
    for (const m of seed.meetings) {
      const present = board.members.filter((x) => x.joinedOn <= daysAgo(m.daysAgo)).map((x) => x.id);
      board = await recordMeeting(door, board.id, { heldOn: daysAgo(m.daysAgo), place: m.place, topics: m.topics, attendance: present, views: m.views });
    }
    for (const a of seed.answers) {
      const view = board.viewList.find((v) => v.statement.startsWith(a.statement))!;
      board = await respondToView(door, board.id, { viewId: view.id, action: a.action, byWhom: a.byWhom, respondedOn: daysAgo(Math.max(0, daysAgoOf(view.raisedOn) - a.after)), status: a.status });
    }
    for (const a of seed.advocacy) board = await addAdvocacy(door, board.id, { description: a.description, chosenOn: daysAgo(a.daysAgo), status: a.status });
  }
}

const daysAgoOf = (day: string) => Math.round((Date.parse(daysAgo(0)) - Date.parse(day)) / DAY);
