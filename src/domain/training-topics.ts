/**
 * The topic categories of training modules and training needs (issue 14 §5), as seed 003 groups
 * the needs it found: the child-rights approach and child participation; practices for vulnerable
 * groups; soft skills for case management and work with parents; collaboration between family,
 * school, police and social services. Labels: `trainings.topic.<code>` in
 * locales/<lang>/trainings.json (sq, bg, en).
 */
export const TRAINING_TOPICS = ['child_rights_participation', 'vulnerable_groups', 'case_management_parents', 'multi_agency_collaboration'] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

/** How a session is held. */
export const TRAINING_MODES = ['in_person', 'online'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];
