/**
 * The error file of an upload: only the rows that failed, with their cells as they were read and
 * a last column saying what is wrong with each, in the caller's language, laid out like the
 * template so the fixed file can be uploaded again as it is (the reader ignores the error column).
 * Written as a stream: memory grows with the file written, not with the rows behind it.
 */
import { ROW_EVENTS, type RowEvent } from '#shared/agency/organisation';
import { ROW_COLUMNS, type RowCells, type RowColumn } from '#shared/agency/rows';
import { neutraliseFormula } from '#shared/agency/spreadsheet';
import type { Language } from '#shared/i18n/languages';
import { translator } from '#functions/commons/i18n';
import { sheetTexts, type SheetTexts } from './sheet-texts.ts';
import { dataColumns, dataSheetViews, headerRow, workbookInMemory } from './template.ts';

export interface FailedRow {
  row: number;
  cells: RowCells;
  /** `errors:validation.*` keys, by column. */
  problems: readonly { field: RowColumn; key: string }[];
}

const ERRORS_WIDTH = 60;

const isEvent = (value: string): value is RowEvent => (ROW_EVENTS as readonly string[]).includes(value);

/** The row's cells as the user wrote them: the reader turned event words into keys, which go back to words. */
function cellsOut(cells: RowCells, texts: SheetTexts): string[] {
  return ROW_COLUMNS.map((column) => {
    const value = cells[column] ?? '';
    return neutraliseFormula(column === 'event' && isEvent(value) ? texts.events[value] : value);
  });
}

/** Describes a row's problems as "<column header>: <message>" each (the messages name their field), joined. */
export function problemsDescriber(language: Language): (problems: FailedRow['problems']) => string {
  const t = translator(language);
  const texts = sheetTexts(language);
  return (problems) => problems.map((problem) => t(problem.key, { field: texts.columns[problem.field] })).join(texts.errorSeparator);
}

/** The error file as .xlsx bytes: the header, then one line per failed row, in the order given (sheet order). */
export async function writeErrorSheet(rows: AsyncIterable<FailedRow>, language: Language): Promise<Buffer> {
  const texts = sheetTexts(language);
  const describe = problemsDescriber(language);
  const { workbook, finish } = workbookInMemory({ sharedStrings: false });
  const sheet = workbook.addWorksheet(translator(language)('sheet:sheetNames.data'), { views: dataSheetViews(language) });
  sheet.columns = [...dataColumns(), { key: 'errors', width: ERRORS_WIDTH }];
  const header = sheet.addRow([...headerRow(texts), neutraliseFormula(texts.errorsColumn)]);
  header.font = { bold: true };
  header.commit();
  for await (const failed of rows) {
    sheet.addRow([...cellsOut(failed.cells, texts), neutraliseFormula(describe(failed.problems))]).commit();
  }
  sheet.commit();
  return finish();
}
