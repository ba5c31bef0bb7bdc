import { z } from 'zod';
import { Code, Id, IsoDate, Text } from '../domain/common-schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { TRAINING_MODES, TRAINING_TOPICS } from '../domain/training-topics.ts';

/**
 * The trainings register (issue 14 §5) as the API and the web app exchange it. None of it is about
 * a child; participants are professionals (personal data, kept by trainers).
 */
const Topics = z.array(z.enum(TRAINING_TOPICS)).min(1).max(TRAINING_TOPICS.length)
  .refine((t) => new Set(t).size === t.length, { message: 'names a topic twice' });

export const ModuleInput = z.strictObject({
  title: Text(200).pipe(z.string().min(1)),
  topics: Topics,
  hours: z.number().int().min(1).max(500),
});
export type ModuleInput = z.infer<typeof ModuleInput>;
export const ModuleView = z.object({ id: Id, country: z.string(), orgName: z.string(), title: z.string(), topics: z.array(z.enum(TRAINING_TOPICS)), hours: z.number(), sessions: z.number() });
export type ModuleView = z.infer<typeof ModuleView>;

export const SessionInput = z.strictObject({
  moduleId: Id,
  startsOn: IsoDate,
  endsOn: IsoDate,
  place: Text(200).pipe(z.string().min(1)),
  municipalityCode: Code(2, 20),
  trainers: z.array(Text(200).pipe(z.string().min(1))).min(1).max(20),
  mode: z.enum(TRAINING_MODES),
}).refine((s) => s.endsOn >= s.startsOn, { path: ['endsOn'], message: 'must not be before the start' })
  .refine((s) => Date.parse(s.endsOn) - Date.parse(s.startsOn) <= 60 * 86_400_000, { path: ['endsOn'], message: 'a session lasts at most 61 days' });
export type SessionInput = z.infer<typeof SessionInput>;

export const SessionView = z.object({
  id: Id, country: z.string(), moduleId: Id, moduleTitle: z.string(), topics: z.array(z.enum(TRAINING_TOPICS)), hours: z.number(),
  startsOn: IsoDate, endsOn: IsoDate, days: z.array(IsoDate), place: z.string(), municipalityCode: z.string(), regionCode: z.string(),
  trainers: z.array(z.string()), mode: z.enum(TRAINING_MODES), orgName: z.string(), participants: z.number(), certificates: z.number(),
});
export type SessionView = z.infer<typeof SessionView>;
export const SessionList = z.object({ items: z.array(SessionView) });
export const SessionQuery = z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional() });

const Score = z.number().int().min(0).max(100).nullable();
export const ParticipantInput = z.strictObject({
  name: Text(200).pipe(z.string().min(1)),
  sector: z.enum(TAXONOMIES.sector),
  organisation: Text(200).pipe(z.string().min(1)),
  /** The organisation of Safetynet it names, if any (for the figures of the multidisciplinary teams). */
  organisationId: Id.nullable().optional(),
  position: Text(200).optional(),
  municipalityCode: Code(2, 20).nullable().optional(),
  /** A user of Safetynet, if the participant is one. */
  userId: Id.nullable().optional(),
});
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const ResultsInput = z.strictObject({
  scoreBefore: Score,
  scoreAfter: Score,
  rating: z.number().int().min(1).max(5).nullable(),
});
export type ResultsInput = z.infer<typeof ResultsInput>;

export const AttendanceInput = z.strictObject({ days: z.array(IsoDate).max(62) });

export const ParticipantView = z.object({
  id: Id, sessionId: Id, name: z.string(), sector: z.string(), organisation: z.string(), organisationId: Id.nullable(),
  position: z.string(), municipalityCode: z.string().nullable(), userId: Id.nullable(),
  scoreBefore: z.number().nullable(), scoreAfter: z.number().nullable(), rating: z.number().nullable(),
  days: z.array(IsoDate),
  /** Whether the attendance rule is met (all days, or the configured share). */
  eligible: z.boolean(),
  certificateCode: z.string().nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;
export const SessionDetail = z.object({ session: SessionView, participants: z.array(ParticipantView) });
export type SessionDetail = z.infer<typeof SessionDetail>;

export const CertificateView = z.object({ code: z.string(), participantId: Id, name: z.string(), issuedAt: z.string() });
export type CertificateView = z.infer<typeof CertificateView>;

export const ImportInput = z.strictObject({ csv: z.string().max(500_000), dryRun: z.boolean().default(false) });
export const ImportIssue = z.object({ line: z.number(), column: z.string(), message: z.string() });
export const ImportResult = z.object({ created: z.number(), dryRun: z.boolean() });
export const ImportRefused = z.object({ message: z.string(), issues: z.array(ImportIssue) });

export const NeedInput = z.strictObject({
  sector: z.enum(TAXONOMIES.sector),
  topic: z.enum(TRAINING_TOPICS),
  professionals: z.number().int().min(1).max(100_000),
  municipalityCode: Code(2, 20),
  source: Text(200).pipe(z.string().min(1)),
  recordedOn: IsoDate,
});
export type NeedInput = z.infer<typeof NeedInput>;
export const NeedView = z.object({
  id: Id, sector: z.string(), topic: z.enum(TRAINING_TOPICS), professionals: z.number(), municipalityCode: z.string(), regionCode: z.string(),
  source: z.string(), recordedOn: IsoDate,
});
export type NeedView = z.infer<typeof NeedView>;

export const TrainerHome = z.object({
  upcoming: z.array(SessionView),
  toIssue: z.array(z.object({ participantId: Id, name: z.string(), sessionId: Id, moduleTitle: z.string(), endsOn: IsoDate })),
});

export const Verification = z.object({ code: z.string(), name: z.string(), module: z.string(), startsOn: IsoDate, endsOn: IsoDate, hours: z.number(), issuer: z.string(), issuedAt: z.string() });
export type Verification = z.infer<typeof Verification>;
