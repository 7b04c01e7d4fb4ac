/**
 * Large uploads for the benchmark, written as they are generated (never held whole): an .xlsx and
 * the same rows as a GBK CSV (Excel's "CSV" on Chinese Windows), every row a valid hire by an
 * employer, each of a different person.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { addDays } from '#shared/policy/civil-time';
import { citizenId } from '#test/support/residents';

/** The header as the zh-CN template writes it; the reader finds columns by these words. */
export interface SheetShape {
  header: readonly string[];
  /** The sheet's word for a hire. */
  hire: string;
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴'];
const GIVEN_NAMES = [...'伟芳娜敏静丽强磊军洋'];

/** Row n: a person born on one of 10,000 days with one of 1,000 sequence numbers, hired in the last 28 days. */
export function benchRow(n: number, hire: string, today: string): string[] {
  const birth = addDays('1970-01-01', n % 10_000).replaceAll('-', '');
  const sequence = String(Math.floor(n / 10_000) % 1000).padStart(3, '0');
  return [
    `${SURNAMES[n % 10]}${GIVEN_NAMES[Math.floor(n / 10) % 10]}`,
    citizenId('440304', birth, sequence),
    `139${String(n).padStart(8, '0')}`,
    hire,
    addDays(today, -(n % 28)),
    '',
    '',
    '',
    '福田区深南大道1号某建筑工地',
  ];
}

export async function writeBenchXlsx(file: string, rows: number, shape: SheetShape, today: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('data');
  sheet.addRow([...shape.header]).commit();
  for (let n = 0; n < rows; n++) sheet.addRow(benchRow(n, shape.hire, today)).commit();
  await sheet.commit();
  await workbook.commit();
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export async function writeBenchGbkCsv(file: string, rows: number, shape: SheetShape, today: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (cells: readonly string[]) => {
    if (!out.write(iconv.encode(`${cells.map(csvCell).join(',')}\r\n`, 'gbk'))) await once(out, 'drain');
  };
  await write(shape.header);
  for (let n = 0; n < rows; n++) await write(benchRow(n, shape.hire, today));
  out.end();
  await once(out, 'finish');
}
