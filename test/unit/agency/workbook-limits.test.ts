/**
 * The survey an uploaded workbook passes before the workbook reader sees it: each cap lets a file
 * at it through and refuses one just past it, whether the zip declares its sizes, lies about them
 * or leaves them out; rows are counted before any is judged (a million-row sheet refused within
 * seconds, empty formatted rows not counted); a zip broken part-way is refused as the reader would.
 */
import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_ROWS } from '#shared/agency/rows';
import { surveyWorkbook, WORKBOOK_LIMITS, type WorkbookLimits } from '#functions/agency/workbook-limits';
import { partSizes, SHARED_STRINGS_PART, sharedStringsXml, workbookOf, WORKSHEET_PART, worksheetXml, zipOf, type Cell } from '#test/support/workbooks';

const HEADER = ['姓名', '身份证号', '手机号', '事项', '日期', '房屋编码', '街道代码', '详细地址', '工作地点'];
const row = (n: number) => [`张${n}`, '110101199003074514', '13800138000', '入职', '2026-01-05', '', '', '', '工地'];
/** As many rows above the data as the reader looks for its header among. */
const MAX_FILE_ROWS = MAX_UPLOAD_ROWS + 20;
const ROOMY: WorkbookLimits = { unpackedBytes: 2 ** 40, parts: 1000, sharedStrings: 2 ** 30, sharedStringBytes: 2 ** 40, elementBytes: 2 ** 30 };

/** The bytes in chunks of `size`, so that tags and characters are cut between them. */
async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function survey(bytes: Buffer, limits: Partial<WorkbookLimits> = {}, maxRows = MAX_FILE_ROWS) {
  const verdicts = new Set<string | undefined>();
  for (const size of [7, 64 * 1024]) verdicts.add(await surveyWorkbook(chunksOf(bytes, size), { ...ROOMY, ...limits }, maxRows));
  expect(verdicts.size, 'the same verdict however the file is cut').toBe(1);
  return [...verdicts][0];
}

function* dataRows(count: number): Generator<Cell[]> {
  yield HEADER;
  for (let n = 1; n <= count; n++) yield row(n);
}

const stringsWorkbook = (strings: readonly string[], options: { descriptors?: boolean } = {}) =>
  workbookOf({ sheet: worksheetXml([HEADER.map((_, i) => ({ shared: i }))]), sharedStrings: sharedStringsXml([...HEADER, ...strings], HEADER.length + strings.length), ...options });

describe('the caps', () => {
  it('are passed by a sheet of the template at the row cap, every cell a shared string of its own', () => {
    // What a person can fill: 18 columns of the row cap's rows and its header.
    expect(WORKBOOK_LIMITS.sharedStrings).toBeGreaterThanOrEqual(18 * MAX_FILE_ROWS);
    // About 300 bytes of text and markup a row, all of them different.
    expect(WORKBOOK_LIMITS.sharedStringBytes).toBeGreaterThanOrEqual(300 * MAX_FILE_ROWS);
  });
});

