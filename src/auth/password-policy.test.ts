import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO_PASSWORD, type TestApp, startTestApp } from '../testing/app.ts';
import { passwordProblem } from './password-policy.ts';

/** The password rules (ASVS 2.1.1, 2.1.7), as a function and wherever a password is chosen. */
describe('passwordProblem', () => {
  it('the shipped list is not empty and in lower case', () => {
    const lines = fs.readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(300);
    expect(lines.filter((l) => l !== l.toLowerCase() || l !== l.trim())).toEqual([]);
  });

  it('refuses short, repeated, sequential, common and name-bearing passwords', () => {
    const refused: Array<[string, string]> = [
      ['elevenchars', 'too_short'],
      ['aaaaaaaaaaaa', 'repetitive'],
      ['ababababababab', 'repetitive'],
      ['abcabcabcabc', 'repetitive'],
      ['passwordpassword', 'repetitive'],
      ['123456789012', 'sequence'],
      ['qwerty123456', 'sequence'],
      ['abcdef654321', 'sequence'],
      ['Password1234!', 'common'],
      ['P@ssw0rd2024!!', 'common'],
      ['iloveyou2024', 'common'],
      ['1q2w3e4r5t6y', 'common'],
      ['Tirana2024!!!!', 'common'],
      ['dragonmonkey12', 'common'],
      ['Fjalekalimi.2024', 'common'],
      ['парола2024!!!', 'common'],
      ['safetynet-demo', 'common'],
      // From the maintained breach list (zxcvbn), not from our own.
      ['leavemealone', 'common'],
      ['Unbelievable!', 'common'],
      ['whosyourdaddy', 'common'],
      ['iseedeadpeople', 'common'],
      ['Elira-was-here-2024', 'contains_name'],
      ['my-caseworker-pass', 'contains_name'],
    ];
    for (const [password, problem] of refused) {
      expect(passwordProblem(password, { username: 'caseworker', displayName: 'Elira Dervishi' }), password).toBe(problem);
    }
  });

  it('accepts long passphrases and random strings', () => {
    for (const password of ['correct horse battery staple', 'Korca.Spring.Rain', 'новата-парола-2024', 'x7#Lq9!vR2@m', 'a-long-enough-password']) {
      expect(passwordProblem(password, { username: 'caseworker', displayName: 'Elira Dervishi' }), password).toBeNull();
    }
  });
});

describe('every place a password is chosen', () => {
  let t: TestApp;
  let admin: Client;
  let orgId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    orgId = (await t.database.unguarded.selectFrom('organisations').select('id').where('is_protection_unit', '=', true).limit(1).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const issues = (res: { json(): { issues: Array<{ path: string; code?: string }> } }) => res.json().issues.map((i) => `${i.path} ${i.code ?? '-'}`);

  it('an admin creating a user: 400 naming the field and the rule, nothing stored', async () => {
    for (const [password, rule] of [['aaaaaaaaaaaa', 'password.repetitive'], ['Password1234!', 'password.common'], ['new.worker-2024', 'password.contains_name']] as const) {
      const res = await admin.post('/api/v1/users', { username: 'new.worker', displayName: 'New Worker', organisationId: orgId, roles: ['caseworker'], password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().message).toMatch(/^The password /);
      expect(issues(res)).toEqual([`password ${rule}`]);
    }
    const short = await admin.post('/api/v1/users', { username: 'new.worker', displayName: 'New Worker', organisationId: orgId, roles: ['caseworker'], password: 'Short-pw-11' });
    expect(short.statusCode).toBe(400);
    // Too short is the schema's length rule, with the code the web app translates.
    expect(issues(short)).toEqual(['password validation.tooShort']);
    expect(await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'new.worker').executeTakeFirst()).toBeUndefined();
    expect((await admin.post('/api/v1/users', { username: 'new.worker', displayName: 'New Worker', organisationId: orgId, roles: ['caseworker'], password: 'Twelve-chars' })).statusCode).toBe(201);
  });

  it('an admin resetting a password, and a user changing their own', async () => {
    const target = await t.database.unguarded.selectFrom('users').select(['id', 'password_hash']).where('username', '=', 'e.cela').executeTakeFirstOrThrow();
    const reset = await admin.patch(`/api/v1/users/${target.id}`, { password: 'qwertyuiop12' });
    expect(reset.statusCode).toBe(400);
    expect(issues(reset)).toEqual(['password password.sequence']);
    const own = await t.login('e.cela');
    for (const [newPassword, rule] of [['aaaaaaaaaaaa', 'password.repetitive'], ['Welcome2024!!', 'password.common'], ['entela-cela-rocks', 'password.contains_name']] as const) {
      const res = await own.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(issues(res)).toEqual([`newPassword ${rule}`]);
    }
    expect((await t.database.unguarded.selectFrom('users').select('password_hash').where('id', '=', target.id).executeTakeFirstOrThrow()).password_hash).toBe(target.password_hash);
    expect((await own.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Lantern-Orchard-Ferry' })).statusCode).toBe(200);
  });
});
