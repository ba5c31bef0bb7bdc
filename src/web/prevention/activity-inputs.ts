import type { z } from 'zod';
import { ActivityInput, REACH_AGE_GROUPS, REACH_SEXES, type ActivityView } from '../../prevention/prevention-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { orNull } from '../cases/form-kit.ts';

/**
 * The activity form's values (as the inputs hold them: the children reached as a grid of age
 * group × sex, each a text box), its fields and its mapper to the API input. The mapper returns
 * `EveryInputKey<typeof ActivityInput>`: a field it forgets does not compile.
 */
export type ReachGrid = Record<string, string>;
export const reachKey = (ageIndex: number, sex: string) => `g${ageIndex}_${sex}`;
export interface ActivityValues {
  ref: string; heldOn: string; place: string; municipalityCode: string; topic: string; title: string; facilitators: string;
  childrenReached: ReachGrid; adults: { parents: string; teachers: string; professionals: string }; childrenCoOrganised: boolean;
}
export const ACTIVITY_FIELDS = fieldNames(ActivityInput);
sameKeys<ActivityValues, z.input<typeof ActivityInput>>();

/** A headcount box: empty is 0; anything else is sent as typed (the schema names what is not a whole number). */
const headcount = (v: string) => (v.trim() === '' ? 0 : Number(v.trim()));

export function toActivityInput(v: ActivityValues): EveryInputKey<typeof ActivityInput> {
  const childrenReached = REACH_AGE_GROUPS.flatMap((ageGroup, i) => REACH_SEXES.map((sex) => ({ ageGroup, sex, children: headcount(v.childrenReached[reachKey(i, sex)] ?? '') })))
    .filter((c) => c.children !== 0);
  return {
    ref: orNull(v.ref),
    heldOn: v.heldOn,
    place: v.place as never,
    municipalityCode: v.municipalityCode,
    topic: v.topic as never,
    title: v.title.trim(),
    facilitators: v.facilitators.split(/[,\n]/).map((p) => p.trim()).filter(Boolean),
    childrenReached,
    adults: { parents: headcount(v.adults.parents), teachers: headcount(v.adults.teachers), professionals: headcount(v.adults.professionals) },
    childrenCoOrganised: v.childrenCoOrganised,
  };
}

export function emptyActivity(municipalityCode = ''): ActivityValues {
  return {
    ref: '', heldOn: '', place: '', municipalityCode, topic: '', title: '', facilitators: '', childrenReached: {},
    adults: { parents: '', teachers: '', professionals: '' }, childrenCoOrganised: false,
  };
}

export function activityValues(a: ActivityView): ActivityValues {
  const grid: ReachGrid = {};
  for (const c of a.childrenReached) grid[reachKey(REACH_AGE_GROUPS.indexOf(c.ageGroup), c.sex)] = String(c.children);
  const n = (x: number) => (x === 0 ? '' : String(x));
  return {
    ref: a.ref ?? '', heldOn: a.heldOn, place: a.place, municipalityCode: a.municipalityCode, topic: a.topic, title: a.title,
    facilitators: a.facilitators.join(', '), childrenReached: grid,
    adults: { parents: n(a.adults.parents), teachers: n(a.adults.teachers), professionals: n(a.adults.professionals) }, childrenCoOrganised: a.childrenCoOrganised,
  };
}
