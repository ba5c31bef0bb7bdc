import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, resources } from '../domain/i18n/i18n-resources.ts';
import { ISSUE_CODES, issueCode } from './issue-codes.ts';

/**
 * The English messages the checks write (string literals on lines that add an issue or throw a
 * FileProblem), with `${…}` standing for a value.
 */
function messagesInSource(): Array<[string, string]> {
  const dir = path.resolve('src/interchange');
  const out: Array<[string, string]> = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!/issues\.add\(|FileProblem\(/.test(line) || /class FileProblem/.test(line)) continue;
      // The one message built of nested templates: stands for both of its forms.
      if (line.includes("'unknown codes'")) {
        out.push([file, 'has unknown codes: a, b (not x codes)'], [file, 'has an unknown code (not x codes)']);
        continue;
      }
      const flat = line.replace(/\$\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g, '1');
      for (const m of flat.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`]*)`/g)) {
        const text = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
        if (/^(is|must|has|names|differs|needs|the|a |appears|repeats|already)/.test(text) && text.includes(' ')) out.push([file, text]);
      }
    }
  }
  return out;
}

describe('import problems: a stable code for every message, said in every language', () => {
  it('every message the checks write has a code', () => {
    const messages = messagesInSource();
    expect(messages.length).toBeGreaterThan(40);
    expect(messages.filter(([, m]) => !issueCode(m)).map(([f, m]) => `${f}: ${m}`)).toEqual([]);
  });

  it('reads the values out of a message', () => {
    expect(issueCode('is longer than 200 characters')).toEqual({ code: 'tooLong', params: { count: 200 } });
    expect(issueCode('differs from line 3 for the same child_ref')).toEqual({ code: 'differsFromLine', params: { line: 3, ref: 'child_ref' } });
    expect(issueCode('has unknown codes: foo, bar (not harm type codes)')).toEqual({ code: 'unknownCodes', params: { codes: 'foo, bar', taxonomy: 'harm type' } });
    expect(issueCode('has an unknown code (not harm type codes)')).toEqual({ code: 'unknownCodes', params: { taxonomy: 'harm type' } });
    expect(issueCode('is required')).toEqual({ code: 'required' });
    expect(issueCode('something new')).toBeUndefined();
  });

  it('every code has a text in sq, bg and en', () => {
    for (const language of LANGUAGES) {
      const problems = (resources[language].ui as unknown as { interchange: { problems: Record<string, string> } }).interchange.problems;
      const missing = ISSUE_CODES.map(([code]) => code).filter((code) => !problems[code] && !(problems[`${code}_one`] && problems[`${code}_other`]));
      expect(missing, language).toEqual([]);
    }
  });
});
