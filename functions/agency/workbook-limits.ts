/**
 * How much of a workbook the import worker takes on, and the survey that holds an uploaded one to
 * it before the workbook reader sees a byte. A 50 MB .xlsx can unpack to gigabytes, hold millions
 * of shared strings (which the reader keeps in memory for the whole sheet) or a million rows (each
 * judged before a row cap counted as they were judged would stop it): the survey unpacks every
 * part once, counting as it goes, and refuses such a file within seconds, having kept nothing.
 * The caps are set so that any sheet a person fills within the row cap passes, and the worker
 * reading a file at a cap stays within its memory (`npm run bench -- agencyUploadLimits`).
 */
import * as z from 'zod';
import { walkZip, BrokenZip, type PartReader, type ZipPart } from './workbook-zip.ts';

export interface WorkbookLimits {
  /** Bytes all the parts of the workbook unpack to. */
  unpackedBytes: number;
  /** Parts in the zip: a workbook has a few dozen (a hundred or so with pictures). */
  parts: number;
  /** Shared strings, which the reader holds for the whole sheet. */
  sharedStrings: number;
  /** Bytes the shared strings' part unpacks to. */
  sharedStringBytes: number;
  /**
   * Bytes of what the reader builds whole before handing it on: one row of the sheet, one shared
   * string, the text gathered into one cell, the workbook's own part and its relationships.
   */
  elementBytes: number;
}

/**
 * The caps. A sheet within the row cap (200,000 rows and up to 20 above them) filled in the
 * template's nine columns and as many again of a person's own, every cell a string of its own,
 * has 18 × 200,020 ≈ 3.6 million shared strings. The template's columns, every cell different,
 * are about 260 bytes of shared strings a row with their markup (50 MB at the row cap), which
 * 96 MB leaves room above; written cell by cell with inline strings (the heaviest way) they
 * unpack to about 100 MB, which 200 MB bounds with room for other columns and parts. A cell holds
 * at most 32,767 characters in Excel (8 bytes each at worst as a character reference); 8 MB is
 * also the longest CSV record read.
 */
export const WORKBOOK_LIMITS: WorkbookLimits = {
  unpackedBytes: 200 * 1024 * 1024,
  parts: 10_000,
  sharedStrings: 3_700_000,
  sharedStringBytes: 96 * 1024 * 1024,
  elementBytes: 8 * 1024 * 1024,
};

const Limits = z
  .object({
    unpackedBytes: z.number().int().positive(),
    parts: z.number().int().positive(),
    sharedStrings: z.number().int().positive(),
    sharedStringBytes: z.number().int().positive(),
    elementBytes: z.number().int().positive(),
  })
  .partial()
  .strict();

/**
 * The caps in force: `WORKBOOK_LIMITS`, with any of them replaced by the `WORKBOOK_LIMITS` setting
 * (JSON, e.g. `{"sharedStrings":1000}`), read at each upload.
 */
export function workbookLimits(): WorkbookLimits {
  const setting = process.env.WORKBOOK_LIMITS;
  return setting ? { ...WORKBOOK_LIMITS, ...Limits.parse(JSON.parse(setting)) } : WORKBOOK_LIMITS;
}

/** Why the survey refused the file (each an upload failure). */
export type WorkbookRefusal = 'workbookTooLarge' | 'tooManyRows' | 'notSpreadsheet' | 'unreadable';

class Refused extends Error {
  constructor(readonly refusal: WorkbookRefusal) {
    super(refusal);
  }
}

/* -------------------------------------------- markup -------------------------------------------- */

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
/** A tag name of more than three letters: none the meters watch. */
const OTHER_NAME = -1;
const nameCode = (name: string) => [...name].reduce((code, char) => code * 256 + char.charCodeAt(0), 0);
const ROW = nameCode('row');
const VALUE = nameCode('v');
const TEXT = nameCode('t');
const INLINE_STRING = nameCode('is');
const FORMULA = nameCode('f');
const SHARED_STRING = nameCode('si');

const endsName = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === GREATER_THAN || byte === SLASH;

/**
 * A part's XML read byte by byte, without building anything: the opening tags whose names the
 * reader acts on, where each begins, and how many bytes of text (outside tags) there are.
 */
abstract class Markup {
  /** Bytes of the part before the current chunk. */
  protected offset = 0;
  private state: 'text' | 'name' | 'tag' = 'text';
  private closing = false;
  private name = 0;
  private nameLength = 0;
  /** Where the tag being read began. */
  private tagAt = 0;

  /** An opening tag named `name` (a `nameCode`), its `<` at `position` in the part. */
  protected abstract opened(name: number, position: number): void;
  /** `length` bytes of text. */
  protected abstract text(length: number): void;
  /** After each chunk: throws `Refused` past a cap. */
  protected abstract check(): void;

  readonly read: PartReader = (chunk) => {
    for (let at = 0; at < chunk.length; ) {
      if (this.state === 'text') {
        const open = chunk.indexOf(LESS_THAN, at);
        const stop = open < 0 ? chunk.length : open;
        this.text(stop - at);
        if (open < 0) break;
        this.state = 'name';
        this.closing = false;
        this.name = 0;
        this.nameLength = 0;
        this.tagAt = this.offset + open;
        at = open + 1;
      } else if (this.state === 'name') {
        const byte = chunk[at++]!;
        if (byte === SLASH && this.nameLength === 0 && !this.closing) this.closing = true;
        else if (endsName(byte) && this.nameLength > 0) {
          if (!this.closing) this.opened(this.nameLength <= 3 ? this.name : OTHER_NAME, this.tagAt);
          this.state = byte === GREATER_THAN ? 'text' : 'tag';
        } else {
          this.name = this.name * 256 + byte;
          this.nameLength++;
        }
      } else {
        const close = chunk.indexOf(GREATER_THAN, at);
        if (close < 0) break;
        this.state = 'text';
        at = close + 1;
      }
    }
    this.offset += chunk.length;
    this.check();
  };
}

