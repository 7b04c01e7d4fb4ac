/**
 * Reads an uploaded sheet as a stream of rows, never holding the whole file: .xlsx (the first
 * worksheet) or CSV in UTF-8 (with or without BOM) or GBK/GB18030, told apart by the bytes, not the
 * name. The file is read twice: first as it arrives, kept in a temporary file and measured (a
 * workbook against workbook-limits.ts, the rows of either against the row cap), so that a file too
 * big to take on is refused before any row is judged; then row by row from the temporary file. The
 * header row is found among the first rows by its words in any of the portal's languages (a merged
 * title above it is skipped); empty rows are skipped; the event column's words become event keys;
 * date cells become `YYYY-MM-DD`.
 */
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import type { UPLOAD_FAILURES } from '#shared/api/agency';
import { MAX_CELL_CHARS, MAX_UPLOAD_ROWS, REQUIRED_COLUMNS, type RowCells, type RowColumn } from '#shared/agency/rows';
import { excelSerialDate } from '#shared/agency/spreadsheet';
import { SharedStrings } from './shared-strings.ts';
import { columnOfHeader, eventOfWord } from './sheet-texts.ts';
import { Spool } from './upload-spool.ts';
import { surveyWorkbook, workbookLimits, type WorkbookLimits } from './workbook-limits.ts';

export type SheetFailure = (typeof UPLOAD_FAILURES)[number];

/** The whole file cannot be read as an upload; nothing of it is written. */
export class SheetError extends Error {
  constructor(readonly code: SheetFailure) {
    super(`sheet: ${code}`);
  }
}

export interface SheetRow {
  /** The row's number as the spreadsheet program shows it (1-based, header and title rows counted). */
  row: number;
  cells: RowCells;
}

export interface Sheet {
  format: 'xlsx' | 'csv';
  /** CSV only: the detected encoding (`UTF-8`, `GB18030`). */
  encoding?: string;
  /** The data rows after the header, in order; an empty row is not yielded. May be iterated once. */
  rows: AsyncIterable<SheetRow>;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
}

/** What the format and encoding are judged on. */
const HEAD_BYTES = 64 * 1024;
/** The header is looked for among this many non-empty rows (a title and notes may come first). */
const HEADER_SEARCH_ROWS = 20;
/**
 * The most non-empty rows a file may have, counted before any is judged: the data rows and those
 * up to the header. A file between this and the row cap itself is refused when its data rows pass
 * the cap, as they are read.
 */
const MAX_FILE_ROWS = MAX_UPLOAD_ROWS + HEADER_SEARCH_ROWS;
/** A row naming this many columns is taken for a header that lacks a required one. */
const MIN_HEADER_COLUMNS = 3;
/** csv-parse's limit on one record, in characters: a 1 MB row must pass, a file with no line ends must not fill memory. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;
/** More than this share of undecodable or control characters: not text at all. */
const MAX_GARBLED_SHARE = 0.01;

/** Files people rename to .csv or .xlsx: images, PDFs, old .xls (OLE2), executables, other archives. */
const BINARY_SIGNATURES = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2: .xls, .doc
  [0x4d, 0x5a], // MZ: Windows executable
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x50, 0x4b, 0x05, 0x06], // an empty zip
];
const ZIP_ENTRY = [0x50, 0x4b, 0x03, 0x04];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, i) => bytes[i] === byte);

/**
 * The upload's bytes as they are pulled, counted. A failure of the source itself (the network, the
 * blob store) is remembered and ends the stream, so the parsers stop; the readers then throw that
 * error, not a verdict on the file, and the worker tries again.
 */
class Source {
  private bytes = 0;
  private readonly chunks: AsyncIterator<unknown>;
  private stream: Readable | undefined;
  failure: unknown;

  constructor(private readonly file: Readable) {
    this.chunks = file[Symbol.asyncIterator]();
  }

  readonly bytesRead = () => this.bytes;

  async next(): Promise<Buffer | undefined> {
    if (this.failure !== undefined) return undefined;
    try {
      const { value, done } = await this.chunks.next();
      if (done) return undefined;
      const chunk = Buffer.isBuffer(value) ? value : typeof value === 'string' ? Buffer.from(value) : Buffer.from(value as Uint8Array);
      this.bytes += chunk.length;
      return chunk;
    } catch (error) {
      this.failure = error;
      return undefined;
    }
  }

