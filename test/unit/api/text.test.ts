/**
 * The shared text rule: what it refuses (one row per class of hidden character), what it keeps
 * (names in Chinese, Uyghur, with the middle dot, in English; line breaks in a text area; joiners
 * inside a Uyghur word), and what it makes of what it keeps (trimmed, NFC, one kind of line break).
 */
import { describe, expect, it } from 'vitest';
import { FileName, hasHiddenCharacters, plainText } from '#shared/api/text';
import { PersonName } from '#shared/api/residence';

const Line = plainText({ max: 60 });
const Note = plainText({ max: 200, multiline: true });

const messagesOf = (result: { success: boolean; error?: { issues: readonly { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('refuses', () => {
  it.each([
    ['NUL', 'ab\u0000cd'],
    ['a C0 control (ESC)', 'ab\u001Bcd'],
    ['a tab in one line', 'ab\tcd'],
    ['a line feed in one line', 'ab\ncd'],
    ['a carriage return in one line', 'ab\rcd'],
    ['DEL', 'ab\u007Fcd'],
    ['a C1 control (NEL)', 'a\u0085b'],
    ['a C1 control (CSI)', 'ab\u009Bcd'],
    ['a right-to-left override in a file name', 'invoice\u202Efdp.exe'],
    ['a left-to-right embedding', 'ab\u202Acd'],
    ['a pop directional formatting', 'ab\u202Ccd'],
    ['a right-to-left isolate', 'ab\u2067cd'],
    ['a pop directional isolate', 'ab\u2069cd'],
    ['a left-to-right mark', 'ab\u200Ecd'],
    ['a right-to-left mark', 'ab\u200Fcd'],
    ['an Arabic letter mark', 'ab\u061Ccd'],
    ['a zero-width space', 'ab\u200Bcd'],
    ['a zero-width non-joiner between Latin letters', 'ab\u200Ccd'],
    ['a zero-width joiner between Chinese characters', '张\u200D三'],
    ['a zero-width non-joiner at the end of a Uyghur word', 'ئاب\u200C دۇ'],
    ['a byte order mark inside the text', 'ab\uFEFFcd'],
    ['a word joiner', 'ab\u2060cd'],
    ['a soft hyphen', 'ab\u00ADcd'],
    ['a tag character', 'ab\u{E0041}cd'],
    ['a line separator', 'ab\u2028cd'],
    ['a paragraph separator', 'ab\u2029cd'],
    ['a lone high surrogate', '\uD800'],
    ['a lone low surrogate inside text', 'ab\uDC00cd'],
    ['a noncharacter', 'ab\uFFFEcd'],
    ['a Hangul filler (draws as blank)', '\u3164'],
  ])('%s', (_, text) => {
    expect(hasHiddenCharacters(text)).toBe(true);
    expect(messagesOf(Line.safeParse(text))).toContain('validation.hiddenCharacters');
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['an ideographic space', '\u3000'],
    ['line breaks', '\n\r\n'],
  ])('%s where text is required', (_, text) => {
    expect(messagesOf(Line.safeParse(text))).toEqual(['validation.required']);
  });

  it('too long, counted after trimming and normalising', () => {
    expect(Line.safeParse(` ${'字'.repeat(60)} `).success).toBe(true);
    expect(messagesOf(Line.safeParse('字'.repeat(61)))).toEqual(['validation.tooLong']);
  });

  it('every hidden class in a text area too, except the line break', () => {
    expect(messagesOf(Note.safeParse('已核实\u202E'))).toContain('validation.hiddenCharacters');
    expect(messagesOf(Note.safeParse('已核实\t户主在家'))).toContain('validation.hiddenCharacters');
    expect(messagesOf(Note.safeParse('已核实\u2028户主在家'))).toContain('validation.hiddenCharacters');
  });

  it('a file name that hides its real extension', () => {
    expect(messagesOf(FileName.safeParse('invoice\u202Efdp.exe'))).toEqual(['validation.hiddenCharacters']);
  });
});

describe('keeps', () => {
  it.each([
    ['a Chinese name', '张三', '张三'],
    ['a Uyghur name in Arabic script', 'ئابدۇرېھىم', 'ئابدۇرېھىم'],
    ['a Uyghur name with the middle dot', 'ئابدۇرېھىم·ئابلىز', 'ئابدۇرېھىم·ئابلىز'],
    ['a Chinese transcription with the middle dot', '买买提·艾力', '买买提·艾力'],
    ['an English name', "Mary O'Neil-Smith", "Mary O'Neil-Smith"],
    ['a name with an accented letter', 'José Núñez', 'José Núñez'],
    ['a rare character from a private-use area', '王\uE000', '王\uE000'],
    ['an ideograph with a variation selector', '葛\u{E0100}', '葛\u{E0100}'],
    ['a joiner between Uyghur letters', 'ئاب\u200Cدۇ', 'ئاب\u200Cدۇ'],
    ['Mongolian with its vowel separator', 'ᠨᠠ\u180Eᠠ', 'ᠨᠠ\u180Eᠠ'],
    ['an astral ideograph', '𠀀', '𠀀'],
  ])('%s', (_, text, stored) => {
    expect(Line.parse(text)).toBe(stored);
  });

  it.each(['买买提·艾力', 'ئابدۇرېھىم', '张三', 'Mary Smith'])('%s as a person’s name', (name) => {
    expect(PersonName.parse(name)).toBe(name);
  });

  it('a text area’s line breaks, one kind of them', () => {
    expect(Note.parse(' 已电话核实\r\n户主在家\r请补充\n门牌号 ')).toBe('已电话核实\n户主在家\n请补充\n门牌号');
  });

  it('what trimming leaves out: a byte order mark or line break at either end', () => {
    expect(Line.parse('\uFEFF张三\n')).toBe('张三');
  });
});

describe('stores one form of the same words', () => {
  it.each([
    ['Uyghur ئ as ي plus a combining hamza', '\u064A\u0654\u0627', '\u0626\u0627'],
    ['é as e plus a combining accent', 'Jose\u0301', 'José'],
  ])('%s', (_, typed, stored) => {
    expect(Line.parse(typed)).toBe(stored);
    expect(Line.parse(typed)).toBe(Line.parse(stored));
  });
});
