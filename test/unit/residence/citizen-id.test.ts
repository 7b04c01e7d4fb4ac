/** Citizen ID numbers (GB 11643-1999): format, birth date, ISO 7064 MOD 11-2 check character, sex and masking. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, maskCitizenId, readCitizenId, type CitizenIdProblem } from '#shared/residence/citizen-id';

const TODAY = '2026-06-01';

/** A number with the right check character for the given 17 characters. */
const withCheck = (first17: string) => `${first17}${checkCharacter(first17)}`;

/** A character that is not the right check character of `first17`. */
const wrongCheck = (first17: string) => '0123456789X'.split('').find((c) => c !== checkCharacter(first17))!;

const problemOf = (value: string, today = TODAY): CitizenIdProblem | undefined => {
  const read = readCitizenId(value, today);
  return read.ok ? undefined : read.problem;
};

describe('valid numbers', () => {
  it('the standard’s own example has check character X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(readCitizenId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      facts: { number: '11010519491231002X', issuingDivision: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it.each([
    ['440304199003071235'.slice(0, 17), '440304', '1990-03-07', 'male'],
    ['65010220000229456', '650102', '2000-02-29', 'female'],
    ['21010219000101001', '210102', '1900-01-01', 'male'],
    ['64010420260601998', '640104', '2026-06-01', 'female'],
    ['14020319871130007', '140203', '1987-11-30', 'male'],
  ])('%s + check character → born %s in %s, %s', (first17, division, birthDate, sex) => {
    const read = readCitizenId(withCheck(first17), TODAY);
    expect(read).toEqual({ ok: true, facts: { number: withCheck(first17), issuingDivision: division, birthDate, sex } });
  });

  it('normalises a lower-case x and surrounding spaces', () => {
    const read = readCitizenId(' 11010519491231002x\t', TODAY);
    expect(read.ok && read.facts.number).toBe('11010519491231002X');
  });

  it.each([
    ['1', 'male'],
    ['3', 'male'],
    ['9', 'male'],
    ['0', 'female'],
    ['2', 'female'],
    ['8', 'female'],
  ])('reads sex from the 17th digit: %s → %s', (digit, sex) => {
    const read = readCitizenId(withCheck(`1101051990010100${digit}`), TODAY);
    expect(read.ok && read.facts.sex).toBe(sex);
  });
});

describe('invalid numbers', () => {
  it.each(['11010519491231002', '11010519491231002X1'])('wrong length: %s', (value) => {
    expect(problemOf(value)).toBe('citizenIdFormat');
  });

  it.each([
    ['leading zero', withCheck('01010519491231002')],
    ['a letter inside', 'A1010519491231002X'],
    ['X before the end', '1101051949123100X2'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
    ['empty', ''],
    ['inner space', '110105 9491231002X'],
  ])('bad characters (%s)', (_, value) => {
    expect(problemOf(value)).toBe('citizenIdFormat');
  });

  it.each([
    ['30 February', '11010519900230001'],
    ['29 February of a common year', '11010520230229001'],
    ['29 February 1900 (not a leap year)', '11010519000229001'],
    ['month 13', '11010519901301001'],
    ['day 00', '11010519900100001'],
    ['after today', '11010520260602001'],
    ['before 1900', '11010518991231001'],
  ])('bad birth date (%s), even with the right check character', (_, first17) => {
    expect(problemOf(withCheck(first17))).toBe('citizenIdBirthDate');
  });

  it('a birth date valid yesterday is refused by a clock set before it', () => {
    expect(problemOf(withCheck('11010520260601001'), '2026-06-01')).toBeUndefined();
    expect(problemOf(withCheck('11010520260601001'), '2026-05-31')).toBe('citizenIdBirthDate');
  });

  it.each(['11010519491231002', '44030419900307123', '65010220000229456'])('wrong check character after %s', (first17) => {
    expect(problemOf(`${first17}${wrongCheck(first17)}`)).toBe('citizenIdChecksum');
  });
});

describe('masking', () => {
  it('keeps the division and the last four', () => {
    expect(maskCitizenId('11010519491231002X')).toBe('110105********002X');
  });

  it('hides everything of a string that is not 18 characters long', () => {
    expect(maskCitizenId('1101051949123100')).toBe('****************');
    expect(maskCitizenId('')).toBe('');
  });
});

/* ------------------------------------------ properties ------------------------------------------ */

const DIGITS = '0123456789';

/** Dates from 1900-01-01 to TODAY as YYYYMMDD. */
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10).replaceAll('-', ''));

