import { SHIPPED_COUNTRIES } from '../../domain/reference/reference.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { familyNames, givenNames } from './names.ts';
import { Prng, spread } from './prng.ts';
import { type Expected, type GenMeeting, type GenSignal, expectedReport } from './expected.ts';

/**
 * The generator: a seeded, deterministic year of signals and meetings in the interchange format,
 * with the monitoring report they must give, computed here from what was generated (not from the
 * targets). With `figures` it reproduces exact counts (the bulgaria-2019 case, ./cases.ts);
 * without, it draws every value from distributions shaped like the seed's.
 */
export type Figures = {
  bySource: Partial<Record<string, number>>;
  byHarmType: Partial<Record<string, number>>;
  byPlace: Partial<Record<string, number>>;
  byPerpetrator: Partial<Record<string, number>>;
  children: Record<string, Partial<Record<'female' | 'male' | 'unknown', number>>>;
  meetingsByType: Partial<Record<string, number>>;
  meetingsByRegion: Partial<Record<string, number>>;
  otherRegionsBelow: number;
  fewest: string[];
};

export type GeneratorSpec = { seed: number; year: number; country: string; signals: number; refPrefix?: string; figures?: Figures };
export type Generated = { signalsCsv: string; meetingsCsv: string; expected: Expected; signalRows: number };

// Shapes of the random mode: the seed's 2019 proportions.
const SOURCE_W = { police: 302, mother: 197, father: 85, neighbour: 29, relative: 49, friend: 28, stranger: 16, helpline: 128, gp: 31, health_facility: 84, education: 158, child_self: 76, another_child: 17, social_services: 120, anonymous: 70, ngo: 45, guardian: 40, other: 40, justice: 30 };
const HARM_W = { physical: 649, sexual: 333, psychological: 365, neglect: 219, cyberbullying: 19, labour_exploitation: 8, begging: 6, school_dropout: 10, abandonment: 5 };
const PLACE_W = { family: 670, other: 103, school: 98, acquaintances: 90, street: 84, online: 35, kindergarten: 20, residential_institution: 15, unknown: 430 };
const PERP_W = { father: 297, mother: 230, neighbour_acquaintance: 203, other: 159, another_child: 141, relative: 76, teacher: 19, stranger: 35, step_parent: 28, sibling: 22, caretaker: 10 };
const AGE_SEX_W = { '0-3|female': 40, '0-3|male': 45, '4-7|female': 75, '4-7|male': 85, '8-11|female': 117, '8-11|male': 128, '12-16|female': 421, '12-16|male': 163, '17-18|female': 70, '17-18|male': 34, '12-16|unknown': 4 };
const TYPE_W = { initial_signal: 1283, follow_up: 226, crisis_intervention: 31, procedural: 64 };
const AGE_RANGE: Record<string, [number, number]> = { '0-3': [0, 3], '4-7': [4, 7], '8-11': [8, 11], '12-16': [12, 16], '17-18': [17, 18] };
const DESCRIPTIONS = [
  '', 'Reported by phone; the child was seen at home.', 'Bruises noticed at school, teacher "worried".', 'Neighbours heard shouting,\nrepeatedly at night.',
  'Anonymous call about a child left alone', 'Referred by the police station', '',
];

type Municipality = { code: string; nameLocal: string; nameEn: string; region: string; uniqueName: boolean };

function municipalitiesOf(country: string) {
  const file = SHIPPED_COUNTRIES.find((c) => c.code === country);
  if (!file) throw new Error(`No shipped reference data for ${country}`);
  const all: Municipality[] = [];
  const names = new Map<string, number>();
  for (const r of file.regions) for (const m of r.municipalities) for (const n of [m.nameLocal, m.nameEn]) names.set(n.toLowerCase(), (names.get(n.toLowerCase()) ?? 0) + 1);
  for (const r of file.regions) {
    for (const m of r.municipalities) {
      const uniqueName = names.get(m.nameLocal.toLowerCase()) === (m.nameLocal === m.nameEn ? 2 : 1) && names.get(m.nameEn.toLowerCase()) === (m.nameLocal === m.nameEn ? 2 : 1);
      all.push({ code: m.code, nameLocal: m.nameLocal, nameEn: m.nameEn, region: r.code, uniqueName });
    }
  }
  const byRegion = new Map<string, Municipality[]>();
  for (const m of all) byRegion.set(m.region, [...(byRegion.get(m.region) ?? []), m]);
  return { regions: file.regions.map((r) => r.code), byRegion: (code: string) => byRegion.get(code) ?? [] };
}

