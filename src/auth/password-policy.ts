import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dictionary } from '@zxcvbn-ts/language-common';
import { InputError } from '../errors.ts';
import { PASSWORD_MIN } from './passwords.ts';

/**
 * What a chosen password must be (ASVS 2.1.1, 2.1.7): at least PASSWORD_MIN characters, not a
 * common password or a common word dressed up with digits and symbols, not one character or a
 * short piece repeated, not a keyboard or alphabet run, and not containing the user's name.
 * Applies wherever a password is chosen (admin, own account, CLI); the demo seed does not choose.
 */
export type PasswordProblem = 'too_short' | 'common' | 'repetitive' | 'sequence' | 'contains_name';

const MESSAGES: Record<PasswordProblem, string> = {
  too_short: `must be at least ${PASSWORD_MIN} characters`,
  common: 'is a common password, or a common word with digits or symbols added',
  repetitive: 'repeats a character or a short piece',
  sequence: 'is a keyboard or alphabet sequence',
  contains_name: 'must not contain the user name or name',
};

const LIST_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt');
let common: Set<string> | null = null;
/** Our own list: common passwords and the words they are built from (sq, bg, en). */
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs.readFileSync(LIST_FILE, 'utf8').split('\n').map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith('#')),
  );
  return common;
}
let breached: Set<string> | null = null;
/**
 * The maintained list: zxcvbn's ~49,000 passwords most often found in breaches. Matched whole
 * (as typed, or as its word), never split in two: its short entries would refuse most passphrases.
 */
function breachedPasswords(): Set<string> {
  breached ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return breached;
}

/** Rows along which a run of three or more neighbours counts as no choice at all. */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'yxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p', 'абвгдежзийклмнопрстуфхцчшщъьюя', 'явертъуиопшщ', 'асдфгхйкл', 'зьцжбнм',
  'йцукенгшщзх', 'фывапролдж', 'ячсмитьбю',
];
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', '$': 's', '!': 'i', '|': 'l', '+': 't' };

/** Is the text one short piece repeated (the last repeat may be cut short)? */
function isRepeated(text: string[]): boolean {
  for (let unit = 1; unit <= text.length / 2; unit++) {
    if (text.every((c, i) => c === text[i % unit])) return true;
  }
  return false;
}

/** How many characters are left outside runs of ≥3 repeated or neighbouring characters. */
function charactersOutsideRuns(text: string[]): number {
  const inRun = new Array<boolean>(text.length).fill(false);
  const step = (a: string, b: string) =>
    a === b || SEQUENCES.some((s) => { const i = s.indexOf(a); return i >= 0 && (s[i + 1] === b || (i > 0 && s[i - 1] === b)); });
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && step(text[i - 1]!, text[i]!)) continue;
    if (i - start >= 3) inRun.fill(true, start, i);
    start = i;
  }
  return inRun.filter((x) => !x).length;
}

/** The password's word: lower case, digits and symbols off both ends, look-alikes read as letters. */
function cores(lower: string): string[] {
  const trimmed = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const letters = trimmed.replace(/[^\p{L}]/gu, '');
  const readAs = [...trimmed].map((c) => LEET[c] ?? c).join('').replace(/[^\p{L}]/gu, '');
  return [...new Set([trimmed, letters, readAs].filter(Boolean))];
}

function isCommon(lower: string): boolean {
  const list = commonPasswords();
  const maintained = breachedPasswords();
  if (list.has(lower) || maintained.has(lower)) return true;
  for (const core of cores(lower)) {
    if (list.has(core) || maintained.has(core)) return true;
    const chars = [...core];
    for (let unit = 1; unit <= chars.length / 2; unit++) {
      if (chars.length % unit === 0 && chars.every((c, i) => c === chars[i % unit]) && list.has(chars.slice(0, unit).join(''))) return true;
    }
    for (let i = 1; i < chars.length; i++) {
      if (list.has(chars.slice(0, i).join('')) && list.has(chars.slice(i).join(''))) return true;
    }
  }
  return false;
}

/** The first problem with a chosen password, or null when it is acceptable. */
export function passwordProblem(password: string, context: { username?: string; displayName?: string } = {}): PasswordProblem | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN) return 'too_short';
  const lower = password.toLowerCase();
  if (isRepeated([...lower]) || new Set(lower).size < 5) return 'repetitive';
  if (charactersOutsideRuns([...lower]) < 4) return 'sequence';
  const names = [context.username ?? '', ...(context.displayName ?? '').split(/[\s\-.'’]+/)]
    .map((n) => n.toLowerCase())
    .filter((n) => [...n].length >= 3);
  if (names.some((n) => lower.includes(n))) return 'contains_name';
  if (isCommon(lower)) return 'common';
  return null;
}

/** Refuses a chosen password with a 400 naming `field`, and the problem as the issue's `code`. */
export function assertPasswordAcceptable(password: string, field: string, context: { username?: string; displayName?: string }): void {
  const problem = passwordProblem(password, context);
  if (problem) {
    throw new InputError(`The ${field === 'newPassword' ? 'new password' : 'password'} ${MESSAGES[problem]}`, [
      { path: field, message: MESSAGES[problem], code: `password.${problem}` },
    ]);
  }
}
