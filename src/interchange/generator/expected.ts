import { TAXONOMIES, ageGroupOf, ageOn } from '../../domain/taxonomies.ts';

/**
 * The report a generated year must give, counted from the generated rows themselves, with the
 * rules of DOMAIN.md "The monitoring report": a signal with two harm types counts under both;
 * a blank place or perpetrator is `unknown`; a child is counted once, in the age group of their
 * age at their first signal of the period; meetings by type and by the region they were held in;
 * a team is a municipality whose team met.
 */
export type GenSignal = {
  ref: string;
  day: string;
  receivedAt: string;
  minuteOfYear: number;
  region: string;
  municipality: string;
  location: string;
  source: string;
  harmTypes: string[];
  place: string;
  perpetrators: string[];
  description: string;
  child: { ref: string; given: string; family: string; sex: string; birth: string };
};

export type GenMeeting = { ref: string; heldAt: string; region: string; municipality: string; type: string; signalRef: string | null; sectors: string[] };

const zeros = (codes: readonly string[]) => Object.fromEntries(codes.map((c) => [c, 0])) as Record<string, number>;

export function expectedReport(input: { year: number; country: string; regions: string[]; signals: GenSignal[]; meetings: GenMeeting[] }) {
  const { signals, meetings } = input;
  const bySource = zeros(TAXONOMIES.signalSource);
  const byHarmType = zeros(TAXONOMIES.harmType);
  const byPlace = zeros(TAXONOMIES.place);
  const byPerpetrator = zeros(TAXONOMIES.perpetrator);
  const firstSignal = new Map<string, GenSignal>();
  for (const s of signals) {
    bySource[s.source]! += 1;
    for (const h of s.harmTypes) byHarmType[h]! += 1;
    byPlace[s.place || 'unknown']! += 1;
    for (const p of s.perpetrators.length ? s.perpetrators : ['unknown']) byPerpetrator[p]! += 1;
    const seen = firstSignal.get(s.child.ref);
    if (!seen || s.minuteOfYear < seen.minuteOfYear) firstSignal.set(s.child.ref, s);
  }
  const byAgeGroupAndSex: Record<string, Record<string, number>> = {};
  for (const g of TAXONOMIES.ageGroup) byAgeGroupAndSex[g] = zeros(TAXONOMIES.sex);
  for (const s of firstSignal.values()) {
    const group = ageGroupOf(ageOn(s.child.birth, s.day));
    if (group) byAgeGroupAndSex[group]![s.child.sex]! += 1;
  }
  const byType = zeros(TAXONOMIES.meetingType);
  const byRegion = zeros(input.regions);
  const present = { social_services: 0, police: 0, education: 0, lackingOne: 0 };
  const teams = new Set<string>();
  for (const m of meetings) {
    byType[m.type]! += 1;
    byRegion[m.region]! += 1;
    teams.add(m.municipality);
    for (const s of ['social_services', 'police', 'education'] as const) if (m.sectors.includes(s)) present[s] += 1;
    const mandatory = m.type === 'initial_signal' || m.type === 'crisis_intervention' ? ['social_services', 'police', 'education'] : [];
    if (mandatory.some((s) => !m.sectors.includes(s))) present.lackingOne += 1;
  }
  return {
    period: { from: `${input.year}-01-01`, to: `${input.year}-12-31` },
    jurisdiction: input.country,
    signals: { total: signals.length, bySource, byHarmType, byPlace, byPerpetrator },
    children: { total: firstSignal.size, byAgeGroupAndSex },
    meetings: { total: meetings.length, byType, byRegion, byMandatorySector: present, teamsThatMet: teams.size },
  };
}

export type Expected = ReturnType<typeof expectedReport>;
