/** Cells written to spreadsheets (formula injection) and the dates people type or Excel stores. */
import { describe, expect, it } from 'vitest';
import { excelSerialDate, neutraliseFormula, normaliseDateText } from '#shared/agency/spreadsheet';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+86 138', '-2', '@SUM(A1)', '=cmd|"/c calc"!A1', '\t=1', '\r=1'])('%j is written as text', (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it.each(['张三', '13800138000', '2026-11-20', "'already", ' =with a space first', ''])('%j is unchanged', (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });
});

describe('excelSerialDate', () => {
  it.each([
    [46327, '2026-11-01'],
    [45658, '2025-01-01'],
    [61, '1900-03-01'],
    // A time of day does not move the date.
    [46327.75, '2026-11-01'],
  ])('%d is %s', (serial, date) => {
    expect(excelSerialDate(serial)).toBe(date);
  });

  it.each([0, -1, Number.NaN, 3_000_000])('refuses %d', (serial) => {
    expect(excelSerialDate(serial)).toBeUndefined();
  });
});

describe('normaliseDateText', () => {
  it.each([
    ['2026-11-20', '2026-11-20'],
    ['2026/1/5', '2026-01-05'],
    ['2026.01.05', '2026-01-05'],
    ['20260105', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    [' 2026 - 1 - 5 ', '2026-01-05'],
  ])('%j → %s', (text, date) => {
    expect(normaliseDateText(text)).toBe(date);
  });

  it.each(['yesterday', '11/20/2026', '2026-11', ''])('%j is left for the schema to refuse', (text) => {
    expect(normaliseDateText(text)).toBe(text.trim());
  });
});
