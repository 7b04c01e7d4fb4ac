/**
 * The error file: only the failed rows, their cells as read (anything a spreadsheet would run as a
 * formula neutralised), the problems in the caller's language in a last column, laid out like the
 * template so the fixed file can be uploaded again.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openSheet, type SheetRow } from '#functions/agency/sheet-reader';
import { writeErrorSheet, type FailedRow } from '#functions/agency/error-sheet';

const ID = '110101199003074514';

async function* rowsOf(rows: FailedRow[]): AsyncGenerator<FailedRow> {
  yield* rows;
}

async function load(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

const values = (row: ExcelJS.Row) => Array.from({ length: 10 }, (_, i) => row.getCell(i + 1).value ?? '');

const FAILED: FailedRow[] = [
  {
    row: 3,
    cells: { name: '=cmd|\' /C calc\'!A0', citizenId: '11010119900307451X', phone: '+8613800138000', event: 'hire', date: '2026-01-05', workplace: '@SUM(A1)' },
    problems: [
      { field: 'name', key: 'validation.personName' },
      { field: 'citizenId', key: 'validation.citizenIdChecksum' },
      { field: 'phone', key: 'validation.phone' },
    ],
  },
  {
    row: 7,
    cells: { name: '李四', citizenId: ID, phone: '13800138000', event: '跳槽', date: '-1', address: '和平路8号' },
    problems: [
      { field: 'event', key: 'validation.choice' },
      { field: 'date', key: 'validation.isoDate' },
    ],
  },
];

describe('the error file', () => {
  it('has the header, an error column in Chinese and only the failed rows, formulas neutralised', async () => {
    const sheet = await load(await writeErrorSheet(rowsOf(FAILED), 'zh-CN'));
    expect(sheet.rowCount).toBe(3);
    expect(values(sheet.getRow(1))).toEqual(['姓名', '身份证号', '手机号', '事项', '日期', '房屋编码', '街道代码', '详细地址', '工作地点', '错误']);
    expect(values(sheet.getRow(2))).toEqual([
      "'=cmd|' /C calc'!A0",
      '11010119900307451X',
      "'+8613800138000",
      '入职',
      '2026-01-05',
      '',
      '',
      '',
      "'@SUM(A1)",
      '姓名：请填写真实姓名，不能含数字或特殊符号；身份证号：校验位不正确，请核对每一位数字；手机号：请输入 11 位中国大陆手机号',
    ]);
    expect(values(sheet.getRow(3))).toEqual(['李四', ID, '13800138000', '跳槽', "'-1", '', '', '和平路8号', '', '事项：请从列表中选择；日期：请填写有效日期（年-月-日）']);
  });

  it('writes the messages and the event words in English for an English caller', async () => {
    const sheet = await load(await writeErrorSheet(rowsOf(FAILED), 'en'));
    expect(sheet.getRow(1).getCell(10).value).toBe('Errors');
    expect(sheet.getRow(2).getCell(4).value).toBe('Hired');
    expect(sheet.getRow(3).getCell(10).value).toBe('Event: choose one from the list; Date: enter a valid date (year-month-day)');
  });

  it('keeps ID numbers and phones as text, in text-formatted columns', async () => {
    const sheet = await load(await writeErrorSheet(rowsOf(FAILED), 'zh-CN'));
    expect(sheet.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getColumn(2).numFmt).toBe('@');
    expect(sheet.getColumn(3).numFmt).toBe('@');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('is the header only when no row failed', async () => {
    const sheet = await load(await writeErrorSheet(rowsOf([]), 'en'));
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).getCell(1).value).toBe('Name');
  });

  it('can be uploaded again: the reader finds the same columns and ignores the error column', async () => {
    const reread = await openSheet(Readable.from([await writeErrorSheet(rowsOf(FAILED), 'zh-CN')]));
    const rows: SheetRow[] = [];
    for await (const row of reread.rows) rows.push(row);
    expect(rows.map((row) => row.row)).toEqual([2, 3]);
    expect(rows[1]!.cells).toEqual({ name: '李四', citizenId: ID, phone: '13800138000', event: '跳槽', date: "'-1", address: '和平路8号' });
    expect(rows[0]!.cells.event).toBe('hire');
  });

  it('writes many rows as a stream', async () => {
    const many = Array.from({ length: 5000 }, (_, n): FailedRow => ({ row: n + 2, cells: { name: `张三${n}` }, problems: [{ field: 'name', key: 'validation.personName' }] }));
    const sheet = await load(await writeErrorSheet(rowsOf(many), 'en'));
    expect(sheet.rowCount).toBe(5001);
    expect(sheet.getRow(5001).getCell(1).value).toBe('张三4999');
  });
});