function pad(n: number, w = 6): string {
  return String(n).padStart(w, '0');
}

function dateOf(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

/** A birth date that makes the child exactly `age` on `day`, never 29 February. */
function birthFor(prng: Prng, day: string, age: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - prng.between(1, 360));
  if (d.getUTCMonth() === 1 && d.getUTCDate() === 29) d.setUTCDate(28);
  return d.toISOString().slice(0, 10);
}

/** Meetings per region: the named ones as given, the others filled below the threshold. */
function regionCounts(prng: Prng, regions: string[], total: number, figures?: Figures): Record<string, number> {
  const out: Record<string, number> = {};
  if (!figures) {
    for (const r of regions) out[r] = 0;
    const w = Object.fromEntries(regions.map((r) => [r, 1 + prng.int(4)]));
    for (let i = 0; i < total; i++) out[prng.weighted(w)]! += 1;
    return out;
  }
  const named = figures.meetingsByRegion;
  const others = regions.filter((r) => !(r in named));
  let left = total - Object.values(named).reduce<number>((sum, k) => sum + (k ?? 0), 0);
  for (const [r, n] of Object.entries(named)) out[r] = n ?? 0;
  const cap = figures.otherRegionsBelow - 1;
  if (left < 0 || left > others.length * cap) throw new Error('meetings by region cannot be filled');
  for (const r of others) out[r] = figures.fewest.includes(r) ? 5 : 0;
  left -= others.reduce((s, r) => s + out[r]!, 0);
  const open = others.filter((r) => !figures.fewest.includes(r));
  while (left > 0) {
    const r = prng.pick(open);
    if (out[r]! < cap) {
      out[r]! += 1;
      left -= 1;
    }
  }
  return out;
}

