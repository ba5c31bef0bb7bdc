import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { AssessmentInput } from '../../assessments/assessment-schema.ts';
import { CaseAssignInput, ClosureRequestInput, ReopenInput, ReturnInput } from '../../cases/case-schema.ts';
import { ChildInput } from '../../children/child-schema.ts';
import { ContactInput } from '../../contacts/contact-schema.ts';
import { PlacementInput } from '../../placements/placement-schema.ts';
import { OptText } from '../../domain/common-schema.ts';
import { TAXONOMIES } from '../../domain/taxonomies.ts';
import { ActionItemInput, MeetingInput } from '../../meetings/meeting-schema.ts';
import { PlanInput, PlanReviewInput } from '../../plans/plan-schema.ts';
import { ReferralInput } from '../../referrals/referral-schema.ts';
import { ScreeningInput, SignalInput, URGENCIES } from '../../signals/signal-schema.ts';
import { AcknowledgementInput, CrossBorderInput, TransferDeclineInput, TransferInput } from '../../transfers/transfer-schema.ts';
import { ASSESSMENT_FIELDS } from '../assessments/assessment-inputs.ts';
import * as caseForms from '../cases/case-inputs.ts';
import { CONTACT_FIELDS } from '../contacts/contact-inputs.ts';
import { PLAN_FIELDS, toPlanInput } from '../plans/plan-form.ts';
import { REVIEW_FIELDS } from '../plans/plan-review-inputs.ts';
import { PLACEMENT_FIELDS, toPlacementInput } from '../placements/placement-inputs.ts';
import { REFERRAL_FIELDS } from '../referrals/referral-inputs.ts';
import { CHILD_FORM_FIELDS, emptyChild } from '../children/child-form.ts';
import { ACTION_ITEM_FIELDS, MEETING_FORM_FIELDS, toMeetingInput } from '../meetings/meeting-form.ts';
import {
  SCREENING_FORM_FIELDS, SIGNAL_FORM_FIELDS, type SignalFormValues, toScreeningInput, toSignalInput,
} from '../signals/signal-form.ts';
import { emptyValues, type EveryInputKey, fieldNames, formFields, sameKeys } from './form-schema.ts';

const keysOf = (schema: z.ZodType) => Object.keys((schema as unknown as { shape: object }).shape);
const without = (keys: string[], ...left: string[]) => keys.filter((k) => !left.includes(k));
/** A mapper's keys, whatever their order. */
const sortedKeys = (value: object) => Object.keys(value).sort();
const sortedKeysOf = (schema: z.ZodType) => keysOf(schema).sort();

describe('a form field read from its schema', () => {
  const fields = Object.fromEntries(formFields(SignalInput).map((f) => [f.name, f]));

  it('says its kind, whether the worker must fill it, its maximum length and its choices', () => {
    expect(fields.receivedAt).toEqual({ name: 'receivedAt', kind: 'datetime', required: true, maxLength: null, options: null });
    expect(fields.reporterName).toEqual({ name: 'reporterName', kind: 'text', required: false, maxLength: 200, options: null });
    expect(fields.description).toMatchObject({ kind: 'textarea', required: false, maxLength: 10_000 });
    expect(fields.municipalityCode).toMatchObject({ kind: 'text', required: true, maxLength: 40 });
    expect(fields.channel).toMatchObject({ kind: 'select', required: true, options: TAXONOMIES.channel });
    // A default makes a field one the worker may leave as it is.
    expect(fields.urgency).toMatchObject({ kind: 'select', required: false, options: URGENCIES });
    expect(fields.harmTypes).toMatchObject({ kind: 'multi', required: true, options: TAXONOMIES.harmType });
    expect(fields.perpetrators).toMatchObject({ kind: 'multi', required: false });
    expect(fields.children).toMatchObject({ kind: 'list', required: true });
    const child = Object.fromEntries(formFields(ChildInput).map((f) => [f.name, f]));
    expect(child.birthDate).toMatchObject({ kind: 'date', required: false });
    expect(child.birthDateEstimated).toMatchObject({ kind: 'checkbox', required: false });
    expect(child.givenName).toMatchObject({ kind: 'text', required: true, maxLength: 100 });
    expect(formFields(ScreeningInput).find((f) => f.name === 'version')).toMatchObject({ kind: 'number', required: true });
    expect(formFields(CaseAssignInput, ['version'])).toEqual([{ name: 'ownerId', kind: 'select', required: true, maxLength: null, options: null }]);
  });

  it('follows the schema: a field added to it is in the form\'s list with what it says', () => {
    const withPhone = ChildInput.extend({ reporterPhone: OptText(40) });
    expect(fieldNames(withPhone)).toEqual([...CHILD_FORM_FIELDS, 'reporterPhone']);
    expect(formFields(withPhone).at(-1)).toEqual({ name: 'reporterPhone', kind: 'text', required: false, maxLength: 40, options: null });
  });

  it('gives each input its empty value', () => {
    expect(emptyValues(formFields(ScreeningInput, ['version']))).toEqual({ decision: '', riskLevel: '', reason: '', referredTo: '' });
    expect(emptyValues(formFields(ContactInput))).toEqual({
      kind: '', occurredAt: '', present: [], childSeen: false, childHeardAlone: false, notHeardReason: '', notes: '', childSaid: '', preferredPlace: '',
    });
  });
});

