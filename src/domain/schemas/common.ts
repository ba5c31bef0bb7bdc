import { z } from 'zod';

// Plain messages for the two commonest mistakes, in every schema of the system.
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
    if (issue.code === 'invalid_type') return `must be ${issue.expected === 'array' ? 'a list' : /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`}`;
    return undefined;
  },
});

/** Bounded building blocks for every API schema: no unbounded string reaches the server. */
export const Id = z.uuid({ message: 'must be a valid id' });
export const ShortText = z.string().trim().min(1).max(200);
export const LongText = z.string().max(10_000);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date that exists (2019-02-30 does not), as YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date as YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'is not a real calendar date');

export const Paging = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ErrorBody = z.object({
  message: z.string(),
  /** `code`, when present, names the rule (e.g. `password.common`) so that an interface can say it in its language. */
  issues: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  allowed: z.array(z.string()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