  /** The first `size` bytes (fewer when the file is shorter); `complete` when that is the whole file. */
  async head(size: number): Promise<{ chunks: Buffer[]; bytes: Buffer; complete: boolean }> {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < size) {
      const chunk = await this.next();
      if (!chunk) {
        this.throwIfFailed();
        return { chunks, bytes: Buffer.concat(chunks), complete: true };
      }
      chunks.push(chunk);
      length += chunk.length;
    }
    return { chunks, bytes: Buffer.concat(chunks), complete: false };
  }

  /** The whole file again: the head already read, then the rest as it comes. */
  async *whole(head: Buffer[]): AsyncGenerator<Buffer> {
    yield* head;
    for (let chunk = await this.next(); chunk; chunk = await this.next()) yield chunk;
  }

  /** The whole file again as a byte stream. */
  restream(head: Buffer[]): Readable {
    this.stream = Readable.from(this.whole(head), { objectMode: false });
    return this.stream;
  }

  throwIfFailed() {
    if (this.failure !== undefined) throw this.failure;
  }

  close() {
    this.stream?.destroy();
    this.file.destroy();
  }
}

/* ------------------------------------------ sniffing ------------------------------------------ */

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

/** Whether decoded text is mostly text: a binary file decodes to replacement and control characters. */
function looksLikeText(text: string): boolean {
  const garbled = text.match(CONTROL_CHARACTERS)?.length ?? 0;
  return garbled <= Math.max(0, text.length * MAX_GARBLED_SHARE);
}

/** Valid UTF-8, allowing a character cut at the end of an incomplete head. */
function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-8 or GB18030 (GBK and GB2312 are subsets of it, and it is what Chinese Excel writes): valid
 * UTF-8 is UTF-8, anything else GB18030. A statistical guess (chardet) adds nothing here: it calls
 * every valid UTF-8 text UTF-8, and its other answers (Big5, EUC-KR, windows-1252 for a short GBK
 * file) would be wrong for this portal's files.
 */
function textEncoding(head: Buffer, complete: boolean): 'UTF-8' | 'GB18030' {
  return startsWith(head, UTF8_BOM) || isUtf8(head, complete) ? 'UTF-8' : 'GB18030';
}

/** Comma unless the first lines have more tabs or semicolons (Excel's "Unicode text", European Excel). */
function delimiterOf(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim())
    .slice(0, HEADER_SEARCH_ROWS);
  const count = (char: string) => lines.reduce((sum, line) => sum + line.split(char).length - 1, 0);
  let best = ',';
  for (const candidate of ['\t', ';']) if (count(candidate) > count(best)) best = candidate;
  return best;
}

type Kind = { format: 'xlsx' } | { format: 'csv'; encoding: 'UTF-8' | 'GB18030'; delimiter: string };

function sniff(bytes: Buffer, wholeFile: boolean): Kind {
  if (bytes.length === 0) throw new SheetError('emptyFile');
  // A source may hand over a big first chunk: judge on the head only.
  const head = bytes.subarray(0, HEAD_BYTES);
  const complete = wholeFile && head.length === bytes.length;
  if (startsWith(head, ZIP_ENTRY)) return { format: 'xlsx' };
  if (BINARY_SIGNATURES.some((signature) => startsWith(head, signature)) || head.includes(0)) throw new SheetError('notSpreadsheet');
  const encoding = textEncoding(head, complete);
  const text = encoding === 'UTF-8' ? head.toString('utf8') : new TextDecoder('gb18030').decode(head);
  // The last character of an incomplete head may be cut in two.
  if (!looksLikeText(complete ? text : text.slice(0, -1))) throw new SheetError('notSpreadsheet');
  return { format: 'csv', encoding, delimiter: delimiterOf(text) };
}

/* ----------------------------------------- raw rows ------------------------------------------ */

/** A row as the file has it: its number and its cells by 0-based column (exceljs values for .xlsx, text for CSV). */
interface RawRow {
  row: number;
  values: readonly unknown[];
}

/**
 * Bytes to text, with the platform's WHATWG decoder (Node's ICU knows GB18030) rather than a
 * library carrying its own tables of every encoding. Decoding in stream mode holds back a
 * character cut between two chunks until the rest of it arrives.
 */
class Decoding extends Transform {
  private readonly decoder: TextDecoder;

  constructor(encoding: 'UTF-8' | 'GB18030') {
    // Text out, as the CSV parser takes it.
    super({ encoding: 'utf8' });
    this.decoder = new TextDecoder(encoding);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    const text = this.decoder.decode(chunk, { stream: true });
    if (text) this.push(text);
    done();
  }