describe('shared strings', () => {
  const strings = Array.from({ length: 100 }, (_, n) => `深南大道${n}号`);

  it('lets as many as the cap through, and refuses one more', async () => {
    const bytes = await stringsWorkbook(strings);
    expect(await survey(bytes, { sharedStrings: HEADER.length + strings.length })).toBeUndefined();
    expect(await survey(bytes, { sharedStrings: HEADER.length + strings.length - 1 })).toBe('workbookTooLarge');
  });

  it('lets their part through at the byte cap, and refuses it a byte past, with its size declared or not', async () => {
    for (const descriptors of [false, true]) {
      const bytes = await stringsWorkbook(strings, { descriptors });
      const size = partSizes(bytes).get(SHARED_STRINGS_PART)!;
      expect(await survey(bytes, { sharedStringBytes: size })).toBeUndefined();
      expect(await survey(bytes, { sharedStringBytes: size - 1 })).toBe('workbookTooLarge');
    }
  });

  it('refuses one string longer than the reader holds whole', async () => {
    const bytes = await stringsWorkbook(['短', '长'.repeat(1000)]);
    expect(await survey(bytes, { elementBytes: 3100 })).toBeUndefined();
    expect(await survey(bytes, { elementBytes: 2900 })).toBe('workbookTooLarge');
  });

  it('refuses four million of them, as a 9 MB file holds, within seconds', async () => {
    const many = function* () {
      for (let n = 0; n < 4_000_000; n++) yield `s${n}`;
    };
    const bytes = await workbookOf({ sheet: worksheetXml([HEADER]), sharedStrings: sharedStringsXml(many(), 4_000_000), descriptors: true });
    const started = performance.now();
    expect(await surveyWorkbook(chunksOf(bytes, 64 * 1024), WORKBOOK_LIMITS, MAX_FILE_ROWS)).toBe('workbookTooLarge');
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 60_000);
});

describe('unpacked bytes', () => {
  it('lets a workbook through at the cap, and refuses it a byte past', async () => {
    const bytes = await workbookOf({ sheet: worksheetXml(dataRows(50)), sharedStrings: sharedStringsXml(['a', 'b'], 2) });
    const total = [...partSizes(bytes).values()].reduce((sum, size) => sum + size, 0);
    expect(await survey(bytes, { unpackedBytes: total })).toBeUndefined();
    expect(await survey(bytes, { unpackedBytes: total - 1 })).toBe('workbookTooLarge');
  });

  it('refuses a part that declares more than the cap without unpacking it', async () => {
    const bytes = await zipOf([{ name: 'docProps/app.xml', content: ['<Properties/>'], declaredSize: 300 * 1024 * 1024 }]);
    expect(await survey(bytes, { unpackedBytes: WORKBOOK_LIMITS.unpackedBytes })).toBe('workbookTooLarge');
  });

  it('refuses a part that unpacks to more than the cap, whatever its header says or leaves out', async () => {
    const bomb = function* () {
      const block = '<x/>'.repeat(256 * 1024);
      for (let n = 0; n < 12; n++) yield block;
    };
    for (const lie of [{ declaredSize: 1000 }, { descriptor: true }]) {
      const bytes = await zipOf([{ name: 'xl/media/image1.png', content: bomb(), ...lie }]);
      expect(bytes.length).toBeLessThan(64 * 1024);
      expect(await survey(bytes, { unpackedBytes: 10 * 1024 * 1024 })).toBe('workbookTooLarge');
    }
  });

  it('refuses more parts than the cap', async () => {
    const bytes = await workbookOf({ sheet: worksheetXml(dataRows(1)) });
    const parts = partSizes(bytes).size;
    expect(await survey(bytes, { parts })).toBeUndefined();
    expect(await survey(bytes, { parts: parts - 1 })).toBe('workbookTooLarge');
  });
});

describe('rows', () => {
  it('counts the rows holding a value, up to the cap, and refuses one more', async () => {
    const bytes = await workbookOf({ sheet: worksheetXml(dataRows(99)) });
    expect(await survey(bytes, {}, 100)).toBeUndefined();
    expect(await survey(bytes, {}, 99)).toBe('tooManyRows');
  });

  it('does not count formatted rows without a value', async () => {
    const formatted = function* () {
      yield* [...worksheetXml(dataRows(10))].slice(0, -1);
      for (let n = 12; n < 5000; n++) yield `<row r="${n}" s="1" customFormat="1"><c r="A${n}" s="1"/><c r="B${n}" s="1"/></row>`;
      yield '</sheetData></worksheet>';
    };
    expect(await survey(await workbookOf({ sheet: formatted() }), {}, 11)).toBeUndefined();
  });

  it('refuses a sheet of 1,048,576 rows within seconds, whatever size its header declares', async () => {
    const million = function* () {
      yield HEADER;
      for (let n = 1; n < 1_048_576; n++) yield row(n);
    };
    const bytes = await workbookOf({ sheet: worksheetXml(million(), 'A1:I1048576') });
    expect(partSizes(bytes).get(WORKSHEET_PART)).toBeGreaterThan(WORKBOOK_LIMITS.unpackedBytes);
    const started = performance.now();
    expect(await surveyWorkbook(chunksOf(bytes, 64 * 1024), WORKBOOK_LIMITS, MAX_FILE_ROWS)).toBe('tooManyRows');
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 120_000);

  it('refuses a row longer than the reader holds whole, and text gathered into one cell between rows', async () => {
    const longRow = await workbookOf({ sheet: worksheetXml([HEADER, ['张三', 'x'.repeat(5000)]]) });
    expect(await survey(longRow, { elementBytes: 6000 })).toBeUndefined();
    expect(await survey(longRow, { elementBytes: 4000 })).toBe('workbookTooLarge');
    // The reader adds text outside any cell to the value it read last; each piece is short, their sum is not.
    const gathered = function* () {
      yield* [...worksheetXml(dataRows(1))].slice(0, -1);
      for (let n = 3; n < 1000; n++) yield `<row r="${n}"/>${'z'.repeat(10)}`;
      yield '</sheetData></worksheet>';
    };
    const bytes = await workbookOf({ sheet: gathered() });
    expect(await survey(bytes, { elementBytes: 20_000 })).toBeUndefined();
    expect(await survey(bytes, { elementBytes: 5000 })).toBe('workbookTooLarge');
  });
});

describe('a zip broken part-way', () => {
  it('is unreadable once a worksheet was met, and not a spreadsheet before', async () => {
    const bytes = await workbookOf({ sheet: worksheetXml(dataRows(2000)), sharedStrings: sharedStringsXml(['a'], 1) });
    const sheetAt = bytes.indexOf(Buffer.from(WORKSHEET_PART));
    expect(await survey(bytes.subarray(0, sheetAt + 200))).toBe('unreadable');
    expect(await survey(bytes.subarray(0, sheetAt - 40))).toBe('notSpreadsheet');
  });
});
