/**
 * A request's validation problem as a stable code (a key of the `validation` section of the
 * locale files) and its values, from zod's issue code and details: the server sends it beside its
 * English message, the web app says it in the reader's language (src/web/app/server-issues.ts).
 * Rules of our own (zod refinements, code `custom`) keep their specific message and get no code.
 */
export type ValidationParams = Record<string, string | number>;

export function validationCode(keyword: string, details: { origin?: unknown; minimum?: unknown; maximum?: unknown; input?: unknown }): { code: string; params?: ValidationParams } | Record<string, never> {
  const listy = details.origin === 'array' || details.origin === 'set';
  switch (keyword) {
    case 'invalid_type':
      return { code: details.input === undefined || details.input === null ? 'validation.required' : 'validation.invalid' };
    case 'too_small': {
      const min = Number(details.minimum);
      if (details.origin === 'string') return min <= 1 ? { code: 'validation.required' } : { code: 'validation.tooShort', params: { count: min } };
      return listy ? { code: 'validation.chooseAtLeast', params: { min } } : { code: 'validation.tooSmall', params: { min } };
    }
    case 'too_big': {
      const max = Number(details.maximum);
      if (details.origin === 'string') return { code: 'validation.tooLong', params: { count: max } };
      return listy ? { code: 'validation.chooseAtMost', params: { max } } : { code: 'validation.tooBig', params: { max } };
    }
    case 'invalid_value':
      return { code: 'validation.chooseOne' };
    case 'invalid_format':
      return { code: 'validation.invalidFormat' };
    case 'unrecognized_keys':
      return { code: 'validation.unknownField' };
    default:
      // A rule of our own (a refinement) has a message that says more than any generic text.
      return {};
  }
}
