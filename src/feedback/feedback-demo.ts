import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { localDay } from '../domain/deadlines.ts';
import type { Language } from '../domain/i18n/languages.ts';
import { systemDoor } from '../policy/door.ts';
import { quarterOf } from './kiosk-public.ts';
import type { KioskInput } from './feedback-schema.ts';
import { createKiosk, publishNote } from './kiosks.ts';

/**
 * Demo feedback kiosks (issue 14 §1), in the spirit of seed 000 ("I wish we could meet somewhere
 * else"): one per demo unit with a supervisor, in Albania and Bulgaria, and one of a provider in
 * each country (the Korçë community centre, user `provider`; the Plovdiv community support
 * centre, `v.georgieva`), each with ten answers this quarter and six the quarter before (so the
 * results show above the threshold of 5), one free text waiting for review — a provider's by the
 * supervisor of its municipality's unit (`supervisor`, `g.petrov`) — and a "you said, we did" note.
 */
type Seed = {
  user: string; label: string; languages: Language[]; zone: string; service?: KioskInput['service'];
  text: string; note: { language: Language; youSaid: string; weDid: string };
};
const SEEDS: Seed[] = [
  { user: 'supervisor', label: 'Zyra e NJMF Korçë – salla e pritjes', languages: ['sq', 'en'], zone: 'Europe/Tirane',
    text: 'Do të doja që punonjësja të vinte në shkollë dhe jo në shtëpi, sepse më vjen turp para fqinjëve.',
    note: { language: 'sq', youSaid: 'Disa prej jush nuk duan që punonjësi të vijë në shtëpi.', weDid: 'Tani mund të zgjidhni të shiheni me punonjësin në shkollë ose në zyrë.' } },
  { user: 'b.kasa', label: 'NJMF Elbasan – vizitat në familje', languages: ['sq'], zone: 'Europe/Tirane',
    text: 'Më dëgjuan, por prapë nuk ndryshoi asgjë në shtëpi.',
    note: { language: 'sq', youSaid: 'Donit më shumë kohë për të folur.', weDid: 'Bisedat zgjasin tani më shumë dhe flasim vetëm me ju.' } },
  { user: 'l.muca', label: 'NJMF Durrës – zyra', languages: ['sq', 'en'], zone: 'Europe/Tirane',
    text: 'Dhoma e pritjes është e mërzitshme, doja lodra.',
    note: { language: 'sq', youSaid: 'Dhoma e pritjes ishte e mërzitshme.', weDid: 'Shtuam libra dhe lodra.' } },
  { user: 'g.petrov', label: 'ОЗД Пловдив – стая за деца', languages: ['bg', 'en'], zone: 'Europe/Sofia',
    text: 'Искам да говоря с някого насаме, без мама.',
    note: { language: 'bg', youSaid: 'Искахте да говорите без родителите.', weDid: 'Всеки разговор вече започва насаме с вас.' } },
  { user: 'n.dimitrova', label: 'ОЗД Харманли – посещения', languages: ['bg', 'en'], zone: 'Europe/Sofia',
    text: 'Социалната дойде много рано сутринта и закъснях за училище.',
    note: { language: 'bg', youSaid: 'Посещенията бяха в час на училище.', weDid: 'Вече идваме следобед.' } },
  // Providers' kiosks: their texts go to the supervisor of the municipality's unit, not to the centre's staff.
  { user: 'provider', label: 'Qendra Komunitare „Për Fëmijët“ Korçë – këndi i lojërave', languages: ['sq', 'en'], zone: 'Europe/Tirane', service: 'day_centre',
    text: 'Një edukatore më bërtet kur vonohem dhe më lë pa drekë.',
    note: { language: 'sq', youSaid: 'Donit më shumë lojëra në pasdite.', weDid: 'Çdo të mërkurë kemi tani pasdite lojërash.' } },
  { user: 'v.georgieva', label: 'ЦОП Пловдив – стая за игра', languages: ['bg', 'en'], zone: 'Europe/Sofia', service: 'day_centre',
    text: 'Един от възпитателите ни заключва в стаята, когато сме шумни.',
    note: { language: 'bg', youSaid: 'Искахте повече време навън.', weDid: 'Всеки ден излизаме на двора след обяд.' } },
];

/** Faces of the demo answers: mostly good, some not (seed 000: 4.7 of 5, and some felt ashamed). */
const FACES = [[5, 5, 4], [4, 5, 4], [5, 4, 5], [3, 4, 3], [5, 5, 5], [2, 3, 2], [4, 4, 4], [5, 5, 4], [4, 5, 5], [5, 4, 4]] as const;
const PLACES = ['school', 'home', 'unit_office', 'school', 'elsewhere', 'school', null, 'unit_office', 'home', 'school'] as const;
const BANDS = ['9_12', '13_17', 'up_to_8', '9_12', '13_17', '9_12', '13_17', '9_12', 'up_to_8', null] as const;

/** `n` days before today in the zone, but not before the first day of today's quarter. */
function dayInQuarter(zone: string, n: number): string {
  const today = localDay(new Date(), zone);
  const start = `${today.slice(0, 4)}-${String((Math.ceil(Number(today.slice(5, 7)) / 3) - 1) * 3 + 1).padStart(2, '0')}-01`;
  const day = localDay(new Date(Date.now() - n * 86_400_000), zone);
  return day < start ? start : day;
}
/** A day of the previous quarter. */
function dayLastQuarter(zone: string): string {
  const today = localDay(new Date(), zone);
  const q = Math.ceil(Number(today.slice(5, 7)) / 3);
  const year = q === 1 ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));
  const month = q === 1 ? 11 : (q - 2) * 3 + 2;
  return `${year}-${String(month).padStart(2, '0')}-15`;
}

export async function seedDemoFeedback(db: Kysely<DB>): Promise<void> {
  const dir = await demoDirectory(db);
  const system = systemDoor(db, 'seed-demo');
  for (const seed of SEEDS) {
    const door = await dir.door(seed.user);
    const kiosk = await createKiosk(door, { label: seed.label, service: seed.service ?? 'casework', languages: seed.languages }, 'http://localhost');
    await publishNote(door, kiosk.id, seed.note);
    const country = door.actor.kind === 'user' ? door.actor.country : 'AL';
    await system.transaction(async (tx, audit) => {
      const rows = [
        ...FACES.map((f, i) => ({ day: dayInQuarter(seed.zone, i * 3), faces: f, place: PLACES[i] ?? null, band: BANDS[i] ?? null, text: i === 0 ? seed.text : null })),
        ...FACES.slice(0, 6).map((f, i) => ({ day: dayLastQuarter(seed.zone), faces: f, place: PLACES[i + 1] ?? null, band: BANDS[i + 1] ?? null, text: null })),
      ];
      await tx.insertInto('kiosk_answers').values(rows.map((r) => ({
        country, kiosk_id: kiosk.id, submitted_on: r.day, quarter: quarterOf(r.day), felt: r.faces[0], listened: r.faces[1], better: r.faces[2],
        meet_place: r.place, age_band: r.band, free_text: r.text,
      }))).execute();
      await audit([{ chain: country, action: 'seed_demo', entity: 'kiosk_answer', entityId: kiosk.id, outcome: 'ok', detail: { count: rows.length } }]);
    });
  }
}