export function generate(spec: GeneratorSpec): Generated {
  const prng = new Prng(spec.seed);
  const { year, country } = spec;
  const prefix = spec.refPrefix ?? `g${spec.seed}y${year}`;
  const ref = makeRefs(prefix);
  const geo = municipalitiesOf(country);
  const f = spec.figures;
  const n = spec.signals;

  // Meeting counts first: signals are spread over regions like the meetings, so that each
  // initial meeting finds a signal of its own region.
  const types = f ? spread(prng, f.meetingsByType) : Array.from({ length: Math.round(n * 1.04) }, () => prng.weighted(TYPE_W));
  const byRegion = regionCounts(prng, geo.regions, types.length, f);

  // Signals: the moments, in time order; the values, exact lists or draws.
  const times = Array.from({ length: n }, () => {
    const day = prng.int(365);
    return { day, minute: prng.between(8 * 60, 18 * 60 + 59) };
  }).sort((a, b) => a.day - b.day || a.minute - b.minute);
  const sources = f ? spread(prng, f.bySource) : times.map(() => prng.weighted(SOURCE_W));
  const places = f ? fill(spread(prng, f.byPlace), n, 'unknown', prng) : times.map(() => prng.weighted(PLACE_W));
  const harms = f ? harmLists(prng, f.byHarmType, n) : times.map(() => (prng.chance(0.03) ? twoDistinct(prng, HARM_W) : [prng.weighted(HARM_W)]));
  const perps = f ? perpetratorLists(prng, f.byPerpetrator, n) : times.map(() => (prng.chance(0.3) ? [] : prng.chance(0.1) ? twoDistinct(prng, PERP_W) : [prng.weighted(PERP_W)]));
  if (sources.length !== n) throw new Error(`sources give ${sources.length} signals, not ${n}`);

  // Children: who is new at which signal. Exact mode: as many children as the figures give.
  const childCells = f
    ? prng.shuffle(Object.entries(f.children).flatMap(([g, bySex]) => Object.entries(bySex).flatMap(([sex, k]) => Array.from({ length: k ?? 0 }, () => `${g}|${sex}`))))
    : Array.from({ length: Math.round(n * 0.76) }, () => prng.weighted(AGE_SEX_W));
  if (childCells.length > n) throw new Error('more children than signals');
  const firsts = new Set(prng.shuffle(Array.from({ length: n - 1 }, (_, i) => i + 1)).slice(0, childCells.length - 1));
  firsts.add(0);

  const regionW = Object.fromEntries(Object.entries(byRegion).map(([r, k]) => [r, k + 1]));
  const signals: GenSignal[] = [];
  const children: Array<{ ref: string; given: string; family: string; sex: string; birth: string }> = [];
  for (let i = 0; i < n; i++) {
    const day = dateOf(year, times[i]!.day);
    const hh = Math.floor(times[i]!.minute / 60);
    const mm = times[i]!.minute % 60;
    const region = prng.weighted(regionW);
    const muni = prng.pick(geo.byRegion(region));
    let child: (typeof children)[number];
    if (firsts.has(i)) {
      const [group, sex] = childCells[children.length]!.split('|') as [string, string];
      const [lo, hi] = AGE_RANGE[group]!;
      const given = prng.pick(givenNames(country, sex));
      child = { ref: ref.child(children.length + 1), given, family: prng.pick(familyNames(country, sex)), sex, birth: birthFor(prng, day, prng.between(lo, hi)) };
      children.push(child);
    } else {
      child = prng.pick(children);
    }
    signals.push({
      ref: ref.signal(i + 1),
      day,
      receivedAt: `${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`,
      minuteOfYear: times[i]!.day * 1440 + times[i]!.minute,
      region,
      municipality: muni.code,
      location: prng.chance(0.1) && muni.uniqueName ? (prng.chance(0.5) ? muni.nameLocal : muni.nameEn) : muni.code,
      source: sources[i]!,
      harmTypes: harms[i]!,
      place: places[i]!,
      perpetrators: perps[i]!,
      description: prng.pick(DESCRIPTIONS),
      child: { ...child },
    });
  }

  const meetings = makeMeetings(prng, { year, types, byRegion, signals, geo, ref });
  const expected = expectedReport({ year, country, regions: geo.regions, signals, meetings });
  return { signalsCsv: signalsCsv(signals), meetingsCsv: meetingsCsv(meetings), expected, signalRows: signals.length };
}

function makeRefs(prefix: string) {
  return { signal: (i: number) => `${prefix}-S${pad(i)}`, child: (i: number) => `${prefix}-C${pad(i)}`, meeting: (i: number) => `${prefix}-M${pad(i)}` };
}

function fill<T extends string>(list: T[], n: number, filler: T, prng: Prng): T[] {
  if (list.length > n) throw new Error('more values than signals');
  return prng.shuffle([...list, ...Array.from({ length: n - list.length }, () => filler)]);
}

function twoDistinct(prng: Prng, w: Record<string, number>): string[] {
  const a = prng.weighted(w);
  let b = prng.weighted(w);
  while (b === a) b = prng.weighted(w);
  return [a, b];
}

/** Exactly the counts per harm type, every signal with at least one, extras as second types. */
function harmLists(prng: Prng, counts: Partial<Record<string, number>>, n: number): string[][] {
  const labels = spread(prng, counts);
  if (labels.length < n) throw new Error('fewer harm types than signals');
  const lists = labels.slice(0, n).map((l) => [l]);
  for (const extra of labels.slice(n)) {
    let i = prng.int(n);
    while (lists[i]!.length > 1 || lists[i]![0] === extra) i = prng.int(n);
    lists[i]!.push(extra);
  }
  return lists;
}

/** Each perpetrator code on exactly its count of distinct signals; the rest stay blank (unknown). */
function perpetratorLists(prng: Prng, counts: Partial<Record<string, number>>, n: number): string[][] {
  const lists: string[][] = Array.from({ length: n }, () => []);
  for (const [code, k] of Object.entries(counts)) {
    // Prefer signals that have none yet, so that most signals name one perpetrator.
    const order = prng.shuffle(Array.from({ length: n }, (_, i) => i)).sort((a, b) => lists[a]!.length - lists[b]!.length);
    for (const i of order.slice(0, k ?? 0)) lists[i]!.push(code);
  }
  return lists;
}

