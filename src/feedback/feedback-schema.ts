import { z } from 'zod';
import { Id, Text } from '../domain/common-schema.ts';
import { LANGUAGES } from '../domain/i18n/languages.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';

/**
 * The child's feedback kiosk (issue 14 §1), as the API and the web app exchange it. Labels:
 * `feedback.service.<code>`, `kiosk.age.<code>`, `kiosk.place.<code>` in locales/<lang>/.
 */
export const KIOSK_SERVICES = ['casework', 'counselling', 'shelter', 'day_centre', 'prevention', 'other'] as const;
/** The questions answered with a face 1–5, in the kiosk's order. */
export const FACE_QUESTIONS = ['felt', 'listened', 'better'] as const;
export const MEET_PLACES = TAXONOMIES.preferredMeetingPlace;
/** Self-declared age bands (a child picks one, or none). */
export const AGE_BANDS = ['up_to_8', '9_12', '13_17'] as const;
export type FaceQuestion = (typeof FACE_QUESTIONS)[number];

const Languages = z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length)
  .refine((l) => new Set(l).size === l.length, { message: 'names a language twice' });

export const KioskInput = z.strictObject({
  label: Text(120),
  service: z.enum(KIOSK_SERVICES),
  languages: Languages,
});
export type KioskInput = z.infer<typeof KioskInput>;

export const KioskStatusInput = z.strictObject({
  status: z.enum(['open', 'closed']),
  version: z.number().int().min(1).max(1_000_000),
});

export const KioskView = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  label: z.string(),
  service: z.enum(KIOSK_SERVICES),
  languages: z.array(z.enum(LANGUAGES)),
  status: z.enum(['open', 'closed']),
  /** The public page's path (/kiosk/<token>): for the unit's staff only. */
  link: z.string(),
  /** The link as a QR code (an SVG data URL). */
  qrCode: z.string(),
  answers: z.number().int(),
  unreviewed: z.number().int(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  /** Whether the reader manages it (the unit's supervisor). */
  manageable: z.boolean(),
});
export type KioskView = z.infer<typeof KioskView>;
export const KioskList = z.object({ items: z.array(KioskView) });

export const NoteInput = z.strictObject({
  language: z.enum(LANGUAGES),
  youSaid: Text(300),
  weDid: Text(300),
});
export const NoteView = z.object({ id: Id, language: z.enum(LANGUAGES), youSaid: z.string(), weDid: z.string(), publishedAt: z.string() });
export type NoteView = z.infer<typeof NoteView>;
export const NoteList = z.object({ items: z.array(NoteView) });

/** The public page's questions: what a child sees, nothing of other children. */
export const KioskPublic = z.object({
  label: z.string(),
  languages: z.array(z.enum(LANGUAGES)),
  /** The one-time nonce this visit's answer must carry. */
  nonce: z.string(),
  questions: z.array(z.enum(FACE_QUESTIONS)),
  places: z.array(z.enum(MEET_PLACES)),
  ageBands: z.array(z.enum(AGE_BANDS)),
  notes: z.array(NoteView.omit({ id: true })),
});

const Face = z.number().int().min(1, 'must be a face from 1 to 5').max(5, 'must be a face from 1 to 5');
/** A child's answer: every part may be skipped, but not all of them. */
export const AnswerInput = z.strictObject({
  nonce: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a visit of this kiosk'),
  felt: Face.nullable().optional(),
  listened: Face.nullable().optional(),
  better: Face.nullable().optional(),
  meetPlace: z.enum(MEET_PLACES).nullable().optional(),
  ageBand: z.enum(AGE_BANDS).nullable().optional(),
  freeText: z.string().normalize('NFC').trim().max(2_000).refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), { message: 'must not contain control characters' }).nullable().optional(),
}).superRefine((a, ctx) => {
  const given = [a.felt, a.listened, a.better, a.meetPlace, a.ageBand, a.freeText].some((v) => v !== undefined && v !== null && v !== '');
  if (!given) ctx.addIssue({ code: 'custom', path: ['felt'], message: 'answer at least one question' });
});
export type AnswerInput = z.infer<typeof AnswerInput>;
export const AnswerReceipt = z.object({ ok: z.literal(true) });

/** A free text waiting for (or after) the supervisor's review: the child's words and the kiosk, no more. */
export const FreeTextView = z.object({
  id: Id,
  kioskId: Id,
  kioskLabel: z.string(),
  /** The kiosk's organisation: the unit, or a provider of its municipality. */
  orgName: z.string(),
  submittedOn: z.string(),
  ageBand: z.enum(AGE_BANDS).nullable(),
  text: z.string(),
  reviewedAt: z.string().nullable(),
  signalId: Id.nullable(),
});
export type FreeTextView = z.infer<typeof FreeTextView>;
export const FreeTextList = z.object({ items: z.array(FreeTextView) });
export const FreeTextQuery = z.strictObject({ state: z.enum(['unreviewed', 'reviewed', 'all']).default('unreviewed') });

/** Turning a free text into a signal: what the supervisor adds (the text becomes its narrative). */
export const MakeSignalInput = z.strictObject({
  harmTypes: z.array(z.enum(TAXONOMIES.harmType)).min(1).max(TAXONOMIES.harmType.length),
  /** The municipality of the signal: the unit's own when left out. */
  municipalityCode: Text(40).optional(),
  urgency: z.enum(['immediate', 'urgent', 'normal']).default('normal'),
  /** The child, when the unit knows who wrote it; else a placeholder the screening will resolve. */
  child: z.strictObject({ givenName: Text(100), familyName: Text(100), sex: z.enum(TAXONOMIES.sex) }),
});
export type MakeSignalInput = z.infer<typeof MakeSignalInput>;
export const MadeSignal = z.object({ signalId: Id });

export const ResultsQuery = z.strictObject({ kiosk: Id.optional() });