/** Seventeen digits: a division-like start (no leading zero), a real birth date, a sequence. */
const first17 = fc
  .tuple(fc.stringMatching(/^[1-9]\d{5}$/), birthDate, fc.stringMatching(/^\d{3}$/))
  .map(([division, date, sequence]) => `${division}${date}${sequence}`);

const validNumber = first17.map(withCheck);

/** Characters a position may hold: digits everywhere, X too in the last. */
const allowedAt = (position: number) => (position === 17 ? `${DIGITS}X` : DIGITS);

const replaceAt = (value: string, position: number, character: string) =>
  `${value.slice(0, position)}${character}${value.slice(position + 1)}`;

// Each property runs hundreds of cases; a busy machine must not turn that into a timeout.
describe('properties', { timeout: 60_000 }, () => {
  it('a valid prefix with its check character is a valid number', () => {
    fc.assert(
      fc.property(first17, (prefix) => {
        const read = readCitizenId(withCheck(prefix), TODAY);
        expect(read.ok).toBe(true);
      }),
    );
  });

  it('every single-character substitution is detected (MOD 11-2 catches them all)', () => {
    const substitution = validNumber.chain((number) =>
      fc.integer({ min: 0, max: 17 }).chain((position) =>
        fc
          .constantFrom(...allowedAt(position).split('').filter((c) => c !== number[position]))
          .map((character) => ({ number, position, mutated: replaceAt(number, position, character) })),
      ),
    );
    fc.assert(
      fc.property(substitution, ({ mutated, position }) => {
        const problem = problemOf(mutated);
        expect(problem).toBeDefined();
        // Outside the division's first digit and the birth date, only the check character can tell.
        if (position >= 14) expect(problem).toBe('citizenIdChecksum');
      }),
      { numRuns: 500 },
    );
  });

  it('every transposition of two adjacent different characters is detected', () => {
    const transposition = validNumber.chain((number) =>
      fc
        .integer({ min: 0, max: 16 })
        .filter((position) => number[position] !== number[position + 1])
        .map((position) => ({
          number,
          mutated: `${number.slice(0, position)}${number[position + 1]}${number[position]}${number.slice(position + 2)}`,
        })),
    );
    fc.assert(
      fc.property(transposition, ({ number, mutated }) => {
        expect(mutated).not.toBe(number);
        expect(problemOf(mutated)).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the string', () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.stringMatching(/^\s*[\dXx]{15,20}\s*$/),
      fc.string({ minLength: 18, maxLength: 18, unit: fc.constantFrom(...`${DIGITS}Xx `.split('')) }),
    );
    fc.assert(
      fc.property(anyString, (value) => {
        const read = readCitizenId(value, TODAY);
        if (read.ok) expect(read.facts.number).toMatch(/^[1-9]\d{16}[\dX]$/);
        else expect(['citizenIdFormat', 'citizenIdBirthDate', 'citizenIdChecksum']).toContain(read.problem);
      }),
      { numRuns: 1000 },
    );
  });

  it('masking keeps the first six and the last four, stars the birth date and stays 18 long', () => {
    fc.assert(
      fc.property(validNumber, (number) => {
        const masked = maskCitizenId(number);
        expect(masked).toHaveLength(18);
        expect(masked.slice(0, 6)).toBe(number.slice(0, 6));
        expect(masked.slice(-4)).toBe(number.slice(-4));
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });

  it('masking never shows a character of a string of another length', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).filter((s) => s.length !== 18),
        (value) => {
          expect(maskCitizenId(value)).toBe('*'.repeat(value.length));
        },
      ),
    );
  });
});