describe("each form's field list is its schema's keys", () => {
  const forms: [string, readonly string[], z.ZodType, string[]][] = [
    // [form, its list, schema, keys the page supplies itself]
    ['signal', SIGNAL_FORM_FIELDS, SignalInput, ['ref']],
    ['screening', SCREENING_FORM_FIELDS, ScreeningInput, ['version']],
    ['child', CHILD_FORM_FIELDS, ChildInput, []],
    ['meeting', MEETING_FORM_FIELDS, MeetingInput, ['signalId', 'municipalityCode']],
    ['action item', ACTION_ITEM_FIELDS, ActionItemInput, []],
    ['assign', caseForms.ASSIGN_FIELDS, CaseAssignInput, ['version']],
    ['closure', caseForms.CLOSURE_FIELDS, ClosureRequestInput, ['version']],
    ['return closure', caseForms.RETURN_FIELDS, ReturnInput, ['version']],
    ['reopen', caseForms.REOPEN_FIELDS, ReopenInput, ['version']],
    ['transfer', caseForms.TRANSFER_FIELDS, TransferInput, []],
    ['decline transfer', caseForms.DECLINE_TRANSFER_FIELDS, TransferDeclineInput, []],
    ['cross-border', caseForms.CROSS_BORDER_FIELDS, CrossBorderInput, []],
    ['acknowledgement', caseForms.ACKNOWLEDGEMENT_FIELDS, AcknowledgementInput, []],
    ['contact', CONTACT_FIELDS, ContactInput, []],
    ['placement', PLACEMENT_FIELDS, PlacementInput, []],
    ['referral', REFERRAL_FIELDS, ReferralInput, []],
    ['plan', PLAN_FIELDS, PlanInput, []],
  ];
  it.each(forms)('%s', (_name, list, schema, supplied) => {
    expect([...list]).toEqual(without(keysOf(schema), ...supplied));
  });

  it('the forms that ask whether the child was heard add that one question', () => {
    expect([...ASSESSMENT_FIELDS]).toEqual([...without(keysOf(AssessmentInput), 'kind'), 'childHeard']);
    expect([...REVIEW_FIELDS]).toEqual([...keysOf(PlanReviewInput), 'childHeard']);
  });
});

const signalValues: SignalFormValues = {
  ref: 'web:test', receivedAt: '2024-05-02T09:30', channel: 'phone', source: 'anonymous', reporterName: 'x', reporterContact: 'y',
  harmTypes: ['neglect'], place: 'family', perpetrators: [], description: '', urgency: 'normal', municipalityCode: 'AL-06-03',
  children: [
    { childId: '', knownName: '', givenName: 'Ana', familyName: 'Hoxha', sex: 'female', birthDate: '' },
    { childId: '00000000-0000-4000-8000-0000000000c1', knownName: 'Known', givenName: '', familyName: '', sex: 'unknown', birthDate: '' },
  ],
};

