/**
 * The upload template of each kind of organisation, in each language: the header the reader
 * knows, the list of that kind's events, text cells for the numbers Excel would mangle, and an
 * example row that passes the row checks when the template is read back as an upload.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EVENTS_OF, ORGANISATION_TYPES } from '#shared/agency/organisation';
import { checkRow, ROW_COLUMNS } from '#shared/agency/rows';
import { LANGUAGES } from '#shared/i18n/languages';
import { readCitizenId } from '#shared/residence/citizen-id';
import { openSheet, type SheetRow } from '#functions/agency/sheet-reader';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { buildTemplate, EXAMPLE_CITIZEN_ID } from '#functions/agency/template';

const TODAY = '2026-03-01';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const texts = (row: ExcelJS.Row) => Array.from((row.values as unknown[]).slice(1), (value) => (value === undefined || value === null ? '' : String(value)));

/** The data validation of a cell, as exceljs reads it back (it spreads a range over its cells). */
const validationOf = (sheet: ExcelJS.Worksheet, cell: string) =>
  (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model[cell];

describe.each(LANGUAGES)('the template in %s', (language) => {
  const words = sheetTexts(language);

  it.each(ORGANISATION_TYPES)('%s: header, event list, text columns and instructions', async (type) => {
    const workbook = await load(await buildTemplate(type, language, TODAY));
    const [data, instructions] = workbook.worksheets;
    expect(workbook.worksheets).toHaveLength(2);
    expect(texts(data!.getRow(1))).toEqual(ROW_COLUMNS.map((column) => words.columns[column]));
    expect(data!.getRow(1).font?.bold).toBe(true);
    expect(data!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: language === 'ug' });

    const eventWords = EVENTS_OF[type].map((event) => words.events[event]);
    const list = { type: 'list', formulae: [`"${eventWords.join(',')}"`], showErrorMessage: true };
    expect(validationOf(data!, 'D2')).toMatchObject(list);
    expect(validationOf(data!, 'D200001')).toMatchObject(list);
    expect(validationOf(data!, 'D1')).toBeUndefined();
    expect(validationOf(data!, 'E2')).toBeUndefined();

    for (const letter of ['B', 'C', 'F', 'G']) expect(data!.getColumn(letter).numFmt, letter).toBe('@');
    expect(data!.getCell('B2').value).toBe(EXAMPLE_CITIZEN_ID);
    expect(data!.getCell('C2').value).toBe('13800138000');
    expect(data!.getCell('E2').value).toEqual(new Date('2026-02-28T00:00:00Z'));

    const lines = instructions!.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1).join(' ')] : []));
    for (const column of ROW_COLUMNS) expect(lines.some((line) => line.startsWith(`${words.columns[column]} `)), column).toBe(true);
    for (const word of eventWords) expect(lines.some((line) => line.startsWith(word)), word).toBe(true);
  });

  it.each(ORGANISATION_TYPES)('%s: the example row passes the row checks when read back as an upload', async (type) => {
    const sheet = await openSheet(Readable.from([await buildTemplate(type, language, TODAY)]));
    const rows: SheetRow[] = [];
    for await (const row of sheet.rows) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ row: 2, cells: { citizenId: EXAMPLE_CITIZEN_ID, phone: '13800138000', event: EVENTS_OF[type][0], date: '2026-02-28' } });
    expect(checkRow(rows[0]!.cells, type, TODAY)).toHaveProperty('row');
  });
});

describe('the template', () => {
  it('uses a made-up ID number whose checksum is right', () => {
    expect(readCitizenId(EXAMPLE_CITIZEN_ID, TODAY)).toMatchObject({ ok: true });
  });

  it('lists, for an employer in Chinese, only hiring and leaving', async () => {
    const [data] = (await load(await buildTemplate('employer', 'zh-CN', TODAY))).worksheets;
    expect(validationOf(data!, 'D2')?.formulae).toEqual(['"入职,离职"']);
    expect(texts(data!.getRow(2))).toEqual(['张三', EXAMPLE_CITIZEN_ID, '13800138000', '入职', expect.any(String), '', '', '', '示例建筑劳务有限公司']);
  });

  it('says in English when the workplace and the place are needed', async () => {
    const [, instructions] = (await load(await buildTemplate('constructionSite', 'en', TODAY))).worksheets;
    const lines = instructions!.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1).join(' | ')] : []));
    expect(lines).toContain('Workplace | Required for: Hired, Left the job | Where the person works, e.g. the project office or shop');
    expect(lines.find((line) => line.startsWith('House code |'))).toContain('For Moved in, Moved out: the house code or the address');
    expect(lines.find((line) => line.startsWith('Mobile |'))).toContain('| Required |');
  });
});
