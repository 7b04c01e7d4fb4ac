/**
 * Large uploads for the benchmark, written as they are generated (never held whole): an .xlsx and
 * the same rows as a GBK CSV (Excel's "CSV" on Chinese Windows), every row a valid hire by an
 * employer, each of a different person. And the files at and past the import worker's limits: the
 * largest a person makes, shared strings at their caps, a sheet of every row Excel has, a part
 * that unpacks to a gigabyte (made byte by byte, never kept in the repository).
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { addDays } from '#shared/policy/civil-time';
import { WORKBOOK_LIMITS } from '#functions/agency/workbook-limits';
import { citizenId } from '#test/support/residents';
import { sharedStringsXml, workbookOf, worksheetXml, zipOf, type Cell } from '#test/support/workbooks';

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

/* ------------------------------------ the worker's limits ------------------------------------ */

/** The cells of `rows` as shared strings, each text once, in the order first met (as Excel keeps them). */
function sharing(rows: Iterable<readonly string[]>): { sheet: Cell[][]; strings: string[] } {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const cell = (text: string): Cell => {
    if (text === '') return '';
    let at = index.get(text);
    if (at === undefined) index.set(text, (at = strings.push(text) - 1));
    return { shared: at };
  };
  return { sheet: [...rows].map((cells) => cells.map(cell)), strings };
}

/** Row n with a street and an address of its own: every column but the house code filled. */
const fullRow = (n: number, shape: SheetShape, today: string) => benchRow(n, shape.hire, today).with(6, '440304001').with(7, `深南大道${n}号${n % 97}栋${n % 31}单元`);

function* rowsOf(count: number, shape: SheetShape, today: string) {
  yield shape.header;
  for (let n = 0; n < count; n++) yield fullRow(n, shape, today);
}

/**
 * The largest upload a person makes: the row cap's rows, every column but the house code filled,
 * every text a shared string stored after the worksheet, as Excel stores them.
 */
export async function writeLargestWorkbook(file: string, rows: number, shape: SheetShape, today: string): Promise<void> {
  const { sheet, strings } = sharing(rowsOf(rows, shape, today));
  await writeFile(file, await workbookOf({ sheet: worksheetXml(sheet), sharedStrings: sharedStringsXml(strings, strings.length) }));
}

/**
 * Ten rows whose shared strings come with others nobody uses, up to the cap on their number
 * (short ones) or on their bytes (long ones), and `over` more.
 */
export async function writeSharedStringsAtCap(file: string, cap: 'count' | 'bytes', over: number, shape: SheetShape, today: string): Promise<void> {
  const { sheet, strings } = sharing(rowsOf(10, shape, today));
  const used = Buffer.byteLength([...sharedStringsXml(strings, WORKBOOK_LIMITS.sharedStrings)].join(''));
  const long = '深圳市福田区深南大道某某花园'.repeat(24);
  const unused = (n: number) => (cap === 'count' ? n.toString(36) : `${long}${String(n).padStart(8, '0')}`);
  const each = Buffer.byteLength(`<si><t>${unused(0)}</t></si>`);
  // Short strings of up to five characters: their number reaches its cap well within the bytes.
  const count = (cap === 'count' ? WORKBOOK_LIMITS.sharedStrings - strings.length : Math.floor((WORKBOOK_LIMITS.sharedStringBytes - used - 4096) / each)) + over;
  const all = function* () {
    yield* strings;
    for (let n = 0; n < count; n++) yield unused(n);
  };
  await writeFile(file, await workbookOf({ sheet: worksheetXml(sheet), sharedStrings: sharedStringsXml(all(), strings.length + count), sharedStringsFirst: true }));
}

/** Every row of a worksheet, 1,048,576 of them as far as column K, as its dimension declares (under 50 MB). */
export async function writeMillionRowWorkbook(file: string, shape: SheetShape, today: string): Promise<void> {
  const rows = function* () {
    yield [...shape.header, '备注', '序号'];
    for (let n = 1; n < 1_048_576; n++) yield [...benchRow(n, shape.hire, today).slice(0, 5), '', '', '', '', '', String(n)];
  };
  await writeFile(file, await workbookOf({ sheet: worksheetXml(rows(), 'A1:K1048576') }));
}

/** A GBK CSV of 1,048,576 lines: a name, an ID number, the event and a date (under 50 MB). */
export async function writeMillionLineCsv(file: string, shape: SheetShape, today: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (cells: readonly string[]) => {
    if (!out.write(iconv.encode(`${cells.map(csvCell).join(',')}\n`, 'gbk'))) await once(out, 'drain');
  };
  await write(shape.header.slice(0, 5));
  for (let n = 1; n < 1_048_576; n++) {
    const [name, id, , event, date] = benchRow(n, shape.hire, today);
    await write([name!, id!, '', event!, date!]);
  }
  out.end();
  await once(out, 'finish');
}

/** A workbook whose picture unpacks to a gigabyte from about a megabyte, its size left out of its header. */
export async function writeUnpackBomb(file: string, shape: SheetShape, today: string): Promise<void> {
  const gigabyte = function* () {
    const block = '\0'.repeat(1024 * 1024);
    for (let n = 0; n < 1024; n++) yield block;
  };
  const { sheet, strings } = sharing(rowsOf(10, shape, today));
  const workbook = await workbookOf({ sheet: worksheetXml(sheet), sharedStrings: sharedStringsXml(strings, strings.length), descriptors: true });
  const bomb = await zipOf([{ name: 'xl/media/image1.png', content: gigabyte(), descriptor: true }]);
  // The picture's part goes first, before the workbook's own parts; the directory is the workbook's.
  await writeFile(file, Buffer.concat([bomb.subarray(0, bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))), workbook]));
}
