/**
 * The case life cycle as data: statuses, the actions each status allows, and who may take them.
 * The server's guard (409 naming the allowed actions) and the web app's buttons both read these
 * tables, so the two can never disagree. Codes are stable identifiers; their labels are in the
 * locale files (`cases.status.<code>`, `cases.action.<code>`, `taxonomy.<list>.<code>`).
 */

export const CASE_STATUSES = ['open', 'assessed', 'plan_in_force', 'closure_pending', 'transfer_pending', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Everything that can be done to a case. Each write of a capability names one of these. */
export const CASE_ACTIONS = [
  'assign',
  'record_initial_assessment',
  'record_comprehensive_assessment',
  'record_risk_assessment',
  'edit_plan',
  'submit_plan',
  'approve_plan',
  'return_plan',
  'review_plan',
  'update_plan_action',
  'record_contact',
  'refer',
  'record_placement',
  'end_placement',
  'request_closure',
  'approve_closure',
  'return_closure',
  'reopen',
  'request_transfer',
  'cancel_transfer',
  'accept_transfer',
  'decline_transfer',
  'send_cross_border',
  'acknowledge_cross_border',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The work of an active case: all of it is allowed while the case is open, assessed or under a plan. */
const CASEWORK: readonly CaseAction[] = [
  'assign', 'record_risk_assessment', 'record_contact', 'refer',
  'record_placement', 'end_placement', 'request_closure', 'request_transfer', 'send_cross_border',
  'acknowledge_cross_border', 'update_plan_action',
];
/**
 * The initial assessment is recorded once: only an open case (none recorded yet, or reopened,
 * which clears it) is offered it; it moves the case to 'assessed'.
 */
const FIRST_ASSESSMENT: readonly CaseAction[] = ['record_initial_assessment'];
/** Planning needs an initial assessment first; the comprehensive assessment follows it. */
const PLANNING: readonly CaseAction[] = ['record_comprehensive_assessment', 'edit_plan', 'submit_plan', 'approve_plan', 'return_plan'];

/**
 * The workflow table. A case waiting for a closure or transfer decision is frozen except for that
 * decision (and the provider's own records of services and placements already under way, which
 * their capabilities check themselves); a closed case can only be reopened.
 */
export const CASE_WORKFLOW: Record<CaseStatus, readonly CaseAction[]> = {
  open: [...CASEWORK, ...FIRST_ASSESSMENT],
  assessed: [...CASEWORK, ...PLANNING],
  plan_in_force: [...CASEWORK, ...PLANNING, 'review_plan'],
  closure_pending: ['approve_closure', 'return_closure'],
  transfer_pending: ['cancel_transfer', 'accept_transfer', 'decline_transfer'],
  closed: ['reopen'],
};

/**
 * Who may take an action, by their relationship to the case:
 * - 'unit': a caseworker or supervisor of the unit that owns the case (or its owner);
 * - 'supervisor': a supervisor of the owning unit (approvals, assignment);
 * - 'receiving_supervisor': a supervisor of the unit a pending transfer goes to.
 * The partner and provider write only their own records (services, action status), checked by
 * those capabilities against the referral or action they were given.
 */
export type CaseActor = 'unit' | 'supervisor' | 'receiving_supervisor';
export const CASE_ACTION_ACTOR: Record<CaseAction, CaseActor> = {
  assign: 'supervisor',
  record_initial_assessment: 'unit',
  record_comprehensive_assessment: 'unit',
  record_risk_assessment: 'unit',
  edit_plan: 'unit',
  submit_plan: 'unit',
  approve_plan: 'supervisor',
  return_plan: 'supervisor',
  review_plan: 'unit',
  update_plan_action: 'unit',
  record_contact: 'unit',
  refer: 'unit',
  record_placement: 'unit',
  end_placement: 'unit',
  request_closure: 'unit',
  approve_closure: 'supervisor',
  return_closure: 'supervisor',
  reopen: 'supervisor',
  request_transfer: 'unit',
  cancel_transfer: 'unit',
  accept_transfer: 'receiving_supervisor',
  decline_transfer: 'receiving_supervisor',
  send_cross_border: 'unit',
  acknowledge_cross_border: 'unit',
};

/** The status a case moves to after an action; actions not listed leave it where it is. */
export function statusAfter(action: CaseAction, from: CaseStatus, previous: CaseStatus | null): CaseStatus {
  switch (action) {
    case 'record_initial_assessment':
      return from === 'open' ? 'assessed' : from;
    case 'approve_plan':
      return 'plan_in_force';
    case 'request_closure':
      return 'closure_pending';
    case 'approve_closure':
      return 'closed';
    case 'request_transfer':
      return 'transfer_pending';
    case 'return_closure':
    case 'cancel_transfer':
    case 'accept_transfer':
    case 'decline_transfer':
      return previous ?? 'open';
    case 'reopen':
      return 'open';
    default:
      return from;
  }
}

/** The actions open to a reader, given the case's status and what their relationship permits. */
export function allowedCaseActions(status: CaseStatus, relation: { unit: boolean; supervisor: boolean; receivingSupervisor: boolean }): CaseAction[] {
  return CASE_WORKFLOW[status].filter((a) => {
    const who = CASE_ACTION_ACTOR[a];
    if (who === 'unit') return relation.unit;
    if (who === 'supervisor') return relation.supervisor;
    return relation.receivingSupervisor;
  });
}

export const CLOSURE_REASONS = ['goals_met', 'turned_18', 'transferred', 'moved_abroad', 'no_longer_at_risk', 'died', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** The seven domains of the comprehensive needs assessment (DOMAIN.md). */
export const ASSESSMENT_DOMAINS = ['safety', 'health', 'education', 'psychosocial', 'family_caregiving', 'economic', 'legal_documents'] as const;
export type AssessmentDomain = (typeof ASSESSMENT_DOMAINS)[number];
/** How far a domain's needs are met. */
export const NEED_LEVELS = ['no_concern', 'some_concern', 'serious_concern', 'unknown'] as const;

export const ASSESSMENT_KINDS = ['initial', 'comprehensive', 'risk'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** The structured risk assessment: factors checked by the worker. */
export const RISK_FACTORS = [
  'previous_harm', 'injury_observed', 'perpetrator_has_access', 'child_afraid', 'domestic_violence',
  'caregiver_substance_abuse', 'caregiver_mental_health', 'basic_needs_unmet', 'exploitation',
  'child_under_5_or_disability', 'self_harm', 'out_of_school',
] as const;
export const PROTECTIVE_FACTORS = [
  'protective_caregiver', 'caregiver_cooperates', 'support_network', 'attends_school',
  'child_can_seek_help', 'services_engaged', 'stable_housing', 'perpetrator_removed',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];
export type ProtectiveFactor = (typeof PROTECTIVE_FACTORS)[number];

/** Factors that alone make the risk high, whatever else is present. */
const SEVERE: readonly RiskFactor[] = ['injury_observed', 'perpetrator_has_access', 'exploitation', 'self_harm'];

/**
 * The level the factors suggest; the worker sets the level and, when it differs from this, says why.
 * High: a severe factor, or three risk factors more than the protective ones. Medium: more risk
 * than protective factors, or any risk factor with none protective. Low otherwise.
 */
export function suggestRiskLevel(risk: readonly RiskFactor[], protective: readonly ProtectiveFactor[]): 'high' | 'medium' | 'low' {
  if (risk.some((f) => SEVERE.includes(f))) return 'high';
  const balance = risk.length - protective.length;
  if (balance >= 3) return 'high';
  if (balance > 0 || (risk.length > 0 && protective.length === 0)) return 'medium';
  return 'low';
}

export const PLAN_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** The plan's own workflow, below the case's: the case action needed for each plan action. */
export const PLAN_WORKFLOW: Record<PlanStatus, readonly CaseAction[]> = {
  draft: ['edit_plan', 'submit_plan'],
  submitted: ['approve_plan', 'return_plan'],
  returned: ['edit_plan', 'submit_plan'],
  approved: ['review_plan', 'update_plan_action'],
  superseded: [],
};
export const PLAN_ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

export const CONTACT_KINDS = ['home_visit', 'office_meeting', 'school_visit', 'phone_call'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const PLACEMENT_KINDS = ['emergency_shelter', 'kinship_care', 'foster_care', 'residential_institution', 'small_group_home', 'supported_living', 'adoptive_family'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

export const SERVICES = [
  'psychological_counselling', 'psychosocial_support', 'medical_care', 'legal_aid', 'education_support',
  'family_support', 'financial_assistance', 'emergency_shelter', 'foster_care', 'day_care',
  'vocational_training', 'documents_registration', 'other',
] as const;
export type Service = (typeof SERVICES)[number];

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_ACTIONS = ['accept', 'decline', 'record_service', 'complete', 'withdraw'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];
/** The referral's workflow: the provider accepts, declines, records services and completes; the referrer withdraws. */
export const REFERRAL_WORKFLOW: Record<ReferralStatus, readonly ReferralAction[]> = {
  pending: ['accept', 'decline', 'withdraw'],
  accepted: ['record_service', 'complete', 'withdraw'],
  declined: [],
  completed: [],
  withdrawn: [],
};
export const REFERRAL_ACTION_ACTOR: Record<ReferralAction, 'provider' | 'referrer'> = {
  accept: 'provider', decline: 'provider', record_service: 'provider', complete: 'provider', withdraw: 'referrer',
};
/** Referrals still open (pending or accepted): those the referrer may still withdraw. Closing the case withdraws them. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = REFERRAL_STATUSES.filter((s) => REFERRAL_WORKFLOW[s].includes('withdraw'));
/**
 * Why a referral was withdrawn (referrals.withdrawn_code): 'unit', the referring unit withdrew it
 * (its reason in words beside it); 'case_closed', the supervisor's closure of the case withdrew it.
 */
export const REFERRAL_WITHDRAWAL_CODES = ['unit', 'case_closed'] as const;
export type ReferralWithdrawalCode = (typeof REFERRAL_WITHDRAWAL_CODES)[number];

/** Consent for sharing (referrals, cross-border): given, refused, or not asked with a best-interests reason. */
export const CONSENT_ANSWERS = ['given', 'refused', 'not_asked'] as const;
/** From this age the child's own consent is asked (below it, the child's views are still heard). */
export const CHILD_CONSENT_AGE = 12;

export const TRANSFER_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export const CROSS_BORDER_STATUSES = ['sent', 'acknowledged'] as const;

/** The countries a cross-border summary may go to, and the language it is printed in. */
export const CROSS_BORDER_LANGUAGE: Record<string, 'sq' | 'bg' | 'en'> = {
  AL: 'sq', XK: 'sq', MK: 'en', ME: 'en', GR: 'en', IT: 'en', BG: 'bg', RO: 'en', RS: 'en', TR: 'en', DE: 'en', AT: 'en',
};

/** Kinds of step on a case's timeline (case_events.kind). */
export const CASE_EVENT_KINDS = [
  'opened', 'signal_attached', 'assigned', 'risk_changed', 'assessment_recorded', 'plan_saved', 'plan_submitted',
  'plan_approved', 'plan_returned', 'plan_reviewed', 'plan_action_updated', 'contact_recorded', 'referral_made',
  'referral_accepted', 'referral_declined', 'referral_service', 'referral_completed', 'referral_withdrawn',
  'placement_started', 'placement_ended', 'closure_requested', 'closure_approved', 'closure_returned', 'reopened',
  'transfer_requested', 'transfer_cancelled', 'transfer_accepted', 'transfer_declined', 'cross_border_sent',
  'cross_border_acknowledged', 'meeting_held',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** The supervisor's decisions whose words are kept on the case (case_decisions): the unit's only. */
export const CASE_DECISION_KINDS = ['closure_returned', 'reopened'] as const;
export type CaseDecisionKind = (typeof CASE_DECISION_KINDS)[number];
