/**
 * The taxonomies of DOMAIN.md. Codes are stable identifiers used in the database, the API and
 * the interchange format; their labels live in the locale files (`taxonomy.<name>.<code>`).
 */
export const TAXONOMIES = {
  signalSource: [
    'police', 'mother', 'father', 'guardian', 'relative', 'neighbour', 'friend', 'stranger',
    'child_self', 'another_child', 'helpline', 'gp', 'health_facility', 'education',
    'social_services', 'ngo', 'justice', 'anonymous', 'other',
  ],
  harmType: [
    'physical', 'sexual', 'psychological', 'neglect', 'cyberbullying', 'labour_exploitation',
    'begging', 'trafficking', 'child_marriage', 'abandonment', 'conflict_with_law',
    'unsafe_migration', 'school_dropout', 'other',
  ],
  place: [
    'family', 'school', 'kindergarten', 'acquaintances', 'street', 'residential_institution',
    'online', 'other', 'unknown',
  ],
  perpetrator: [
    'father', 'mother', 'step_parent', 'sibling', 'relative', 'neighbour_acquaintance',
    'another_child', 'teacher', 'caretaker', 'stranger', 'other', 'unknown',
  ],
  sex: ['female', 'male', 'unknown'],
  sector: [
    'social_services', 'police', 'education', 'health', 'justice', 'ngo', 'shelter',
    'residential_care', 'labour', 'state_agency', 'local_commission', 'other',
  ],
  meetingType: ['initial_signal', 'follow_up', 'crisis_intervention', 'procedural'],
  riskLevel: ['high', 'medium', 'low'],
  vulnerability: [
    'roma_egyptian', 'refugee_asylum', 'unaccompanied', 'disability', 'parents_abroad',
    'no_documents', 'out_of_school', 'poverty',
  ],
  ageGroup: ['0-3', '4-7', '8-11', '12-16', '17-18'],
  channel: ['phone', 'in_person', 'written', 'helpline_116111', 'police_station', 'outreach'],
  /** Where the child would prefer to meet the worker (issue 14 §2, a contact's child's views). */
  preferredMeetingPlace: ['home', 'school', 'unit_office', 'elsewhere'],
  // Deinstitutionalisation (issue 13 §3).
  parentalRights: ['both_parents', 'one_parent', 'restricted', 'removed', 'orphan', 'unknown'],
  familyContact: ['regular', 'occasional', 'none'],
  diTarget: ['reunification', 'kinship_care', 'foster_care', 'adoption', 'supported_living', 'small_group_home'],
  diAdmissionReason: ['abandonment', 'disability', 'poverty', 'neglect_abuse', 'parents_abroad', 'no_parental_care', 'other'],
  followUpOutcome: ['stable', 'at_risk', 'broken_down'],
  breakdownDestination: ['birth_family', 'kinship_care', 'foster_care', 'residential_institution', 'small_group_home', 'emergency_shelter', 'unknown'],
  /** The child's situation with the law at a police-station intake (other contact: missing, runaway, other). */
  legalSituation: ['victim', 'witness', 'in_conflict_with_law', 'missing', 'runaway', 'other_contact'],
  /** How a police-station intake ended for the child. */
  intakeOutcome: ['returned_to_family', 'placed_in_shelter', 'other'],
  /** The themes of a view raised at a child consultation board (issue 14 §3). */
  boardTheme: ['school_bullying', 'community_safety', 'online_safety', 'family_care', 'unit_services', 'participation', 'health', 'leisure', 'other'],
} as const;

export type TaxonomyName = keyof typeof TAXONOMIES;
export type TaxonomyCode<N extends TaxonomyName> = (typeof TAXONOMIES)[N][number];

export type Sex = TaxonomyCode<'sex'>;
export type Sector = TaxonomyCode<'sector'>;
export type Vulnerability = TaxonomyCode<'vulnerability'>;
export type AgeGroup = TaxonomyCode<'ageGroup'>;

export const TAXONOMY_NAMES = Object.keys(TAXONOMIES) as TaxonomyName[];

export function isCode<N extends TaxonomyName>(name: N, code: string): code is TaxonomyCode<N> {
  return (TAXONOMIES[name] as readonly string[]).includes(code);
}

/** Age in completed years on a given day; both are ISO dates (YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** The reporting age group of DOMAIN.md, or null outside 0–18. */
export function ageGroupOf(age: number): AgeGroup | null {
  if (age < 0 || age > 18) return null;
  if (age <= 3) return '0-3';
  if (age <= 7) return '4-7';
  if (age <= 11) return '8-11';
  if (age <= 16) return '12-16';
  return '17-18';
}