  override _flush(done: TransformCallback) {
    // A character the file ends in the middle of comes out as a replacement character, not lost.
    const text = this.decoder.decode();
    if (text) this.push(text);
    done();
  }
}

async function* csvRows(stream: Readable, source: Source, kind: Extract<Kind, { format: 'csv' }>): AsyncGenerator<RawRow> {
  const parser = parse({
    delimiter: kind.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    bom: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // The decoder keeps a character cut between two chunks whole; errors reach the parser's iteration.
  pipeline(stream, new Decoding(kind.encoding), parser, () => {});
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      source.throwIfFailed();
      yield { row: ++row, values: record };
    }
  } catch (error) {
    source.throwIfFailed();
    // Malformed CSV (a quote never closed, a record past the limit) is a verdict on the file.
    if (error instanceof CsvError) throw new SheetError('unreadable');
    throw error;
  } finally {
    parser.destroy();
  }
  source.throwIfFailed();
}

/** How many bytes of `bytes` make whole UTF-8 characters: without a character cut at the end. */
function wholeCharactersLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: the character starts further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** Chunks of UTF-8 re-cut so that none ends inside a character (the cut end goes with the next chunk). */
async function* wholeCharacters(chunks: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = Buffer.concat([carry, Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))]);
    const whole = wholeCharactersLength(bytes);
    carry = Buffer.from(bytes.subarray(whole));
    if (whole > 0) yield bytes.subarray(0, whole);
  }
  if (carry.length > 0) yield carry;
}

class WholeCharacters extends Transform {
  private carry = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    const bytes = Buffer.concat([this.carry, chunk]);
    const whole = wholeCharactersLength(bytes);
    this.carry = Buffer.from(bytes.subarray(whole));
    done(null, whole > 0 ? bytes.subarray(0, whole) : undefined);
  }

  override _flush(done: TransformCallback) {
    done(null, this.carry.length > 0 ? this.carry : undefined);
  }
}

interface WorkbookReaderParts {
  /** With `sharedStrings: 'emit'`: each shared string as it is read (a text, or rich text). */
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ text: unknown }>;
  _parseWorksheet(chunks: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
}

/** Where the reader's worksheets look a shared string up (`sharedStrings[index]`). */
interface SharedStringsHolder {
  sharedStrings?: Readonly<Record<number, string | undefined>>;
}

type UploadWorkbookReader = new (input: Readable, limits: WorkbookLimits) => ExcelJS.stream.xlsx.WorkbookReader;

/**
 * exceljs 4.4's streaming reader, with three things put right:
 * - it decodes every chunk of a part on its own, so a Chinese character cut between two chunks (of
 *   the upload, of the inflated zip entry, of a temporary file) comes out as two replacement
 *   characters: its parts are fed to it re-cut at character boundaries;
 * - it keeps the shared strings as an array of strings, several times their size: they are kept
 *   in `SharedStrings` instead, and a workbook with more than the limits allow is refused;
 * - a worksheet stored before the shared strings (as Excel and WPS store them) is set aside in a
 *   temporary file, removed only once the reader is asked for the next worksheet: the sheets after
 *   the first are not read, and their files are closed at once (see `finishWorkbook`).
 * Loaded with the first workbook an instance reads: exceljs's streaming reader alone (not the rest
 * of exceljs), and not at all for a CSV.
 */
