import { describe, expect, it } from 'vitest';
import { fieldVisible } from '../policy/field-sharing.ts';
import { nameKey, nameSimilarity } from './names.ts';
import { navigationFor } from './roles.ts';
import { IsoDate } from './common-schema.ts';
import { ageGroupOf, ageOn } from './taxonomies.ts';

describe('names for the duplicate check', () => {
  it('transliterates Bulgarian Cyrillic and folds Albanian letters', () => {
    expect(nameKey('Иван', 'Петров')).toBe('ivan petrov');
    expect(nameKey('Жечка', 'Щерева')).toBe('zhechka shtereva');
    expect(nameKey('  ERJONË ', 'Çela')).toBe('erjone cela');
  });
  it('scores alike names high and different names low, whatever the word order', () => {
    expect(nameSimilarity('ana krasniqi', 'ana krasniqi')).toBe(1);
    expect(nameSimilarity('krasniqi ana', 'ana krasniqi')).toBe(1);
    expect(nameSimilarity('anna krasniqui', 'ana krasniqi')).toBeGreaterThan(0.8);
    expect(nameSimilarity('dorian prifti', 'ana krasniqi')).toBeLessThan(0.5);
  });
});

describe('ages and age groups', () => {
  it('counts completed years', () => {
    expect(ageOn('2010-06-15', '2019-06-14')).toBe(8);
    expect(ageOn('2010-06-15', '2019-06-15')).toBe(9);
    expect(ageOn('2012-02-29', '2019-02-28')).toBe(6);
  });
  it('puts each age in its reporting group', () => {
    expect([0, 3, 4, 7, 8, 11, 12, 16, 17, 18].map(ageGroupOf)).toEqual(['0-3', '0-3', '4-7', '4-7', '8-11', '8-11', '12-16', '12-16', '17-18', '17-18']);
    expect(ageGroupOf(19)).toBeNull();
    expect(ageGroupOf(-1)).toBeNull();
  });
});

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(IsoDate.safeParse('2019-02-28').success).toBe(true);
    expect(IsoDate.safeParse('2020-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2019-02-30').success).toBe(false);
    expect(IsoDate.safeParse('2019-13-01').success).toBe(false);
    expect(IsoDate.safeParse('19-1-1').success).toBe(false);
  });
});

describe('field sharing', () => {
  it('the unit sees everything; partners see identity, their sector what is shared with it', () => {
    expect(fieldVisible('notes', 'unit_caseworker', 'social_services')).toBe(true);
    expect(fieldVisible('notes', 'meeting', 'police')).toBe(false);
    expect(fieldVisible('vulnerabilities', 'referral', 'ngo')).toBe(false);
    expect(fieldVisible('address', 'meeting', 'police')).toBe(true);
    expect(fieldVisible('address', 'referral', 'ngo')).toBe(false);
    expect(fieldVisible('givenName', 'referral', 'ngo')).toBe(true);
  });
});

describe('navigation by role', () => {
  it('gives each role its sections', () => {
    expect(navigationFor(['admin']).map((n) => n.id)).toEqual(['home', 'users', 'organisations', 'retention', 'breakGlassUsers', 'jurisdictions', 'account']);
    expect(navigationFor(['caseworker']).map((n) => n.id)).toEqual(['home', 'tasks', 'cases', 'referrals', 'signals', 'meetings', 'children', 'institutions', 'shelters', 'prevention', 'boards', 'feedback', 'breakGlass', 'account']);
    expect(navigationFor(['monitor']).map((n) => n.id)).toEqual(['home', 'reports', 'jurisdictions', 'account']);
    expect(navigationFor(['trainer']).map((n) => n.id)).toEqual(['home', 'trainings', 'account']);
    // A provider's sections depend on its organisation's sector: an NGO, a shelter, an institution.
    expect(navigationFor(['provider'], 'ngo').map((n) => n.id)).toEqual(['home', 'tasks', 'cases', 'referrals', 'meetings', 'children', 'prevention', 'boards', 'feedback', 'breakGlass', 'account']);
    expect(navigationFor(['provider'], 'shelter').map((n) => n.id)).toEqual(['home', 'tasks', 'cases', 'referrals', 'meetings', 'children', 'shelters', 'prevention', 'feedback', 'breakGlass', 'account']);
    expect(navigationFor(['provider'], 'residential_care').map((n) => n.id)).toEqual(['home', 'tasks', 'cases', 'referrals', 'meetings', 'children', 'institutions', 'prevention', 'feedback', 'breakGlass', 'account']);
  });
});
