/**
 * The upload template of a kind of organisation: a "data" sheet with the header in the caller's
 * language, a list of that kind's events to choose from and one example row, and an
 * "instructions" sheet saying what goes in each column. The same columns, widths and text
 * formats make up the error file, so a fixed error file is uploaded like a filled-in template.
 * Both are written with exceljs's streaming writer alone: the rest of exceljs (its reader, its
 * in-memory workbook), as big again, would be loaded with the function for nothing.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import { EVENTS_OF, type OrganisationType, type RowEvent } from '#shared/agency/organisation';
import { MAX_UPLOAD_ROWS, PLACING_EVENTS, REQUIRED_COLUMNS, ROW_COLUMNS, WORK_EVENTS, type RowColumn } from '#shared/agency/rows';
import { neutraliseFormula } from '#shared/agency/spreadsheet';
import { isRtl, type Language } from '#shared/i18n/languages';
import { addDays } from '#shared/policy/civil-time';
import { translator } from '#functions/commons/i18n';
import { sheetTexts, type SheetTexts } from './sheet-texts.ts';

/**
 * Columns kept as text (`@`): Excel would otherwise turn an 18-digit ID number into 1.10101E+17
 * and lose its last digits, and drop the leading zeros of a code.
 */
export const TEXT_COLUMNS: readonly RowColumn[] = ['citizenId', 'phone', 'houseCode', 'street'];

const WIDTHS: Record<RowColumn, number> = {
  name: 14,
  citizenId: 22,
  phone: 15,
  event: 14,
  date: 13,
  houseCode: 14,
  street: 13,
  address: 32,
  workplace: 28,
};

