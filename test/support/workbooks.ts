/**
 * Workbooks made byte by byte, for the tests and the benchmark of the import worker's limits: the
 * zip is written here with node:zlib rather than by a spreadsheet library, so that a test can make
 * what no library would (a million rows in seconds, shared strings by the million, a part whose
 * declared size lies) without a binary file in the repository. Parts are deflated as they are
 * generated; only the compressed bytes are held.
 */
import { Readable } from 'node:stream';
import { constants, crc32, createDeflateRaw } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The part's text, in pieces (each deflated as it comes). */
  content: Iterable<string>;
  /** The uncompressed size the headers declare, when they should not tell the truth. */
  declaredSize?: number;
  /** Sizes left out of the local header and given after the data, as streaming writers do. */
  descriptor?: boolean;
}

interface Deflated {
  data: Buffer[];
  compressedSize: number;
  size: number;
  crc: number;
}

async function deflated(content: Iterable<string>): Promise<Deflated> {
  const deflater = createDeflateRaw({ level: constants.Z_BEST_SPEED });
  let size = 0;
  let crc = 0;
  const source = Readable.from(
    (function* () {
      for (const piece of content) {
        const bytes = Buffer.from(piece);
        size += bytes.length;
        crc = crc32(bytes, crc);
        yield bytes;
      }
    })(),
  );
  source.pipe(deflater);
  const data: Buffer[] = [];
  let compressedSize = 0;
  for await (const chunk of deflater as AsyncIterable<Buffer>) {
    data.push(chunk);
    compressedSize += chunk.length;
  }
  return { data, compressedSize, size, crc };
}

/** A zip of `parts` in their order, every part deflated. */
export async function zipOf(parts: readonly ZipPart[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  const push = (bytes: Buffer) => {
    out.push(bytes);
    offset += bytes.length;
  };
  for (const part of parts) {
    const { data, compressedSize, size, crc } = await deflated(part.content);
    const declared = part.declaredSize ?? size;
    const name = Buffer.from(part.name);
    const flags = 0x0800 | (part.descriptor ? 0x0008 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    if (!part.descriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(compressedSize, 18);
      local.writeUInt32LE(declared, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressedSize, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    push(local);
    push(name);
    for (const chunk of data) push(chunk);
    if (part.descriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(compressedSize, 8);
      descriptor.writeUInt32LE(declared, 12);
      push(descriptor);
    }
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directoryBytes, end]);
}

/* ----------------------------------------- workbooks ----------------------------------------- */

/** A cell: text written in the cell itself, or the index of a shared string. */
export type Cell = string | { shared: number };

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The column's letters: 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(cell: Cell, ref: string): string {
  if (typeof cell === 'string') return cell === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`;
  return `<c r="${ref}" t="s"><v>${cell.shared}</v></c>`;
}

const NAMESPACE = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** How many rows go into one piece of the sheet's text. */
const ROWS_PER_PIECE = 1000;

/** A worksheet of `rows` (row n of the iterable is the sheet's row n + 1), with the dimension it declares. */
export function* worksheetXml(rows: Iterable<readonly Cell[]>, dimension?: string): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NAMESPACE}" xmlns:r="${RELATIONSHIPS}">`;
  if (dimension) yield `<dimension ref="${dimension}"/>`;
  yield '<sheetData>';
  let piece = '';
  let number = 0;
  for (const cells of rows) {
    number++;
    piece += `<row r="${number}">${cells.map((cell, column) => cellXml(cell, `${columnName(column)}${number}`)).join('')}</row>`;
    if (number % ROWS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}</sheetData></worksheet>`;
}

/** The shared strings part of `count` strings. */
export function* sharedStringsXml(strings: Iterable<string>, count: number): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NAMESPACE}" count="${count}" uniqueCount="${count}">`;
  let piece = '';
  let n = 0;
  for (const text of strings) {
    piece += `<si><t>${escapeXml(text)}</t></si>`;
    if (++n % ROWS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}</sst>`;
}

export interface WorkbookParts {
  /** The first worksheet's text. */
  sheet: Iterable<string>;
  /** The shared strings' text, when the workbook has them. */
  sharedStrings?: Iterable<string>;
  /** Where the shared strings go: after the worksheet (as Excel stores them) or before it. */
  sharedStringsFirst?: boolean;
  /** Parts' declared sizes that lie, by name. */
  declaredSizes?: Record<string, number>;
  /** Sizes after each part's data rather than in its header. */
  descriptors?: boolean;
}

export const WORKSHEET_PART = 'xl/worksheets/sheet1.xml';
export const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';

/** A one-sheet workbook as a spreadsheet program stores it. */
export function workbookOf(parts: WorkbookParts): Promise<Buffer> {
  const text = (name: string, content: string): ZipPart => ({ name, content: [content] });
  const sheet = { name: WORKSHEET_PART, content: parts.sheet };
  const strings = parts.sharedStrings ? [{ name: SHARED_STRINGS_PART, content: parts.sharedStrings }] : [];
  const all: ZipPart[] = [
    text(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${parts.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    ),
    text(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    text('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NAMESPACE}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    text(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>${parts.sharedStrings ? `<Relationship Id="rId2" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    ),
    ...(parts.sharedStringsFirst ? [...strings, sheet] : [sheet, ...strings]),
  ];
  return zipOf(all.map((part) => ({ ...part, declaredSize: parts.declaredSizes?.[part.name], descriptor: parts.descriptors })));
}

/** Each part's size as the zip's central directory gives it (the truth, unless a test made it lie). */
export function partSizes(zip: Buffer): Map<string, number> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const sizes = new Map<string, number>();
  for (let at = zip.readUInt32LE(end + 16); zip.readUInt32LE(at) === 0x02014b50; ) {
    const nameLength = zip.readUInt16LE(at + 28);
    sizes.set(zip.toString('utf8', at + 46, at + 46 + nameLength), zip.readUInt32LE(at + 24));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return sizes;
}
