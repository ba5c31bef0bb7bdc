import type { z } from 'zod';
import { CaseAssignInput, ClosureRequestInput, ReopenInput, ReturnInput } from '../../cases/case-schema.ts';
import { AcknowledgementInput, CrossBorderInput, TransferDeclineInput, TransferInput } from '../../transfers/transfer-schema.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';

/**
 * The case page's small forms: each one's values (strings, as the inputs hold them), its fields
 * (read from the input schema, less the version the page adds) and its mapper to the API input.
 * Each mapper returns `EveryInputKey<typeof X>`: a field of the schema it forgets does not compile;
 * each values type is tied to the schema's keys by `sameKeys`.
 */
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
/** What the worker types: the schema's fields but the version the page adds. */
type Typed<S extends z.ZodType> = Omit<z.input<S>, 'version'>;

export type AssignValues = { ownerId: string };
export const ASSIGN_FIELDS = fieldNames(CaseAssignInput, ['version']);
export const toAssignInput = (v: AssignValues, version: number): EveryInputKey<typeof CaseAssignInput> =>
  ({ ownerId: orNull(v.ownerId) as string, version });

export type ClosureValues = { reason: string; note: string };
export const CLOSURE_FIELDS = fieldNames(ClosureRequestInput, ['version']);
export const toClosureInput = (v: ClosureValues, version: number): EveryInputKey<typeof ClosureRequestInput> =>
  ({ reason: orNull(v.reason) as never, note: orNull(v.note), version });

export type ReturnValues = { comment: string };
export const RETURN_FIELDS = fieldNames(ReturnInput, ['version']);
export const toReturnInput = (v: ReturnValues, version: number): EveryInputKey<typeof ReturnInput> => ({ comment: v.comment, version });

export type ReopenValues = { reason: string; riskLevel: string };
export const REOPEN_FIELDS = fieldNames(ReopenInput, ['version']);
export const toReopenInput = (v: ReopenValues, version: number): EveryInputKey<typeof ReopenInput> =>
  ({ reason: v.reason, riskLevel: orNull(v.riskLevel) as never, version });

export type TransferValues = { toUnitId: string; reason: string };
export const TRANSFER_FIELDS = fieldNames(TransferInput);
export const toTransferInput = (v: TransferValues): EveryInputKey<typeof TransferInput> =>
  ({ toUnitId: orNull(v.toUnitId) as string, reason: v.reason });

export type DeclineTransferValues = { note: string };
export const DECLINE_TRANSFER_FIELDS = fieldNames(TransferDeclineInput);
export const toDeclineTransferInput = (v: DeclineTransferValues): EveryInputKey<typeof TransferDeclineInput> => ({ note: v.note });

export type CrossBorderValues = Record<keyof z.input<typeof CrossBorderInput>, string>;
export const CROSS_BORDER_FIELDS = fieldNames(CrossBorderInput);
export const toCrossBorderInput = (v: CrossBorderValues): EveryInputKey<typeof CrossBorderInput> => ({
  destinationCountry: orNull(v.destinationCountry) as string,
  destinationAuthority: v.destinationAuthority,
  reason: v.reason,
  consentChild: orNull(v.consentChild) as never,
  consentCaregiver: orNull(v.consentCaregiver) as never,
  bestInterestsReason: orNull(v.bestInterestsReason),
});

export type AcknowledgementValues = { acknowledgedAt: string; acknowledgedByName: string; note: string };
export const ACKNOWLEDGEMENT_FIELDS = fieldNames(AcknowledgementInput);
export const toAcknowledgementInput = (v: AcknowledgementValues): EveryInputKey<typeof AcknowledgementInput> =>
  ({ acknowledgedAt: v.acknowledgedAt, acknowledgedByName: v.acknowledgedByName, note: orNull(v.note) });

/** Each form's values hold the fields its schema takes (the version apart): compile-time, one line per form. */
sameKeys<AssignValues, Typed<typeof CaseAssignInput>>();
sameKeys<ClosureValues, Typed<typeof ClosureRequestInput>>();
sameKeys<ReturnValues, Typed<typeof ReturnInput>>();
sameKeys<ReopenValues, Typed<typeof ReopenInput>>();
sameKeys<TransferValues, Typed<typeof TransferInput>>();
sameKeys<DeclineTransferValues, Typed<typeof TransferDeclineInput>>();
sameKeys<AcknowledgementValues, Typed<typeof AcknowledgementInput>>();
