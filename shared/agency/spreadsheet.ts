/**
 * Cells written to spreadsheets people open in Excel or WPS. A text that starts with `=`, `+`, `-`
 * or `@` (or a tab or carriage return, which some programs strip first) would be run as a formula
 * (CSV/formula injection): it is written after an apostrophe, which spreadsheets read as "this is text".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text to write for `value`: unchanged unless a spreadsheet would take it for a formula. */
export const neutraliseFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included); serials count days from there. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** A calendar date from an Excel date serial (days, fraction = time of day), or undefined when out of range. */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  return new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date as people type it in a sheet, read as `YYYY-MM-DD`: `2026-11-20`, `2026/11/20`,
 * `2026.11.20`, `20261120`, `2026年11月20日`, with or without leading zeros. Anything else is
 * returned unchanged, for the schema to refuse with its message.
 */
export function normaliseDateText(text: string): string {
  const t = text.trim();
  const parts = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!parts) return t;
  const [, y, m, d] = parts;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}