/** The data sheet's columns (keyed by column), shared by the template and the error file. */
export const dataColumns = (): Partial<ExcelJS.Column>[] =>
  ROW_COLUMNS.map((column) => ({
    key: column,
    width: WIDTHS[column],
    style: TEXT_COLUMNS.includes(column) ? { numFmt: '@' } : column === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));

/** The header row stays in view while scrolling; Uyghur sheets run right to left. */
export const dataSheetViews = (language: Language): Partial<ExcelJS.WorksheetView>[] => [
  { state: 'frozen', ySplit: 1, xSplit: 0, rightToLeft: isRtl(language) },
];

/** The header row's words in the caller's language (the reader knows them in every language). */
export const headerRow = (texts: SheetTexts) => ROW_COLUMNS.map((column) => neutraliseFormula(texts.columns[column]));

/**
 * A workbook written into memory: `finish` commits what is not yet committed and gives the .xlsx
 * bytes. With `sharedStrings`, text is stored once in a table, as Excel itself stores it; without,
 * in its cells, so that memory does not hold a table of every text written.
 */
export function workbookInMemory({ sharedStrings }: { sharedStrings: boolean }): {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  finish(): Promise<Buffer>;
} {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const workbook = new WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: sharedStrings });
  return {
    workbook,
    finish: async () => {
      await workbook.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

/** A made-up person whose ID number passes its checksum (110101 = 北京市东城区, born 1990-03-07). */
export const EXAMPLE_CITIZEN_ID = '110101199003074514';
export const EXAMPLE_PHONE = '13800138000';

/** Spreadsheet column letter of a column (A–I: nine columns). */
const columnLetter = (column: RowColumn) => String.fromCharCode(65 + ROW_COLUMNS.indexOf(column));

/** The example row of an organisation type: its first event, with the place or workplace that event needs. */
function exampleRow(type: OrganisationType, language: Language, today: string): Partial<Record<RowColumn, string | Date>> {
  const t = translator(language);
  const event = EVENTS_OF[type][0]!;
  const texts = sheetTexts(language);
  return {
    name: t('sheet:example.name'),
    citizenId: EXAMPLE_CITIZEN_ID,
    phone: EXAMPLE_PHONE,
    event: texts.events[event],
    // A real date cell (Excel shows it as a date); yesterday, so it is never in the future.
    date: new Date(`${addDays(today, -1)}T00:00:00Z`),
    ...(PLACING_EVENTS.includes(event) ? { address: t('sheet:example.address') } : {}),
    ...(WORK_EVENTS.includes(event) ? { workplace: t('sheet:example.workplace') } : {}),
  };
}

/** "Required", "optional", or when a column is required for this kind of organisation. */
function requirement(column: RowColumn, type: OrganisationType, language: Language): string {
  const t = translator(language);
  const texts = sheetTexts(language);
  const eventsAmong = (events: readonly RowEvent[]) =>
    EVENTS_OF[type]
      .filter((event) => events.includes(event))
      .map((event) => texts.events[event])
      .join(t('sheet:listSeparator'));
  if (REQUIRED_COLUMNS.includes(column)) return t('sheet:instructions.required');
  const work = eventsAmong(WORK_EVENTS);
  const placing = eventsAmong(PLACING_EVENTS);
  if (column === 'workplace' && work) return t('sheet:instructions.requiredFor', { events: work });
  if ((column === 'houseCode' || column === 'address') && placing) return t('sheet:instructions.placeFor', { events: placing });
  return t('sheet:instructions.optional');
}

function addInstructions(workbook: ExcelJS.stream.xlsx.WorkbookWriter, type: OrganisationType, language: Language) {
  const t = translator(language);
  const texts = sheetTexts(language);
  const sheet = workbook.addWorksheet(t('sheet:sheetNames.instructions'), { views: [{ rightToLeft: isRtl(language) }] });
  sheet.columns = [{ width: 18 }, { width: 30 }, { width: 90, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  const line = (cells: string[], bold = false) => {
    const row = sheet.addRow(cells.map(neutraliseFormula));
    if (bold) row.font = { bold: true };
  };
  line([t('sheet:instructions.title', { type: t(`sheet:orgTypes.${type}`) })], true);
  line([]);
  line([t('sheet:instructions.columnHeading'), t('sheet:instructions.requiredHeading'), t('sheet:instructions.meaningHeading')], true);
  for (const column of ROW_COLUMNS) line([texts.columns[column], requirement(column, type, language), t(`sheet:instructions.columns.${column}`)]);
  line([]);
  line([t('sheet:instructions.eventsHeading')], true);
  for (const event of EVENTS_OF[type]) line([texts.events[event], '', t(`sheet:instructions.events.${event}`)]);
  line([]);
  line([t('sheet:instructions.notesHeading')], true);
  line([t('sheet:instructions.notes.example')]);
  line([t('sheet:instructions.notes.limit', { rows: MAX_UPLOAD_ROWS.toLocaleString('en-US') })]);
  line([t('sheet:instructions.notes.repeat')]);
}

/** The template of `type` in `language` as .xlsx bytes; `today` is Asia/Shanghai's date (for the example row). */
export async function buildTemplate(type: OrganisationType, language: Language, today: string): Promise<Buffer> {
  const t = translator(language);
  const texts = sheetTexts(language);
  const { workbook, finish } = workbookInMemory({ sharedStrings: true });
  const data = workbook.addWorksheet(t('sheet:sheetNames.data'), { views: dataSheetViews(language) });
  data.columns = dataColumns();
  data.addRow(headerRow(texts)).font = { bold: true };
  const example = exampleRow(type, language, today);
  data.addRow(Object.fromEntries(Object.entries(example).map(([column, value]) => [column, typeof value === 'string' ? neutraliseFormula(value) : value])));

  const eventWords = EVENTS_OF[type].map((event) => texts.events[event]);
  const events = columnLetter('event');
  // One validation over the whole column below the header, not one per cell.
  (data as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
    `${events}2:${events}${MAX_UPLOAD_ROWS + 1}`,
    {
      type: 'list',
      allowBlank: true,
      // An inline list: the words, comma-separated, in quotes (none contains a comma or a quote).
      formulae: [`"${eventWords.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: t('sheet:eventList.title'),
      error: t('sheet:eventList.error', { events: eventWords.join(t('sheet:listSeparator')) }),
    },
  );
  addInstructions(workbook, type, language);
  return finish();
}
