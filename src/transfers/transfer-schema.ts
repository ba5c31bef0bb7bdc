import { z } from 'zod';
import { CONSENT_ANSWERS, CROSS_BORDER_LANGUAGE, CROSS_BORDER_STATUSES, TRANSFER_STATUSES } from '../cases/case-workflow.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { Id, IsoDate, OptProse, Prose, Text } from '../domain/common-schema.ts';
import { Version } from '../cases/case-schema.ts';

/**
 * Transfers of a case between Child Protection Units of one country, and cross-border referrals
 * (a signed summary sent to another country's authority), as the API and the web app exchange them.
 */
const Consent = z.enum(CONSENT_ANSWERS);
export const CROSS_BORDER_COUNTRIES = Object.keys(CROSS_BORDER_LANGUAGE) as [string, ...string[]];

export const TransferInput = z.strictObject({
  toUnitId: Id,
  reason: Prose(5_000),
});
export type TransferInput = z.infer<typeof TransferInput>;

/** Accepting may name the case version the supervisor saw; declining needs a note. */
export const TransferAcceptInput = z.strictObject({ version: Version.optional() });
export const TransferDeclineInput = z.strictObject({ note: Prose(5_000) });
export type TransferDeclineInput = z.infer<typeof TransferDeclineInput>;

export const TransferListQuery = z.strictObject({
  direction: z.enum(['incoming', 'outgoing']).default('incoming'),
  status: z.enum(TRANSFER_STATUSES).optional(),
});
export type TransferListQuery = z.infer<typeof TransferListQuery>;

export const TransferAction = z.enum(['accept', 'decline', 'cancel']);
export type TransferAction = z.infer<typeof TransferAction>;

export const TransferView = z.object({
  id: Id,
  caseId: Id,
  /** The child's name, for the receiving supervisor's decision (shown, never put in a URL). */
  childName: z.string(),
  riskLevel: z.enum(TAXONOMIES.riskLevel),
  fromUnitId: Id,
  fromUnitName: z.string(),
  toUnitId: Id,
  toUnitName: z.string(),
  reason: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  requestedAt: z.string(),
  requestedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** What the reader may do with it now. */
  allowed: z.array(TransferAction),
});
export type TransferView = z.infer<typeof TransferView>;
export const TransferList = z.object({ items: z.array(TransferView) });

export const TransferUnit = z.object({ id: Id, name: z.string(), jurisdictionCode: z.string() });
export const TransferUnits = z.object({ items: z.array(TransferUnit) });
export type TransferUnit = z.infer<typeof TransferUnit>;

export const CrossBorderInput = z.strictObject({
  destinationCountry: z.enum(CROSS_BORDER_COUNTRIES),
  destinationAuthority: Text(300),
  reason: Prose(5_000),
  consentChild: Consent,
  consentCaregiver: Consent,
  /** Required unless both consents are 'given': sharing without consent needs a recorded reason. */
  bestInterestsReason: OptProse(5_000),
}).superRefine((v, ctx) => {
  const consented = v.consentChild === 'given' && v.consentCaregiver === 'given';
  if (!consented && !v.bestInterestsReason) {
    ctx.addIssue({ code: 'custom', path: ['bestInterestsReason'], message: 'is required unless the child and the caregiver both consent' });
  }
});
export type CrossBorderInput = z.infer<typeof CrossBorderInput>;

export const AcknowledgementInput = z.strictObject({
  acknowledgedAt: IsoDate,
  acknowledgedByName: Text(200),
  note: OptProse(5_000),
});
export type AcknowledgementInput = z.infer<typeof AcknowledgementInput>;

/**
 * What crosses the border: identity, risk, kinds of harm, where the child lives, the plan's goals.
 * Never perpetrators' names nor narrative notes. Signed as canonical JSON (sorted keys).
 */
export const CrossBorderSummary = z.object({
  format: z.literal('safetynet-cross-border-summary/1'),
  referenceId: Id,
  fromCountry: z.string(),
  fromUnit: z.string(),
  destinationCountry: z.string(),
  destinationAuthority: z.string(),
  language: z.enum(['sq', 'bg', 'en']),
  reason: z.string(),
  consentChild: Consent,
  consentCaregiver: Consent,
  bestInterestsReason: z.string().nullable(),
  child: z.object({ givenName: z.string(), familyName: z.string(), sex: z.string(), birthDate: z.string().nullable() }),
  riskLevel: z.string(),
  harmTypes: z.array(z.string()),
  placement: z.object({ kind: z.string(), since: z.string() }).nullable(),
  planGoals: z.array(z.object({ domain: z.string(), description: z.string() })),
  issuedAt: z.string(),
});
export type CrossBorderSummary = z.infer<typeof CrossBorderSummary>;

export const CrossBorderView = z.object({
  id: Id,
  caseId: Id,
  destinationCountry: z.string(),
  destinationAuthority: z.string(),
  language: z.enum(['sq', 'bg', 'en']),
  reason: z.string(),
  consentChild: Consent,
  consentCaregiver: Consent,
  bestInterestsReason: z.string().nullable(),
  status: z.enum(CROSS_BORDER_STATUSES),
  keyId: z.string(),
  sentAt: z.string(),
  sentByName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  acknowledgementNote: z.string().nullable(),
});
export type CrossBorderView = z.infer<typeof CrossBorderView>;
export const CrossBorderList = z.object({ items: z.array(CrossBorderView) });

/** The downloadable signed file. */
export const CROSS_BORDER_FILE_FORMAT = 'safetynet-cross-border/1';
export const CrossBorderFile = z.object({
  format: z.literal(CROSS_BORDER_FILE_FORMAT),
  summary: CrossBorderSummary,
  signature: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
});
export type CrossBorderFile = z.infer<typeof CrossBorderFile>;
