import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_NAMESPACE, NAMESPACES, resources } from './i18n-resources.ts';
import { validationCode } from './validation-codes.ts';

/** The code of the first issue zod finds, as the server computes it. */
function codeOf(schema: z.ZodType, value: unknown) {
  const issue = schema.safeParse(value).error!.issues[0]!;
  return validationCode(issue.code, issue as unknown as Record<string, unknown>);
}

describe('validation problems by code', () => {
  it('names the rule and its values', () => {
    expect(codeOf(z.string().min(12), 'short')).toEqual({ code: 'validation.tooShort', params: { count: 12 } });
    expect(codeOf(z.string().max(3), 'toolong')).toEqual({ code: 'validation.tooLong', params: { count: 3 } });
    expect(codeOf(z.object({ a: z.string() }), {})).toEqual({ code: 'validation.required' });
    expect(codeOf(z.array(z.string()).min(1), [])).toEqual({ code: 'validation.chooseAtLeast', params: { min: 1 } });
    expect(codeOf(z.enum(['a', 'b']), 'c')).toEqual({ code: 'validation.chooseOne' });
  });

  it('leaves a rule of our own (a refinement) to its own message', () => {
    expect(codeOf(z.string().refine((s) => s === 'x', 'must be x'), 'y')).toEqual({});
  });

  it('every code is a text in each language', () => {
    const i18n = i18next.createInstance();
    void i18n.init({ resources, lng: 'bg', ns: [...NAMESPACES], defaultNS: DEFAULT_NAMESPACE, initAsync: false });
    expect(i18n.t('validation.tooShort', { count: 12 })).toBe('Въведете поне 12 знака.');
    for (const code of ['required', 'invalid', 'tooShort', 'tooLong', 'tooSmall', 'tooBig', 'chooseAtLeast', 'chooseAtMost', 'chooseOne', 'invalidFormat', 'unknownField']) {
      for (const lng of ['sq', 'bg', 'en']) expect(i18n.exists(`validation.${code}`, { lng, count: 2 }), `${lng} ${code}`).toBe(true);
    }
  });
});