describe('a mapper names every key of its schema', () => {
  it('the signal: every key, the schema takes the result, a known child goes by its id alone', () => {
    const input = toSignalInput(signalValues);
    expect(sortedKeys(input)).toEqual(sortedKeysOf(SignalInput));
    expect(SignalInput.safeParse(input).success).toBe(true);
    // On the wire (JSON) the keys left undefined are gone: the body is what it was.
    expect(JSON.parse(JSON.stringify(input.children))).toEqual([
      { givenName: 'Ana', familyName: 'Hoxha', sex: 'female', birthDate: null },
      { childId: '00000000-0000-4000-8000-0000000000c1' },
    ]);
    // An anonymous source: the reporter is not sent, whatever the inputs held.
    expect(input).toMatchObject({ reporterName: null, reporterContact: null, description: null });
  });

  it('the other forms, the same', () => {
    const screening = toScreeningInput({ decision: 'no_action', riskLevel: '', reason: 'none', referredTo: 'x' }, 3);
    expect(sortedKeys(screening)).toEqual(sortedKeysOf(ScreeningInput));
    expect(screening).toEqual({ decision: 'no_action', riskLevel: null, reason: 'none', referredTo: null, version: 3 });
    expect(sortedKeys(emptyChild('AL-06-03'))).toEqual(sortedKeysOf(ChildInput));
    const meeting = toMeetingInput({ type: 'follow_up', status: 'held', heldAt: '2024-05-02T09:30', childIds: ['c'], participants: [], decisions: '' }, 's');
    expect(sortedKeys(meeting)).toEqual(sortedKeysOf(MeetingInput));
    expect(meeting).toMatchObject({ signalId: 's', childIds: undefined, decisions: null });
    const plan = toPlanInput({ goals: [], actions: [], childParticipation: '', childViews: ' v ', caregiverParticipation: '', caregiverViews: '' });
    expect(sortedKeys(plan)).toEqual(sortedKeysOf(PlanInput));
    expect(sortedKeys(toPlacementInput({ kind: 'kinship_care', providerOrgId: '', carerName: ' Aunt ', startedOn: '2024-01-01', notes: '' })))
      .toEqual(sortedKeysOf(PlacementInput));
  });
});

describe('the compiler catches a forgotten field', () => {
  it('EveryInputKey wants every key; the schema\'s own input type did not', () => {
    const full = toSignalInput(signalValues);
    const { reporterContact, ...dropped } = full;
    expect(reporterContact).toBeNull();
    // What toSignalInput was typed as before: a mapper that forgot reporterContact still compiled.
    expectTypeOf(dropped).toExtend<z.input<typeof SignalInput>>();
    expectTypeOf(dropped).not.toExtend<EveryInputKey<typeof SignalInput>>();
    // @ts-expect-error reporterContact is a key of SignalInput: leaving it out does not compile.
    const forgot: EveryInputKey<typeof SignalInput> = dropped;
    expect(forgot).not.toHaveProperty('reporterContact');
  });

  it('an object literal that leaves out a key, or adds one the schema does not have, does not compile', () => {
    // @ts-expect-error version is left out.
    const noVersion: EveryInputKey<typeof ReturnInput> = { comment: 'c' };
    // @ts-expect-error the schema has no `note`.
    const extra: EveryInputKey<typeof ReturnInput> = { comment: 'c', version: 1, note: 'n' };
    const whole: EveryInputKey<typeof ReturnInput> = { comment: 'c', version: 1 };
    expect([noVersion, extra, whole].map((v) => ReturnInput.safeParse(v).success)).toEqual([false, false, true]);
  });

  it("sameKeys ties a form's values to its schema's keys", () => {
    sameKeys<{ comment: string; version: number }, z.input<typeof ReturnInput>>();
    // @ts-expect-error the values lack `version`.
    sameKeys<{ comment: string }, z.input<typeof ReturnInput>>();
    // @ts-expect-error the values hold a field the schema does not take.
    sameKeys<{ comment: string; version: number; note: string }, z.input<typeof ReturnInput>>();
    expectTypeOf(SIGNAL_FORM_FIELDS).toEqualTypeOf<readonly Exclude<keyof z.input<typeof SignalInput>, 'ref'>[]>();
  });
});
