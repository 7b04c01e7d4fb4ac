/**
 * The shared strings as the import worker keeps them: every string back as it went in, Chinese
 * text and strings running from one slab into the next included; a look-up past the end is
 * nothing; a string past either limit is not kept.
 */
import { describe, expect, it } from 'vitest';
import { SharedStrings } from '#functions/agency/shared-strings';

describe('SharedStrings', () => {
  it('gives every string back, across slabs, a character never cut', () => {
    const strings = new SharedStrings({ strings: 1e6, bytes: 1e9 });
    // Three-byte characters in strings of odd lengths: many end or start in the middle of a slab's last bytes.
    const texts = Array.from({ length: 60_000 }, (_, n) => (n % 1000 === 0 ? '长'.repeat(400_000) : `${'深圳'.repeat(n % 7)}市${n}`));
    for (const text of texts) expect(strings.add(text)).toBe(true);
    texts.forEach((text, n) => {
      if (strings.at(n) !== text) expect(strings.at(n), `string ${n}`).toBe(text);
    });
    const list = strings.asList();
    expect([list[0]?.length, list[1], list[59_999]]).toEqual([400_000, '深圳市1', texts[59_999]]);
    expect([list[60_000], strings.at(-1), strings.at(1.5)]).toEqual([undefined, undefined, undefined]);
  });

  it('keeps an empty string, and nothing past the count or the bytes allowed', () => {
    const counted = new SharedStrings({ strings: 2, bytes: 100 });
    expect([counted.add(''), counted.add('a'), counted.add('b')]).toEqual([true, true, false]);
    expect([counted.at(0), counted.at(1), counted.at(2)]).toEqual(['', 'a', undefined]);
    const sized = new SharedStrings({ strings: 10, bytes: 6 });
    expect([sized.add('深圳'), sized.add('市')]).toEqual([true, false]);
    expect(sized.at(1)).toBeUndefined();
  });
});
