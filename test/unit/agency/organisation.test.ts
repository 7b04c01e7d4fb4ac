/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters of a 31-character set,
 * a 6-digit division, and a check character weighted 3^i mod 31. Well-formed codes pass; one
 * changed character, a swapped pair, or a letter outside the set fails.
 */
import { describe, expect, it } from 'vitest';
import { creditCodeCheck, isCreditCode, normaliseCreditCode } from '#shared/agency/organisation';

/** Codes in the form printed on business licences, each with its right check character. */
const PUBLISHED = ['91350100M000100Y43', '91110000600037341L', '91440300708461136T', '91110108551385082Q'];

describe('isCreditCode', () => {
  it.each(PUBLISHED)('accepts %s', (code) => {
    expect(isCreditCode(code)).toBe(true);
  });

  it('accepts lower case and spaces, as typed', () => {
    expect(isCreditCode(' 91350100m000100y43 ')).toBe(true);
    expect(normaliseCreditCode('9135 0100 m000 100y43')).toBe('91350100M000100Y43');
  });

  it.each(PUBLISHED)('refuses %s with any one character changed', (code) => {
    for (let i = 0; i < 18; i++) {
      const changed = code.slice(0, i) + (code[i] === '0' ? '1' : '0') + code.slice(i + 1);
      expect(isCreditCode(changed), changed).toBe(false);
    }
  });

  it('refuses two neighbouring characters swapped', () => {
    expect(isCreditCode('91350100M000100Y34')).toBe(false);
    expect(isCreditCode('19350100M000100Y43')).toBe(false);
  });

  it.each([
    ['too short', '91350100M000100Y4'],
    ['too long', '91350100M000100Y430'],
    ['a letter outside the set (I, O, S, V, Z)', '91350100I000100Y43'],
    ['letters in the division', '9135A100M000100Y43'],
    ['empty', ''],
  ])('refuses a code %s', (_, code) => {
    expect(isCreditCode(code)).toBe(false);
  });

  it('the check character of 17 characters, or none outside the set', () => {
    expect(creditCodeCheck('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheck('91350100O000100Y4')).toBeUndefined();
  });
});
