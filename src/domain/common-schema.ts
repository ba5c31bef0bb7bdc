import { z } from 'zod';

// Plain messages for the two commonest mistakes, in every schema of the system.
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
    if (issue.code === 'invalid_type') return `must be ${issue.expected === 'array' ? 'a list' : /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`}`;
    return undefined;
  },
});

/**
 * Bounded building blocks for every API schema: no unbounded string reaches the server, text is
 * NFC-normalised, control characters are refused (line breaks and tabs only in long text), a
 * name or a required text must show something (not only spaces or zero-width characters), and
 * dates lie between 1900 and a plausible future.
 */
export const Id = z.uuid({ message: 'must be a valid id' });

/** C0 controls and DEL, but tab, line feed and carriage return; and the C1 controls. */
export const CONTROL_IN_PROSE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Every control character, tab and line breaks included (single-line fields, query strings). */
export const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Nothing a reader could see: spaces and the zero-width and other invisible format characters. */
const INVISIBLE_ONLY = /^[\s\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]*$/u;

const NO_CONTROL = 'must not contain control characters';
const VISIBLE = 'must contain visible characters';

/** Single-line text, required: trimmed, visible, 1..max characters. */
export const Text = (max: number) =>
  z
    .string()
    .normalize('NFC')
    .trim()
    .min(1)
    .refine((v) => !CONTROL.test(v), { message: NO_CONTROL })
    // An empty value is `too_small` (the forms say "required"); only a non-empty invisible one is this.
    .refine((v) => v === '' || CONTROL.test(v) || !INVISIBLE_ONLY.test(v), { message: VISIBLE })
    .max(max);
/** Multi-line text, required: as Text, but line breaks and tabs are kept. */
export const Prose = (max: number) =>
  z
    .string()
    .normalize('NFC')
    .trim()
    .min(1)
    .refine((v) => !CONTROL_IN_PROSE.test(v), { message: NO_CONTROL })
    .refine((v) => v === '' || CONTROL_IN_PROSE.test(v) || !INVISIBLE_ONLY.test(v), { message: VISIBLE })
    .max(max);
/** Optional single-line text that may be cleared (null or empty). */
export const OptText = (max: number) => z.string().normalize('NFC').trim().refine((v) => !CONTROL.test(v), { message: NO_CONTROL }).max(max).nullable().optional();
/** Optional multi-line text that may be cleared (null or empty). */
export const OptProse = (max: number) => z.string().normalize('NFC').trim().refine((v) => !CONTROL_IN_PROSE.test(v), { message: NO_CONTROL }).max(max).nullable().optional();

export const ShortText = Text(200);
export const LongText = z.string().normalize('NFC').refine((v) => !CONTROL_IN_PROSE.test(v), { message: NO_CONTROL }).max(10_000);
/** A person's name (given or family): single line, visible, at most 100 characters. */
export const Name = Text(100);
/** A code (municipality, reference): single line, no control characters. */
export const Code = (min: number, max: number) => z.string().normalize('NFC').trim().refine((v) => !CONTROL.test(v), { message: NO_CONTROL }).min(min).max(max);

/** The earliest date the system takes: no child protection record begins before it. */
export const EARLIEST = '1900-01-01';
/** The latest planned date it takes (a due date, a review): far enough for any plan. */
export const LATEST = '2100-12-31';
/** How far into the future a "now" may be, for clocks that are a little off. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
/** Today's date where the day starts earliest (UTC+14), so that no time zone's today is refused. */
export const latestToday = (now = Date.now()) => new Date(now + 14 * 3_600_000).toISOString().slice(0, 10);

/** A calendar date that exists (2019-02-30 does not), as YYYY-MM-DD, from 1900 to 2100. */
export const IsoDate = z
  .string()
  .regex(ISO_DATE, { message: 'must be a date as YYYY-MM-DD' })
  .refine((v) => !ISO_DATE.test(v) || realDate(v), { message: 'is not a real calendar date' })
  .refine((v) => !realDate(v) || (v >= EARLIEST && v <= LATEST), { message: `must be between ${EARLIEST} and ${LATEST}` });
/** A date that has happened (a birth, a placement's start, a delivery): not after today. */
export const PastDate = IsoDate.refine((v) => !realDate(v) || v > LATEST || v <= latestToday(), { message: 'must not be in the future' });

/** An instant with its offset (ISO 8601), from 1900 to 2100. */
export const Instant = z.iso
  .datetime({ offset: true, message: 'must be a date and time (ISO 8601)' })
  .refine((v) => {
    const t = Date.parse(v);
    return Number.isNaN(t) || (t >= Date.parse(`${EARLIEST}T00:00:00Z`) && t <= Date.parse(`${LATEST}T23:59:59Z`));
  }, { message: `must be between ${EARLIEST} and ${LATEST}` });

/** A search text: single line, 2..100 characters. */
export const SearchText = Code(2, 100);

export const Paging = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ErrorBody = z.object({
  message: z.string(),
  /** `code`, when present, names the rule (e.g. `password.common`, `validation.tooShort`) so that an interface can say it in its language. */
  issues: z.array(z.object({
    path: z.string(), message: z.string(), code: z.string().optional(),
    /** Values of the rule (e.g. `count` for `validation.tooShort`). */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })).optional(),
  allowed: z.array(z.string()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
