/**
 * The one rule for text people type that other people read: names, addresses, reasons, notes, file
 * names. Officers act on what they see, so text that shows differently from what is stored (a
 * right-to-left override makes `invoice\u202Efdp.exe` read `invoiceexe.pdf`), or that carries what
 * nobody sees (controls, zero-width characters, tag characters), is refused rather than stored.
 * Codes and ids keep their own patterns; this is for free text.
 */
import * as z from 'zod';

export interface TextLimits {
  /** The most UTF-16 code units after trimming and normalising, as a browser's `maxLength` counts. */
  max: number;
  /** The fewest; 1 by default, so an empty or blank value is refused, not stored as nothing. */
  min?: number;
  /**
   * A text area (an officer's note, a landlord's reason): line feeds are kept. A tab is not (a text
   * area cannot take one from the keyboard; pasted, it is a spreadsheet's leftover). Every other
   * field is one line.
   */
  multiline?: boolean;
}

/**
 * Characters that are not seen, or that change how their neighbours are seen: C0 and C1 controls
 * (NUL, DEL, NEL among them), format characters (bidi marks, embeddings, overrides and isolates,
 * zero-width space and joiners, word joiner, BOM, invisible operators, tag characters), line and
 * paragraph separators, surrogates standing alone (no character at all), noncharacters, and the
 * Hangul fillers that draw as blank. The web shows every person's text isolated (`<bdi>`), so no
 * field needs a bidi control to display right.
 *
 * Kept on purpose: private-use characters (older GB18030 systems put rare characters of Chinese
 * names there) and variation selectors (they pick a glyph of an ideograph, or of a Mongolian letter).
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\u115F\u1160\u3164\uFFA0]/gu;

/**
 * Inside a word of a joining script — Uyghur's Arabic letters, Mongolian — ZWNJ and ZWJ (and
 * Mongolian's vowel separator) choose which form of a letter is drawn: a visible difference, and
 * keyboards for these languages type them. Between two such letters they are kept; anywhere else
 * they change nothing a reader sees, and are refused.
 */
const JOINING_CONTROLS = new Set(['\u200C', '\u200D', '\u180E']);
const JOINING_LETTER = /^[\p{Script_Extensions=Arabic}\p{Script_Extensions=Mongolian}]$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const joins = (c: string | undefined) => c !== undefined && JOINING_LETTER.test(c) && LETTER_OR_MARK.test(c);

/**
 * Whether `text` holds a character a reader would not see; a line feed counts only in one-line text.
 * @example
 * hasHiddenCharacters('invoice\u202Efdp.exe') // → true
 * hasHiddenCharacters('ئاب\u200Cدۇ') // → false: a joiner between Uyghur letters
 */
export function hasHiddenCharacters(text: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  for (const match of text.matchAll(HIDDEN)) {
    const [c] = match;
    if (multiline && c === '\n') continue;
    const at = match.index;
    if (JOINING_CONTROLS.has(c) && joins(text[at - 1]) && joins(text[at + 1])) continue;
    return true;
  }
  return false;
}

/**
 * A free-text field: trimmed, normalised to NFC, refused with `validation.hiddenCharacters` when it
 * holds what a reader would not see, then measured. NFC because the same words arrive differently
 * from different keyboards — Uyghur ئ as one code point or as ي plus a combining hamza, an accented
 * letter precomposed or not — and stored one way they compare, search and count as the same text.
 * @example
 * const Note = plainText({ max: 200, multiline: true }).optional();
 * Note.parse(' 已电话核实\r\n户主在家 ') // → '已电话核实\n户主在家'
 */
export function plainText({ max, min = 1, multiline = false }: TextLimits) {
  const text = z.string().trim().normalize('NFC');
  // Line breaks as a browser submits a text area (CR LF), or as an old system wrote them (CR), are one line feed.
  return (multiline ? text.overwrite((value) => value.replace(/\r\n?/g, '\n')) : text)
    .refine((value) => !hasHiddenCharacters(value, { multiline }), 'validation.hiddenCharacters')
    .min(min, 'validation.required')
    .max(max, 'validation.tooLong');
}

/** The name of an uploaded file, as the officer's list shows it and the download offers it. */
export const FileName = plainText({ max: 120 });
