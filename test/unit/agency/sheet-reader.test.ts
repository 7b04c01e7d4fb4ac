/**
 * The upload reader: CSV in GBK or UTF-8 (with or without BOM) and .xlsx, told apart by the bytes;
 * the header found by its words in any language below a title; empty rows skipped with the row
 * numbers the spreadsheet shows; formula cells read as their results; files that are no sheet at
 * all refused as a whole.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import { deflateRawSync, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkRow, MAX_CELL_CHARS, MAX_UPLOAD_ROWS, ROW_COLUMNS, type RowCells } from '#shared/agency/rows';
import { ROW_EVENTS } from '#shared/agency/organisation';
import { LANGUAGES } from '#shared/i18n/languages';
import { translator } from '#functions/commons/i18n';
import { openSheet, SheetError, type Sheet, type SheetRow } from '#functions/agency/sheet-reader';
import { columnOfHeader, eventOfWord } from '#functions/agency/sheet-texts';
import { WORKBOOK_LIMITS, type WorkbookLimits } from '#functions/agency/workbook-limits';
import { sharedStringsXml, workbookOf, worksheetXml } from '#test/support/workbooks';
import { fileOf } from '#test/support/residents';

const TODAY = '2026-03-01';
const ID = '110101199003074514';
const ZH_HEADER = '姓名,身份证号,手机号,事项,日期,房屋编码,街道代码,详细地址,工作地点';
const EN_HEADER = 'Name,ID number,Mobile,Event,Date,House code,Street code,Address,Workplace';

/** The bytes as a stream of small chunks, so characters and records are cut between chunks. */
const streamOf = (bytes: Uint8Array | string, chunk = 7) => {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  const chunks: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += chunk) chunks.push(buffer.subarray(at, at + chunk));
  return Readable.from(chunks);
};

async function readAll(bytes: Uint8Array | string, chunk?: number, limits?: WorkbookLimits): Promise<{ sheet: Sheet; rows: SheetRow[] }> {
  const sheet = await openSheet(streamOf(bytes, chunk), limits);
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { sheet, rows };
}

/** The failure code of a file, whether found on opening or while reading the rows. */
async function failureOf(bytes: Uint8Array | string): Promise<string> {
  try {
    await readAll(bytes, 4096);
  } catch (error) {
    if (error instanceof SheetError) return error.code;
    throw error;
  }
  return 'read';
}