/**
 * The worksheet the reader reads: its rows that hold a value (`<v>`, or text in `<is>`/`<t>`),
 * each row's bytes, and the text the reader gathers into one cell (it adds every piece of text to
 * the last value opened, even between rows).
 */
class WorksheetMeter extends Markup {
  private rows = 0;
  private rowAt = 0;
  private rowCounted = true;
  private textSinceValue = 0;

  constructor(
    private readonly limits: WorkbookLimits,
    private readonly maxRows: number,
  ) {
    super();
  }

  protected opened(name: number, position: number) {
    if (name === ROW) {
      this.rowAt = position;
      this.rowCounted = false;
    } else if (name === VALUE || name === TEXT || name === INLINE_STRING || name === FORMULA) {
      this.textSinceValue = 0;
      if (name !== FORMULA && !this.rowCounted) {
        this.rowCounted = true;
        this.rows++;
      }
    }
  }

  protected text(length: number) {
    this.textSinceValue += length;
  }

  protected check() {
    if (this.rows > this.maxRows) throw new Refused('tooManyRows');
    if (this.offset - this.rowAt > this.limits.elementBytes || this.textSinceValue > this.limits.elementBytes) throw new Refused('workbookTooLarge');
  }
}

/** The shared strings: how many, and each one's bytes. Their part's bytes are counted by the survey. */
class SharedStringsMeter extends Markup {
  private stringAt = 0;

  constructor(
    private readonly limits: WorkbookLimits,
    private readonly counted: { strings: number },
  ) {
    super();
  }

  protected opened(name: number, position: number) {
    if (name !== SHARED_STRING) return;
    this.counted.strings++;
    this.stringAt = position;
  }

  protected text() {}

  protected check() {
    if (this.counted.strings > this.limits.sharedStrings || this.offset - this.stringAt > this.limits.elementBytes) throw new Refused('workbookTooLarge');
  }
}

/* -------------------------------------------- survey -------------------------------------------- */

/** What the workbook reader does with a part, by its name (as it tells them apart). */
function partRole(name: string): 'relationships' | 'workbook' | 'sharedStrings' | 'worksheet' | 'other' {
  switch (name) {
    case 'xl/_rels/workbook.xml.rels':
      return 'relationships';
    case 'xl/workbook.xml':
      return 'workbook';
    case 'xl/sharedStrings.xml':
      return 'sharedStrings';
    default:
      return /xl\/worksheets\/sheet\d+[.]xml/.test(name) ? 'worksheet' : 'other';
  }
}

/**
 * Unpacks the workbook in `chunks` part by part and measures it against `limits`, and the rows
 * holding a value in the worksheet the reader will read against `maxRows`: undefined when it
 * is within them all, else why not. The reader reads the first worksheet it meets after the shared
 * strings and the relationships, or else the first of all: both are measured.
 */
export async function surveyWorkbook(chunks: AsyncIterator<Buffer>, limits: WorkbookLimits, maxRows: number): Promise<WorkbookRefusal | undefined> {
  let parts = 0;
  let unpacked = 0;
  let sharedStringBytes = 0;
  const counted = { strings: 0 };
  const met = { sharedStrings: false, relationships: false, worksheet: false, worksheetAfterBoth: false };

  const meterOf = (role: ReturnType<typeof partRole>): PartReader | undefined => {
    if (role === 'sharedStrings') return new SharedStringsMeter(limits, counted).read;
    if (role === 'worksheet') {
      const first = !met.worksheet;
      const firstAfterBoth = met.sharedStrings && met.relationships && !met.worksheetAfterBoth;
      met.worksheet = true;
      if (firstAfterBoth) met.worksheetAfterBoth = true;
      return first || firstAfterBoth ? new WorksheetMeter(limits, maxRows).read : undefined;
    }
    return undefined;
  };

  const visit = ({ name, declaredSize }: ZipPart): PartReader => {
    const role = partRole(name);
    if (++parts > limits.parts) throw new Refused('workbookTooLarge');
    const meter = meterOf(role);
    // A sheet of a million rows declares more than the cap too: its rows are counted instead (the
    // meter stops within its first tens of megabytes), so that it is told it has too many rows.
    const judgedByRows = role === 'worksheet' && meter !== undefined;
    const declaredTooLarge =
      declaredSize !== undefined && (unpacked + declaredSize > limits.unpackedBytes || (role === 'sharedStrings' && sharedStringBytes + declaredSize > limits.sharedStringBytes));
    if (declaredTooLarge && !judgedByRows) throw new Refused('workbookTooLarge');
    if (role === 'sharedStrings') met.sharedStrings = true;
    if (role === 'relationships') met.relationships = true;
    let partBytes = 0;
    return (bytes) => {
      unpacked += bytes.length;
      partBytes += bytes.length;
      if (role === 'sharedStrings') sharedStringBytes += bytes.length;
      if (unpacked > limits.unpackedBytes || sharedStringBytes > limits.sharedStringBytes) throw new Refused('workbookTooLarge');
      // The reader builds these two parts whole.
      if ((role === 'workbook' || role === 'relationships') && partBytes > limits.elementBytes) throw new Refused('workbookTooLarge');
      meter?.(bytes);
    };
  };

  try {
    await walkZip(chunks, visit);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    if (error instanceof BrokenZip) return met.worksheet ? 'unreadable' : 'notSpreadsheet';
    throw error;
  }
}