function makeMeetings(
  prng: Prng,
  ctx: { year: number; types: string[]; byRegion: Record<string, number>; signals: GenSignal[]; geo: ReturnType<typeof municipalitiesOf>; ref: ReturnType<typeof makeRefs> },
): GenMeeting[] {
  const regions = Object.entries(ctx.byRegion).flatMap(([r, k]) => Array.from({ length: k }, () => r));
  prng.shuffle(regions);
  const free = new Map<string, GenSignal[]>();
  for (const s of ctx.signals) {
    const list = free.get(s.region);
    if (list) list.push(s);
    else free.set(s.region, [s]);
  }
  const withMeeting = new Map<string, GenSignal[]>();
  const yearEnd = 365 * 1440 - 1;
  const meetings: GenMeeting[] = [];
  regions.forEach((region, i) => {
    const type = ctx.types[i]!;
    let signal: GenSignal | null = null;
    let minute = prng.int(365) * 1440 + prng.between(9 * 60, 17 * 60);
    if (type === 'initial_signal' || type === 'crisis_intervention') {
      const pool = free.get(region) ?? [];
      if (pool.length) {
        // Swap-remove: O(1) where splice would make a million-row year quadratic.
        const k = prng.int(pool.length);
        signal = pool[k]!;
        pool[k] = pool[pool.length - 1]!;
        pool.pop();
        const used = withMeeting.get(region);
        if (used) used.push(signal);
        else withMeeting.set(region, [signal]);
        minute = Math.min(signal.minuteOfYear + prng.between(60, type === 'crisis_intervention' ? 180 : 20 * 60), yearEnd);
      }
    } else if (type === 'follow_up' && prng.chance(0.8)) {
      const pool = withMeeting.get(region) ?? [];
      if (pool.length) {
        signal = prng.pick(pool);
        minute = Math.min(signal.minuteOfYear + prng.between(7, 60) * 1440, yearEnd);
      }
    }
    const muni = signal ? signal.municipality : prng.pick(ctx.geo.byRegion(region)).code;
    const day = new Date(Date.UTC(ctx.year, 0, 1) + Math.floor(minute / 1440) * 86_400_000).toISOString().slice(0, 10);
    const m = minute % 1440;
    const sectors = TAXONOMIES.sector.filter((s) =>
      s === 'social_services' ? prng.chance(0.97)
      : s === 'police' ? prng.chance(type === 'procedural' ? 0.5 : 0.86)
      : s === 'education' ? prng.chance(type === 'procedural' ? 0.3 : 0.62)
      : s === 'health' ? prng.chance(0.2)
      : s === 'ngo' ? prng.chance(0.12)
      : s === 'justice' ? prng.chance(0.05)
      : false,
    );
    meetings.push({
      ref: '',
      heldAt: `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
      region,
      municipality: muni,
      type,
      signalRef: signal?.ref ?? null,
      sectors,
    });
  });
  // In time order, numbered in that order: the file reads like a year's register.
  meetings.sort((a, b) => (a.heldAt < b.heldAt ? -1 : a.heldAt > b.heldAt ? 1 : 0));
  meetings.forEach((m, i) => (m.ref = ctx.ref.meeting(i + 1)));
  return meetings;
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function signalsCsv(signals: GenSignal[]): string {
  const lines = ['signal_ref,received_at,location,source,child_ref,child_given_name,child_family_name,child_sex,child_birth_date,harm_types,place,perpetrators,description'];
  for (const s of signals) {
    lines.push([
      s.ref, s.receivedAt, s.location, s.source, s.child.ref, s.child.given, s.child.family, s.child.sex, s.child.birth,
      s.harmTypes.join(';'), s.place === 'unknown' ? '' : s.place, s.perpetrators.join(';'), s.description,
    ].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function meetingsCsv(meetings: GenMeeting[]): string {
  const lines = ['meeting_ref,held_at,location,type,signal_ref,sectors_present'];
  for (const m of meetings) lines.push([m.ref, m.heldAt, m.municipality, m.type, m.signalRef ?? '', m.sectors.join(';')].map(cell).join(','));
  return `${lines.join('\n')}\n`;
}