function uploadWorkbookReader(): Promise<UploadWorkbookReader> {
  return (uploadWorkbookReaderClass ??= import('exceljs/lib/stream/xlsx/workbook-reader.js').then(({ default: WorkbookReader }) => {
    const parts = WorkbookReader.prototype as unknown as WorkbookReaderParts;
    return class extends WorkbookReader {
      private worksheetsSeen = 0;

      constructor(
        input: Readable,
        private readonly limits: WorkbookLimits,
      ) {
        super(input, { sharedStrings: 'emit', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
      }

      async *_parseSharedStrings(entry: Readable) {
        const strings = new SharedStrings({ strings: this.limits.sharedStrings, bytes: this.limits.sharedStringBytes });
        // Set before they are read, as the reader sets its own: a worksheet stored after them is then read at once.
        (this as unknown as SharedStringsHolder).sharedStrings = strings.asList();
        const whole = new WholeCharacters();
        entry.on('error', (error) => whole.destroy(error));
        for await (const { text } of parts._parseSharedStrings.call(this, entry.pipe(whole))) {
          // The survey has measured them already; this holds should the reader count otherwise.
          if (!strings.add(cellText(text))) throw new SheetError('workbookTooLarge');
        }
      }

      _parseWorksheet(chunks: AsyncIterable<unknown>, sheetNo: string) {
        if (this.worksheetsSeen++ === 0) return parts._parseWorksheet.call(this, wholeCharacters(chunks), sheetNo);
        // Not the first worksheet: a temporary file's stream is closed unread (a zip entry is drained by exceljs).
        if (chunks instanceof Readable) chunks.destroy();
        return parts._parseWorksheet.call(this, wholeCharacters([]), sheetNo);
      }
    };
  }));
}
let uploadWorkbookReaderClass: Promise<UploadWorkbookReader> | undefined;

/**
 * Asks the reader for the rest of the worksheets without reading them, so that it removes the
 * temporary files it made; a workbook broken further on no longer matters.
 */
async function finishWorkbook(sheets: AsyncIterator<unknown>) {
  try {
    while (!(await sheets.next()).done);
  } catch {
    // The rows already read stand or fell on their own.
  }
}

/**
 * exceljs 4.4 walks the zip's entries as the unzip it pipes `stream` into hands them over, pausing
 * it while it reads each; but the unzip says it has ended as soon as its input is consumed, and the
 * walk then stops, losing the entries parsed and not yet handed over (the last ones: in Excel's
 * order the workbook's own part, without which the sheet cannot be read). The unzip is kept
 * flowing, so that each entry is handed over as it is parsed.
 */
function handOverEveryEntry(stream: Readable) {
  const pipe = stream.pipe.bind(stream);
  stream.pipe = <T extends NodeJS.WritableStream>(unzip: T, options?: { end?: boolean }) => {
    (unzip as unknown as Readable).pause = () => unzip as unknown as Readable;
    return pipe(unzip, options);
  };
}

async function* xlsxRows(stream: Readable, source: Source, limits: WorkbookLimits): AsyncGenerator<RawRow> {
  const UploadWorkbookReader = await uploadWorkbookReader();
  handOverEveryEntry(stream);
  const reader = new UploadWorkbookReader(stream, limits);
  const sheets = reader[Symbol.asyncIterator]();
  let sheetFound = false;
  try {
    const first = await sheets.next();
    source.throwIfFailed();
    if (first.done) throw new SheetError('notSpreadsheet');
    sheetFound = true;
    // The first worksheet only: the template's instructions are on the second.
    for await (const row of first.value) {
      source.throwIfFailed();
      // exceljs numbers cells from 1 and leaves index 0 empty.
      yield { row: row.number, values: (row.values as unknown[]).slice(1) };
    }
    source.throwIfFailed();
  } catch (error) {
    source.throwIfFailed();
    if (error instanceof SheetError) throw error;
    // A zip that is not a workbook, or a workbook broken part-way.
    throw new SheetError(sheetFound ? 'unreadable' : 'notSpreadsheet');
  } finally {
    await finishWorkbook(sheets);
  }
}

/* ------------------------------------------- cells ------------------------------------------- */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * A cell's text as the sheet shows it: a formula's cached result (never the formula), the plain
 * text of rich text and hyperlinks, an Excel date serial in the date column as `YYYY-MM-DD`.
 */
function cellText(value: unknown, column?: RowColumn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // Integers up to 2^53 print as plain digits (a phone typed as a number); a longer ID number typed
  // as a number has already lost its last digits in Excel, and the schema refuses what is left.
  if (typeof value === 'number') return (column === 'date' ? excelSerialDate(value) : undefined) ?? String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (isObject(value)) {
    if (Array.isArray(value.richText)) return value.richText.map((run: unknown) => (isObject(run) && typeof run.text === 'string' ? run.text : '')).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText(value.result, column);
    if ('text' in value) return cellText(value.text, column);
    if (typeof value.error === 'string') return value.error;
  }
  return '';
}

/** Trimmed and cut to MAX_CELL_CHARS (not inside a surrogate pair). */
function cleanText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= MAX_CELL_CHARS) return trimmed;
  const cut = trimmed.slice(0, MAX_CELL_CHARS);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

const isBlank = (values: readonly unknown[]) => values.every((value) => cellText(value).trim() === '');

/** Column → its index in the row, for the cells whose words name a column (the first of two wins). */
function columnsOf(values: readonly unknown[]): Map<RowColumn, number> {
  const columns = new Map<RowColumn, number>();
  values.forEach((value, index) => {
    const column = columnOfHeader(cellText(value));
    if (column && !columns.has(column)) columns.set(column, index);
  });
  return columns;
}

/** An event column holds a handful of words, over and over: each is looked up once. */
function eventReader(): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    let event = known.get(text);
    if (event === undefined) {
      event = eventOfWord(text) ?? text;
      if (known.size < 1000) known.set(text, event);
    }
    return event;
  };
}

