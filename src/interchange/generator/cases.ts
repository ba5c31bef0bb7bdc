/**
 * Named generator cases. `bulgaria-2019` reproduces every figure that seed 003 Part A publishes
 * from the State Agency for Child Protection's 2019 monitoring report; where the seed's numbers
 * are partial, the rest is filled consistently, as follows (SEED = the seed gives it, FILL = ours):
 *
 * signals, total 1,545 (FILL): the seed gives no total, but its harm-type shares do: physical
 *   649 = 42%, sexual 333 = 22%, psychological 365 = 24%, neglect 219 = 14%, cyberbullying 19
 *   "a little more than 1%" hold together only for a total between 1,527 and 1,549 (rounded
 *   shares); 1,545 gives 42.0 / 21.6 / 23.6 / 14.2 / 1.2 %.
 * by source (SEED, 1,200): police 302, mother 197, father 85 (parents 282), neighbour 29,
 *   relative 49, friend 28, stranger 16, helpline 116 111 → helpline 128, GPs → gp 31,
 *   health facilities → health_facility 84, educational institutions → education 158, the
 *   children themselves → child_self 76, another child → another_child 17.
 *   FILL (345): social_services 120, anonymous 70, ngo 45, guardian 40, other 40, justice 30.
 * by harm type (SEED): the five above, 1,585 in all: 40 signals carry two types (a signal with two
 *   types counts under both, DOMAIN.md); no other type occurs.
 * by place (SEED, 1,045): family 670, other 103, school 98, acquaintances 90, street 84.
 *   FILL: online 35, kindergarten 20, residential_institution 15; the remaining 430 are blank
 *   (unknown), the "unidentified place" the seed mentions.
 * by perpetrator (SEED, 1,125): father 297, mother 230, neighbours/acquaintances →
 *   neighbour_acquaintance 203, other 159 (the seed puts caretakers in residential services
 *   inside "other", so caretaker stays 0), another_child 141, relative 76, teacher 19.
 *   FILL: stranger 35, step_parent 28, sibling 22; signals with no perpetrator are blank, which
 *   the report counts as unknown (the generator computes that count).
 * children by age group × sex (SEED, all ten cells, 1,178 children): 12-16 girls 421 boys 163;
 *   8-11 boys 128 girls 117; 4-7 boys 85 girls 75; 17-18 girls 70 boys 34; 0-3 girls 40
 *   boys 45. Each child is in the group of their age at their first signal of the year; 367
 *   signals concern a child already reported earlier in the year (1,545 signals, 1,178 children).
 * meetings by type (SEED): initial_signal 1,283, follow_up 226 (the agency's figure, not the
 *   police's 253 or the districts' 198). FILL: crisis_intervention 31, procedural 64 (the seed
 *   says procedural meetings are "common practice" but gives no number): 1,604 meetings.
 * meetings by district (SEED): Plovdiv BG-16 200, Blagoevgrad BG-01 123, Pazardzhik BG-13 120,
 *   Sofia District BG-23 97, Veliko Tarnovo BG-04 84, Burgas BG-02 80, Stara Zagora BG-24 73.
 *   FILL: the other 827 meetings over the other 21 districts, each fewer than 73 (the seed lists
 *   the seven with the most meetings), Sofia City among the fewest ("relatively few").
 * teams (SEED 275, NOT reproducible): a team is a municipality's team here; Bulgaria has 265
 *   municipalities, so at most 265 teams can meet. The expected report holds the generated count.
 */
import type { GeneratorSpec } from './generate.ts';

export const BULGARIA_2019: GeneratorSpec = {
  seed: 2019,
  year: 2019,
  country: 'BG',
  refPrefix: 'bg2019',
  signals: 1545,
  figures: {
    bySource: {
      police: 302, mother: 197, father: 85, neighbour: 29, relative: 49, friend: 28, stranger: 16, helpline: 128, gp: 31,
      health_facility: 84, education: 158, child_self: 76, another_child: 17,
      social_services: 120, anonymous: 70, ngo: 45, guardian: 40, other: 40, justice: 30,
    },
    byHarmType: { physical: 649, sexual: 333, psychological: 365, neglect: 219, cyberbullying: 19 },
    byPlace: { family: 670, other: 103, school: 98, acquaintances: 90, street: 84, online: 35, kindergarten: 20, residential_institution: 15 },
    byPerpetrator: {
      father: 297, mother: 230, neighbour_acquaintance: 203, other: 159, another_child: 141, relative: 76, teacher: 19,
      stranger: 35, step_parent: 28, sibling: 22,
    },
    children: {
      '0-3': { female: 40, male: 45 },
      '4-7': { female: 75, male: 85 },
      '8-11': { female: 117, male: 128 },
      '12-16': { female: 421, male: 163 },
      '17-18': { female: 70, male: 34 },
    },
    meetingsByType: { initial_signal: 1283, follow_up: 226, crisis_intervention: 31, procedural: 64 },
    meetingsByRegion: { 'BG-16': 200, 'BG-01': 123, 'BG-13': 120, 'BG-23': 97, 'BG-04': 84, 'BG-02': 80, 'BG-24': 73 },
    /** Districts not named fill in below this many meetings each. */
    otherRegionsBelow: 73,
    /** Sofia City: "relatively few team meetings". */
    fewest: ['BG-22'],
  },
};

/** The seed's own figures, for the test that checks the case reproduces every one of them. */
export const SEED_003_FIGURES = {
  bySource: { police: 302, mother: 197, father: 85, neighbour: 29, relative: 49, friend: 28, stranger: 16, helpline: 128, gp: 31, health_facility: 84, education: 158, child_self: 76, another_child: 17 },
  byHarmType: { physical: 649, sexual: 333, psychological: 365, neglect: 219, cyberbullying: 19 },
  harmTypeSharePercent: { physical: 42, sexual: 22, psychological: 24, neglect: 14 },
  byPlace: { family: 670, other: 103, school: 98, acquaintances: 90, street: 84 },
  byPerpetrator: { father: 297, mother: 230, neighbour_acquaintance: 203, other: 159, another_child: 141, teacher: 19, relative: 76 },
  children: {
    '12-16': { female: 421, male: 163 }, '8-11': { male: 128, female: 117 }, '4-7': { male: 85, female: 75 },
    '17-18': { female: 70, male: 34 }, '0-3': { female: 40, male: 45 },
  },
  meetingsByType: { initial_signal: 1283, follow_up: 226 },
  meetingsByRegion: { 'BG-16': 200, 'BG-01': 123, 'BG-13': 120, 'BG-23': 97, 'BG-04': 84, 'BG-02': 80, 'BG-24': 73 },
} as const;

export const GENERATOR_CASES: Record<string, GeneratorSpec> = {
  'bulgaria-2019': BULGARIA_2019,
};
