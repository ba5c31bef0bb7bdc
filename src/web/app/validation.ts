import type { z } from 'zod';
import { i18n } from './i18n.ts';

/**
 * Validation messages in the reader's language. Passed to zodResolver as the parse-time error
 * map, so the shared domain schemas (which carry no UI text) speak the interface's language.
 */
function issueMessage(issue: z.core.$ZodRawIssue): string {
  const t = i18n.t.bind(i18n);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? t('validation.required')
        : t('validation.invalid');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('validation.required') : t('validation.tooShort', { count: min });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.chooseAtLeast', { min });
      return t('validation.tooSmall', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.tooLong', { count: max });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.chooseAtMost', { max });
      return t('validation.tooBig', { max });
    }
    case 'invalid_value':
      return t('validation.chooseOne');
    case 'invalid_format':
      return t('validation.invalidFormat');
    default:
      return t('validation.invalid');
  }
}

export const zodErrors = { error: issueMessage };
