import { afterAll, describe, expect, it } from 'vitest';
import { issueCode } from '../../interchange/issue-codes.ts';
import { changeLanguage } from './i18n.ts';
import { importProblemText } from './server-issues.ts';

const problem = (message: string) => ({ message, ...issueCode(message) });

describe('import problems in the reader’s language', () => {
  afterAll(() => changeLanguage('en'));

  it('says a coded problem in bg and sq, with its values and plural', async () => {
    await changeLanguage('bg');
    expect(importProblemText(problem('is outside your country'))).toBe('е извън Вашата държава');
    expect(importProblemText(problem('is longer than 200 characters'))).toBe('е по-дълго от 200 знака');
    expect(importProblemText(problem('differs from line 3 for the same child_ref'))).toBe('се различава от ред 3 за същия child_ref');
    await changeLanguage('sq');
    expect(importProblemText(problem('is not a real date or time'))).toBe('nuk është datë ose orë e vërtetë');
    expect(importProblemText(problem('is missing: the row has 1 fields, the header 13'))).toBe('mungon: rreshti ka 1 fushë, rreshti i titujve 13');
  });

  it('keeps the English message of a problem it has no code for', async () => {
    await changeLanguage('bg');
    expect(importProblemText({ message: 'a new kind of problem' })).toBe('a new kind of problem');
    expect(importProblemText({ message: 'a new kind of problem', code: 'noSuchCode' })).toBe('a new kind of problem');
  });
});

describe('validation problems in the reader’s language', () => {
  afterAll(() => changeLanguage('en'));

  it('says a coded rule with its values, and keeps a message of our own', async () => {
    const { issueText } = await import('./server-issues.ts');
    await changeLanguage('sq');
    expect(issueText({ path: 'password', message: 'Too small', code: 'validation.tooShort', params: { count: 12 } })).toBe('Shkruani të paktën 12 karaktere.');
    expect(issueText({ path: 'occurredAt', message: 'cannot be in the future' })).toBe('cannot be in the future');
  });
});