async function xlsxOf(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('data'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A zip archive (stored, not compressed) of the given files. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const passes = (cells: RowCells, type: Parameters<typeof checkRow>[1] = 'employer') => checkRow(cells, type, TODAY);

describe('header and event words', () => {
  it.each(LANGUAGES)('%s: every word and alias names its own column or event, and no other', (language) => {
    const t = translator(language);
    for (const column of ROW_COLUMNS) {
      for (const word of [t(`sheet:columns.${column}`), ...t(`sheet:columnAliases.${column}`).split('|')]) expect(columnOfHeader(` ${word.toUpperCase()} `), word).toBe(column);
    }
    for (const event of ROW_EVENTS) {
      for (const word of [t(`sheet:events.${event}`), ...t(`sheet:eventAliases.${event}`).split('|')]) expect(eventOfWord(word), word).toBe(event);
    }
    expect(columnOfHeader('备注')).toBeUndefined();
    expect(eventOfWord('跳槽')).toBeUndefined();
  });
});

describe('CSV', () => {
  const chinese = `${ZH_HEADER}\r\n张三,${ID},13800138000,入职,2026-01-05,,,,深南建筑公司\r\n阿依古丽,${ID},13900139000,离职,2026/1/6,,,,深南建筑公司\r\n`;

  it('reads GBK (what Chinese Excel saves as CSV) as GB18030', async () => {
    const { sheet, rows } = await readAll(iconv.encode(chinese, 'gbk'), 5);
    expect(sheet).toMatchObject({ format: 'csv', encoding: 'GB18030' });
    expect(rows).toEqual([
      { row: 2, cells: { name: '张三', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026-01-05', workplace: '深南建筑公司' } },
      { row: 3, cells: { name: '阿依古丽', citizenId: ID, phone: '13900139000', event: 'termination', date: '2026/1/6', workplace: '深南建筑公司' } },
    ]);
    expect(rows.map((row) => passes(row.cells))).toEqual([{ row: expect.anything() }, { row: expect.anything() }]);
  });

  it('reads a GB18030 character outside GBK', async () => {
    const { rows } = await readAll(iconv.encode(`${ZH_HEADER}\n𠀀明,${ID},13800138000,入职,2026-01-05,,,,工地\n`, 'gb18030'));
    expect(rows[0]!.cells.name).toBe('𠀀明');
  });

  it('reads GB18030 whole however its characters are cut between chunks, in the head and past it', async () => {
    const row = (n: number) => `𠀀明${n},${ID},13800138000,离职,2026-01-05,,,,深南建筑公司·𡃁`;
    const short = iconv.encode([ZH_HEADER, row(0), row(1)].join('\r\n'), 'gb18030');
    // Past the bytes the encoding is judged on, so that the rest comes from the source as it is read.
    const long = iconv.encode([ZH_HEADER, ...Array.from({ length: 1500 }, (_, n) => row(n))].join('\n'), 'gb18030');
    expect(long.length).toBeGreaterThan(64 * 1024);
    for (const [bytes, count] of [
      [short, 2],
      [long, 1500],
    ] as const) {
      for (const chunk of [1, 2, 3, 5, 1023]) {
        const { sheet, rows } = await readAll(bytes, chunk);
        expect(sheet.encoding, `chunks of ${chunk}`).toBe('GB18030');
        expect(rows, `chunks of ${chunk}`).toHaveLength(count);
        expect(rows.at(-1)!.cells, `chunks of ${chunk}`).toEqual({
          name: `𠀀明${count - 1}`,
          citizenId: ID,
          phone: '13800138000',
          event: 'termination',
          date: '2026-01-05',
          workplace: '深南建筑公司·𡃁',
        });
        expect(rows.some((read) => Object.values(read.cells).some((text) => text.includes('\ufffd'))), `chunks of ${chunk}`).toBe(false);
      }
    }
  }, 30_000);

  it('reads UTF-8 with a BOM, the BOM not part of the first header', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chinese)]);
    const { sheet, rows } = await readAll(bytes, 3);
    expect(sheet).toMatchObject({ format: 'csv', encoding: 'UTF-8' });
    expect(rows.map((row) => row.cells.name)).toEqual(['张三', '阿依古丽']);
  });

  it('reads UTF-8 without a BOM', async () => {
    const { sheet, rows } = await readAll(chinese);
    expect(sheet.encoding).toBe('UTF-8');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.cells).toMatchObject({ name: '阿依古丽', event: 'termination' });
  });

  it('tells the encoding of a file longer than the bytes it is judged on, however they are cut', async () => {
    const rows = Array.from({ length: 3000 }, (_, n) => `测试人员${n},${ID},13800138000,入职,2026-01-05,,,,深南建筑公司`);
    const text = [ZH_HEADER, ...rows].join('\n');
    for (const [bytes, encoding] of [
      [Buffer.from(text), 'UTF-8'],
      [iconv.encode(text, 'gbk'), 'GB18030'],
    ] as const) {
      const { sheet, rows: read } = await readAll(bytes, 4099);
      expect(sheet.encoding).toBe(encoding);
      expect(read.at(-1)!.cells.name).toBe('测试人员2999');
    }
  });

  it('reads English headers whatever their case and spacing, and unknown columns are ignored', async () => {
    const csv = `Notes, NAME ,id  number,MOBILE,event,DATE,workplace\nvip,Zhang San,${ID},13800138000,Hired,2026-01-05,Site 1\n`;
    const { rows } = await readAll(csv);
    expect(rows).toEqual([{ row: 2, cells: { name: 'Zhang San', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026-01-05', workplace: 'Site 1' } }]);
  });

  it('accepts the column keys themselves as headers (a system writing its own CSV)', async () => {
    const { rows } = await readAll(`name,citizenId,phone,event,date,workplace\n张三,${ID},13800138000,hire,2026-01-05,工地\n`);
    expect(rows[0]!.cells).toMatchObject({ citizenId: ID, event: 'hire' });
  });

  it('reads the event words of every language, and leaves an unknown word for the schema to refuse', async () => {
    const events = ['入职', '离职', '入住', '搬离', '介绍就业', 'Hired', 'Left the job', 'moved in', 'Moved out', 'Placed in a job', 'ئىشقا كىردى', 'كۆچۈپ چىقتى', 'moveIn', '聘用', '跳槽'];
    const csv = [EN_HEADER, ...events.map((event) => `张三,${ID},13800138000,${event},2026-01-05,,,,`)].join('\n');
    const { rows } = await readAll(csv);
    expect(rows.map((row) => row.cells.event)).toEqual([
      'hire',
      'termination',
      'moveIn',
      'moveOut',
      'placement',
      'hire',
      'termination',
      'moveIn',
      'moveOut',
      'placement',
      'hire',
      'moveOut',
      'moveIn',
      'hire',
      '跳槽',
    ]);
    expect(passes(rows.at(-1)!.cells)).toEqual({ problems: [{ field: 'event', key: 'validation.choice' }] });
  });

  it('reads a Uyghur header', async () => {
    const header = 'ئىسىم,كىملىك نومۇرى,يانفون نومۇرى,ئىش,چېسلا,خىزمەت ئورنى';
    const { rows } = await readAll(`${header}\nئابدۇراخمان,${ID},13800138000,ئىشقا كىردى,2026-01-05,قۇرۇلۇش\n`);
    expect(rows[0]!.cells).toMatchObject({ name: 'ئابدۇراخمان', event: 'hire', workplace: 'قۇرۇلۇش' });
  });

  it('skips a title and notes above the header, and empty rows, counting them as the spreadsheet does', async () => {
    const csv = [
      '深南建筑公司 2026年1月 入职人员,,,,',
      '填表说明：日期写成 2026-01-05,,,,',
      ZH_HEADER,
      `张三,${ID},13800138000,入职,2026-01-05,,,,工地`,
      '',
      ',,,,,,,,',
      `"李
四",${ID},13800138000,入职,2026-01-05,,,"和平路
8号",工地`,
      `王五,${ID},13800138000,入职,2026-01-05,,,,工地`,
    ].join('\r\n');
    const { rows } = await readAll(csv);
    expect(rows.map((row) => [row.row, row.cells.name])).toEqual([
      [4, '张三'],
      [7, '李\n四'],
      [8, '王五'],
    ]);
    expect(rows[1]!.cells.address).toBe('和平路\n8号');
  });

  it('tells tab- and semicolon-separated files from commas', async () => {
    for (const separator of ['\t', ';']) {
      const { rows } = await readAll(`${ZH_HEADER.replaceAll(',', separator)}\n${['张三', ID, '13800138000', '入职', '2026-01-05', '', '', '', '工地'].join(separator)}\n`);
      expect(rows[0]!.cells, JSON.stringify(separator)).toMatchObject({ name: '张三', workplace: '工地' });
    }
  });

  it('reads a 1 MB row, its long cell cut to the kept length, and goes on', async () => {
    const long = '路'.repeat(1024 * 1024);
    const csv = `${ZH_HEADER}\n张三,${ID},13800138000,入住,2026-01-05,,,${long},\n李四,${ID},13800138000,入住,2026-01-05,,,和平路8号,\n`;
    const { rows, sheet } = await readAll(csv, 64 * 1024);
    expect(rows.map((row) => row.cells.name)).toEqual(['张三', '李四']);
    expect(rows[0]!.cells.address).toHaveLength(MAX_CELL_CHARS);
    expect(passes(rows[0]!.cells, 'marketOperator')).toEqual({ problems: [{ field: 'address', key: 'validation.tooLong' }] });
    expect(sheet.bytesRead()).toBe(Buffer.byteLength(csv));
  });

  it('reads dates as people type them; the schema reads each as the same day', async () => {
    const dates = ['2026-01-05', '2026/1/5', '2026.01.05', '2026年1月5日', '20260105', ' 2026-1-5 '];
    const { rows } = await readAll([ZH_HEADER, ...dates.map((date) => `张三,${ID},13800138000,入职,${date},,,,工地`)].join('\n'));
    for (const row of rows) expect(passes(row.cells)).toMatchObject({ row: { date: '2026-01-05' } });
  });

  it('keeps a text that looks like a formula as text', async () => {
    const { rows } = await readAll(`${ZH_HEADER}\n=1+1,${ID},13800138000,入职,2026-01-05,,,,"=HYPERLINK(""http://x"")"\n`);
    expect(rows[0]!.cells).toMatchObject({ name: '=1+1', workplace: '=HYPERLINK("http://x")' });
  });

  it('reads a file with a header and no rows as no rows', async () => {
    const { rows } = await readAll(`${ZH_HEADER}\n\n,,,\n`);
    expect(rows).toEqual([]);
  });

  it('reads every row of a large file, and refuses the row past the limit', async () => {
    const line = `张三,${ID},13800138000,入职,2026-01-05,,,,工地\n`;
    const file = Buffer.from(ZH_HEADER + '\n' + line.repeat(MAX_UPLOAD_ROWS + 1));
    const sheet = await openSheet(Readable.from([file]));
    let count = 0;
    await expect(
      (async () => {
        for await (const _ of sheet.rows) count++;
      })(),
    ).rejects.toMatchObject({ code: 'tooManyRows' });
    expect(count).toBe(MAX_UPLOAD_ROWS);
  }, 60_000);
});

describe('.xlsx', () => {
  it('skips a merged title above the header and empty rows between data rows; row numbers are the sheet’s', async () => {
    const bytes = await xlsxOf((sheet) => {
      sheet.mergeCells('A1:I1');
      sheet.getCell('A1').value = '深南建筑公司 入职人员名单';
      sheet.getRow(3).values = ZH_HEADER.split(',');
      sheet.getRow(4).values = ['张三', ID, '13800138000', '入职', new Date(Date.UTC(2026, 0, 5)), '', '', '', '工地'];
      sheet.getRow(6).values = ['李四', ID, 13800138000, 'Hired', '2026/1/6', null, null, null, '工地'];
      sheet.getRow(7).getCell(2).numFmt = '@'; // formatted, but empty
      sheet.getRow(9).values = ['王五', ID, '13800138000', '离职', 46030, '', '', '', '工地'];
    });
    const { sheet, rows } = await readAll(bytes, 1000);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.encoding).toBeUndefined();
    expect(rows).toEqual([
      { row: 4, cells: { name: '张三', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026-01-05', workplace: '工地' } },
      { row: 6, cells: { name: '李四', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026/1/6', workplace: '工地' } },
      { row: 9, cells: { name: '王五', citizenId: ID, phone: '13800138000', event: 'termination', date: '2026-01-08', workplace: '工地' } },
    ]);
    for (const row of rows) expect(passes(row.cells)).toHaveProperty('row');
    expect(sheet.bytesRead()).toBe(bytes.length);
  });

  it('reads formula cells as their cached results, never the formula; a text "=1+1" stays text', async () => {
    const bytes = await xlsxOf((sheet) => {
      sheet.addRow(ZH_HEADER.split(','));
      sheet.addRow([
        { formula: 'CONCATENATE("张","三")', result: '张三' },
        { formula: '"110101"&"199003074514"', result: ID },
        { formula: '13800138000+0', result: 13800138000 },
        { formula: 'IF(TRUE,"入职","离职")', result: '入职' },
        { formula: 'DATE(2026,1,5)', result: 46027 },
        null,
        null,
        null,
        { formula: 'A1', result: undefined },
      ]);
      sheet.addRow(['=1+1', { richText: [{ text: '身份' }, { text: '证' }] }, true, { text: '入职', hyperlink: 'http://example.com' }]);
    });
    const { rows } = await readAll(bytes);
    expect(rows[0]!.cells).toEqual({ name: '张三', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026-01-05' });
    expect(rows[1]!.cells).toEqual({ name: '=1+1', citizenId: '身份证', phone: 'TRUE', event: 'hire' });
  });

  it('reads an ID number typed as a number as the digits Excel kept (the schema then refuses it)', async () => {
    const bytes = await xlsxOf((sheet) => {
      sheet.addRow(ZH_HEADER.split(','));
      sheet.addRow(['张三', Number(ID), 13800138000, '入职', 46027, '', '', '', '工地']);
    });
    const { rows } = await readAll(bytes);
    expect(rows[0]!.cells.citizenId).toMatch(/^\d{18}$/);
    expect(rows[0]!.cells.phone).toBe('13800138000');
  });

  it('reads a 1 MB cell, cut to the kept length', async () => {
    const bytes = await xlsxOf((sheet) => {
      sheet.addRow(ZH_HEADER.split(','));
      sheet.addRow(['张三', ID, '13800138000', '入住', '2026-01-05', '', '', 'x'.repeat(1024 * 1024), '']);
    });
    const { rows } = await readAll(bytes, 64 * 1024);
    expect(rows[0]!.cells.address).toHaveLength(MAX_CELL_CHARS);
  });

  it('reads Chinese text whole wherever the file, the zip entry or the shared strings are cut', async () => {
    const names = Array.from({ length: 3000 }, (_, n) => `测试人员${'张王李赵'[n % 4]}${n}`);
    const bytes = await xlsxOf((sheet) => {
      sheet.addRow(ZH_HEADER.split(','));
      for (const name of names) sheet.addRow([name, ID, '13800138000', '入职', '2026-01-05', '', '', '深南大道某某花园', '深南建筑公司']);
    });
    for (const chunk of [7, 1000, 16 * 1024]) {
      const { rows } = await readAll(bytes, chunk);
      expect(rows.map((row) => row.cells.name), `chunks of ${chunk}`).toEqual(names);
      expect(rows.every((row) => row.cells.address === '深南大道某某花园' && row.cells.event === 'hire')).toBe(true);
    }
  });

  it('reads only the first worksheet', async () => {
    const bytes = await xlsxOf((sheet, workbook) => {
      sheet.addRow(ZH_HEADER.split(','));
      sheet.addRow(['张三', ID, '13800138000', '入职', '2026-01-05', '', '', '', '工地']);
      const other = workbook.addWorksheet('instructions');
      other.addRow(ZH_HEADER.split(','));
      other.addRow(['李四', ID, '13800138000', '入职', '2026-01-05', '', '', '', '工地']);
    });
    const { rows } = await readAll(bytes);
    expect(rows.map((row) => row.cells.name)).toEqual(['张三']);
  });

  it('leaves none of the temporary files the workbook reader makes behind, read through or stopped early', async () => {
    // exceljs sets aside each worksheet stored before the shared strings in a file named tmp-<pid>-…,
    // and the upload itself is kept in a folder upload-<pid>-… (unnamed once open, where the system allows).
    const temporaryFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`) || name.startsWith(`upload-${process.pid}-`)).length;
    const bytes = await xlsxOf((sheet, workbook) => {
      sheet.addRow(ZH_HEADER.split(','));
      for (let n = 0; n < 3; n++) sheet.addRow([`张三${n}`, ID, '13800138000', '入职', '2026-01-05', '', '', '', '工地']);
      workbook.addWorksheet('two').addRow(['x']);
      workbook.addWorksheet('three').addRow(['y']);
    });
    const before = temporaryFiles();
    const throughout = await openSheet(Readable.from([bytes]));
    for await (const _ of throughout.rows);
    const stopped = await openSheet(Readable.from([bytes]));
    for await (const _ of stopped.rows) break;
    await sleep(200); // they are removed asynchronously
    expect(temporaryFiles()).toBe(before);
  });

  it('reads a workbook whose shared strings are its last part (every part the unzip parses is handed over)', async () => {
    const strings = [...ZH_HEADER.split(','), '张三', ID, '13800138000', '入职', '2026-01-05', '工地'];
    const cells = (indexes: number[]) => indexes.map((i) => (i < 0 ? '' : { shared: i }));
    const bytes = await workbookOf({ sheet: worksheetXml([cells([0, 1, 2, 3, 4, 5, 6, 7, 8]), cells([9, 10, 11, 12, 13, -1, -1, -1, 14])]), sharedStrings: sharedStringsXml(strings, strings.length) });
    for (const chunk of [7, 64 * 1024]) {
      const { rows } = await readAll(bytes, chunk);
      expect(rows, `chunks of ${chunk}`).toEqual([{ row: 2, cells: { name: '张三', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026-01-05', workplace: '工地' } }]);
    }
  });

  it('reads a workbook without shared strings (inline strings, as streaming writers make)', async () => {
    const chunks: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(ZH_HEADER.split(',')).commit();
    sheet.addRow(['张三', ID, '13800138000', '入职', '2026-01-05', '', '', '', '工地']).commit();
    sheet.commit();
    await workbook.commit();
    const { rows } = await readAll(Buffer.concat(chunks));
    expect(rows).toEqual([{ row: 2, cells: { name: '张三', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026-01-05', workplace: '工地' } }]);
  });
});

describe('files that are not what their name says', () => {
  it('reads CSV bytes as CSV and workbook bytes as a workbook, whatever the upload was called', async () => {
    expect((await readAll(`${ZH_HEADER}\n`)).sheet.format).toBe('csv');
    expect((await readAll(await xlsxOf((sheet) => sheet.addRow(ZH_HEADER.split(','))))).sheet.format).toBe('xlsx');
  });

  it('refuses a PNG, a JPEG, a PDF and an old .xls', async () => {
    const png = Buffer.concat([fileOf('png', 16), randomBytes(4096)]);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 2048 /Filter /FlateDecode >>\nstream\n'), deflateRawSync(randomBytes(2048))]);
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(2048)]);
    for (const file of [png, fileOf('jpeg', 512), pdf, xls]) expect(await failureOf(file)).toBe('notSpreadsheet');
  });

  it('refuses random bytes and text full of control characters', async () => {
    expect(await failureOf(randomBytes(8192))).toBe('notSpreadsheet');
    expect(await failureOf(Buffer.from('a\u0001b\u0002c\u0003d\u0004'.repeat(100)))).toBe('notSpreadsheet');
  });

  it('refuses a zip that is not a workbook', async () => {
    expect(await failureOf(zipOf({ 'readme.txt': 'hello', 'word/document.xml': '<w:document/>' }))).toBe('notSpreadsheet');
  });

  it('refuses a workbook cut short', async () => {
    const bytes = await xlsxOf((sheet) => {
      sheet.addRow(ZH_HEADER.split(','));
      for (let n = 0; n < 2000; n++) sheet.addRow([`张三${n}`, ID, '13800138000', '入职', '2026-01-05', '', '', '', '工地']);
    });
    expect(['notSpreadsheet', 'unreadable']).toContain(await failureOf(bytes.subarray(0, Math.floor(bytes.length / 2))));
  });
});

describe('files that are not uploads', () => {
  it('refuses an empty file, and one of nothing but blanks', async () => {
    expect(await failureOf('')).toBe('emptyFile');
    expect(await failureOf('\r\n  \r\n,,,\n\t\n')).toBe('emptyFile');
    expect(await failureOf(await xlsxOf(() => {}))).toBe('emptyFile');
  });

  it('refuses rows without a header', async () => {
    expect(await failureOf(`张三,${ID},13800138000,入职,2026-01-05\n李四,${ID},13800138000,入职,2026-01-05\n`)).toBe('noHeader');
  });

  it('refuses a header below the first twenty rows', async () => {
    expect(await failureOf(`${'说明\n'.repeat(20)}${ZH_HEADER}\n`)).toBe('noHeader');
  });

  it('refuses a header that lacks a required column', async () => {
    expect(await failureOf(`姓名,身份证号,事项,日期,工作地点\n张三,${ID},入职,2026-01-05,工地\n`)).toBe('missingColumns');
    const xlsx = await xlsxOf((sheet) => {
      sheet.addRow(['Name', 'ID number', 'Mobile', 'Event']);
      sheet.addRow(['张三', ID, '13800138000', 'Hired']);
    });
    expect(await failureOf(xlsx)).toBe('missingColumns');
  });

  it('refuses a CSV whose quote is never closed', async () => {
    expect(await failureOf(`${ZH_HEADER}\n张三,"${ID},13800138000,入职,2026-01-05\n`)).toBe('unreadable');
  });
});

describe('files too big to take on', () => {
  const spoolFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`upload-${process.pid}-`)).length;

  /** The rows handed over before the file was refused, and why it was. */
  async function refusal(file: Readable, limits?: WorkbookLimits): Promise<{ rows: number; code: string }> {
    let rows = 0;
    try {
      const sheet = await openSheet(file, limits);
      for await (const _ of sheet.rows) rows++;
    } catch (error) {
      if (error instanceof SheetError) return { rows, code: error.code };
      throw error;
    }
    return { rows, code: 'read' };
  }

  it('counts a CSV of 1,048,576 lines before handing over any row, and refuses it', async () => {
    const line = `张三,${ID},13800138000,入职,2026-01-05,,,,工地\n`;
    const file = Buffer.from(ZH_HEADER + '\n' + line.repeat(1_048_575));
    expect(await refusal(Readable.from([file]))).toEqual({ rows: 0, code: 'tooManyRows' });
  }, 60_000);

  it('counts a workbook of 1,048,576 rows before handing over any row, and refuses it', async () => {
    const million = function* () {
      yield ZH_HEADER.split(',');
      for (let n = 1; n < 1_048_576; n++) yield [`张三${n}`, ID, '13800138000', '入职', '2026-01-05', '', '', '', '工地'];
    };
    const bytes = await workbookOf({ sheet: worksheetXml(million(), 'A1:I1048576') });
    expect(await refusal(Readable.from([bytes]))).toEqual({ rows: 0, code: 'tooManyRows' });
  }, 120_000);

  it('refuses a workbook past a cap before handing over any row, and keeps nothing of it', async () => {
    const strings = [...ZH_HEADER.split(','), '张三', ID, '13800138000', '入职', '2026-01-05', '工地'];
    const rows = [strings.slice(0, 9).map((_, i) => ({ shared: i })), [9, 10, 11, 12, 13, -1, -1, -1, 14].map((i) => (i < 0 ? '' : { shared: i }))];
    const bytes = await workbookOf({ sheet: worksheetXml(rows), sharedStrings: sharedStringsXml(strings, strings.length), sharedStringsFirst: true });
    const before = spoolFolders();
    expect(await refusal(Readable.from([bytes]), { ...WORKBOOK_LIMITS, sharedStrings: strings.length - 1 })).toEqual({ rows: 0, code: 'workbookTooLarge' });
    expect(spoolFolders()).toBe(before);
    // At the cap it is read, its shared strings looked up where the reader keeps them.
    const { rows: read } = await readAll(bytes, 4096, { ...WORKBOOK_LIMITS, sharedStrings: strings.length });
    expect(read).toEqual([{ row: 2, cells: { name: '张三', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026-01-05', workplace: '工地' } }]);
    expect(spoolFolders()).toBe(before);
  });
});

describe('the source failing', () => {
  it('passes the source’s own error on (the worker retries), rather than judging the file', async () => {
    const failing = async function* () {
      // More than the head the format is judged on, so the failure comes while the rows are read.
      yield Buffer.from(`${ZH_HEADER}\n${`张三,${ID},13800138000,入职,2026-01-05,,,,工地\n`.repeat(2000)}`);
      throw Object.assign(new Error('socket hang up'), { name: 'NetworkError' });
    };
    let count = 0;
    // The error may come while the header is looked for or while the rows are read.
    const read = (async () => {
      const sheet = await openSheet(Readable.from(failing()));
      for await (const _ of sheet.rows) count++;
    })();
    await expect(read).rejects.toMatchObject({ name: 'NetworkError' });
    expect(count).toBeLessThanOrEqual(2000);
  });
});