/** The row's cells by column, or undefined when every one of them is blank. */
function cellsOf(values: readonly unknown[], header: Map<RowColumn, number>, eventOf: (text: string) => string): RowCells | undefined {
  const cells: RowCells = {};
  let any = false;
  for (const [column, index] of header) {
    const text = cleanText(cellText(values[index], column));
    if (!text) continue;
    cells[column] = column === 'event' ? eventOf(text) : text;
    any = true;
  }
  return any ? cells : undefined;
}

/* ------------------------------------------- sheet ------------------------------------------- */

/**
 * Reads rows until the header: the first of the first non-empty rows that names every required
 * column. Rows above it (a title, notes) are passed over.
 */
async function findHeader(rows: AsyncIterator<RawRow>): Promise<Map<RowColumn, number>> {
  let nonEmpty = 0;
  let partial = false;
  while (nonEmpty < HEADER_SEARCH_ROWS) {
    const next = await rows.next();
    if (next.done) break;
    if (isBlank(next.value.values)) continue;
    nonEmpty++;
    const columns = columnsOf(next.value.values);
    if (REQUIRED_COLUMNS.every((column) => columns.has(column))) return columns;
    if (columns.size >= MIN_HEADER_COLUMNS) partial = true;
  }
  if (nonEmpty === 0) throw new SheetError('emptyFile');
  throw new SheetError(partial ? 'missingColumns' : 'noHeader');
}

async function* dataRows(rows: AsyncIterator<RawRow>, header: Map<RowColumn, number>, close: () => Promise<void>): AsyncGenerator<SheetRow> {
  let count = 0;
  const eventOf = eventReader();
  try {
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const cells = cellsOf(next.value.values, header, eventOf);
      if (!cells) continue;
      if (++count > MAX_UPLOAD_ROWS) throw new SheetError('tooManyRows');
      yield { row: next.value.row, cells };
    }
  } finally {
    await rows.return?.();
    await close();
  }
}

/**
 * The first reading: the upload as it arrives, copied to `spool` and measured on the way (a
 * workbook against `limits`, the non-empty rows of either against MAX_FILE_ROWS). Throws
 * `SheetError` for a file too big to take on, and the upload's own failure before any verdict.
 */
async function measure(upload: Source, head: Buffer[], kind: Kind, spool: Spool, limits: WorkbookLimits): Promise<void> {
  const chunks = spool.copying(upload.whole(head));
  try {
    if (kind.format === 'xlsx') {
      const refusal = await surveyWorkbook(chunks, limits, MAX_FILE_ROWS);
      if (refusal) throw new SheetError(refusal);
    } else {
      let rows = 0;
      for await (const { values } of csvRows(Readable.from(chunks), upload, kind)) if (!isBlank(values) && ++rows > MAX_FILE_ROWS) throw new SheetError('tooManyRows');
    }
    // Bytes after a zip's end record, which no reader reads, are copied all the same.
    for await (const _ of chunks);
  } catch (error) {
    upload.throwIfFailed();
    throw error;
  }
  upload.throwIfFailed();
}

/**
 * Opens a sheet: sniffs the format, measures the file, finds the header; throws `SheetError` when
 * it is not an upload at all or one too big to take on.
 */
export async function openSheet(file: Readable, limits: WorkbookLimits = workbookLimits()): Promise<Sheet> {
  const upload = new Source(file);
  let spool: Spool | undefined;
  let spooled: Source | undefined;
  let rows: AsyncIterator<RawRow> | undefined;
  const close = async () => {
    spooled?.close();
    upload.close();
    await spool?.remove();
  };
  try {
    const head = await upload.head(HEAD_BYTES);
    const kind = sniff(head.bytes, head.complete);
    spool = await Spool.create();
    await measure(upload, head.chunks, kind, spool, limits);
    upload.close();
    spooled = new Source(spool.read());
    const stream = spooled.restream([]);
    rows = kind.format === 'xlsx' ? xlsxRows(stream, spooled, limits) : csvRows(stream, spooled, kind);
    const header = await findHeader(rows);
    return {
      format: kind.format,
      ...(kind.format === 'csv' ? { encoding: kind.encoding } : {}),
      rows: dataRows(rows, header, close),
      bytesRead: spooled.bytesRead,
    };
  } catch (error) {
    await rows?.return?.();
    await close();
    throw error;
  }
}
