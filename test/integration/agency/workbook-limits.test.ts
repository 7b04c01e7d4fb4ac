/**
 * Uploads too big for the import worker to take on, through the local product: a workbook whose
 * part declares more than a workbook may unpack to, one with more shared strings than the cap, and
 * a sheet of 1,048,576 rows as .xlsx and as CSV each fail with their reason in the caller's
 * language before any row is judged, and nothing of them is written; a workbook just under each
 * cap is checked and committed. The caps are lowered through their setting where a file at the
 * real one would only make the test slow.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadView } from '#shared/api/agency';
import { db } from '#functions/commons/dynamo';
import { translator } from '#functions/commons/i18n';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { call } from '#test/support/api-client';
import { commitUpload, newOrganisation, uploadSheet, waitForUpload, type TestOrganisation } from '#test/support/agency';
import { startProduct, type TestProduct } from '#test/support/product';
import { citizenId } from '#test/support/residents';
import { partSizes, SHARED_STRINGS_PART, sharedStringsXml, workbookOf, worksheetXml, type Cell } from '#test/support/workbooks';

let product: TestProduct;
let employer: TestOrganisation;

beforeAll(async () => {
  product = await startProduct();
  employer = await newOrganisation(product, 'employer');
});

afterAll(async () => {
  await product?.close();
});

const words = sheetTexts('zh-CN');
const HEADER = Object.values(words.columns);
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
let people = 0;
/** A valid hire of a person of their own, in the template's columns. */
function hire(): string[] {
  const n = ++people;
  return [`王${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(n / 10) % 12]}`, citizenId('440304', '19900101', String(n).padStart(3, '0')), `1370000${String(n).padStart(4, '0')}`, words.events.hire, today, '', '', '', '示例建筑劳务有限公司'];
}

/** A workbook of `rows` hires, every text a shared string (as Excel stores them), and `extra` strings nobody uses. */
function sharedStringsWorkbook(rows: number, extra = 0) {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const cell = (text: string): Cell => {
    if (text === '') return '';
    if (!index.has(text)) index.set(text, strings.push(text) - 1);
    return { shared: index.get(text)! };
  };
  const sheet = [HEADER, ...Array.from({ length: rows }, hire)].map((cells) => cells.map(cell));
  for (let n = 0; n < extra; n++) strings.push(`备注${n}`);
  return { strings: strings.length, bytes: workbookOf({ sheet: worksheetXml(sheet), sharedStrings: sharedStringsXml(strings, strings.length) }) };
}

/** Runs `body` with the workbook caps lowered to `limits`, as the setting lowers them. */
async function withLimits<T>(limits: Record<string, number>, body: () => Promise<T>): Promise<T> {
  process.env.WORKBOOK_LIMITS = JSON.stringify(limits);
  try {
    return await body();
  } finally {
    delete process.env.WORKBOOK_LIMITS;
  }
}

const itemsOf = async (pk: string, prefix?: string) =>
  (
    await db().send(
      new QueryCommand({
        TableName: product.tableName,
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** The upload failed for `code`, told in zh-CN and in English, with no row judged and nothing written. */
async function expectRefused(id: string, code: string) {
  const failed = await waitForUpload(product, employer.token, id, ['failed', 'checked'], { timeoutMs: 60_000 });
  expect(failed.failure?.code).toBe(code);
  expect(failed.failure?.message).toBe(translator('zh-CN')(`upload.${code}`));
  const english = await call<UploadView>(product, 'GET', `/api/agency/uploads/${id}`, { token: employer.token, language: 'en' });
  expect(english.body.failure?.message).toBe(translator('en')(`upload.${code}`));
  expect(english.body.failure?.message).not.toBe(failed.failure?.message);
  expect(failed.counts).toEqual({ rows: 0, valid: 0, invalid: 0, duplicates: 0, alreadyReported: 0, late: 0, written: 0 });
  expect(failed.progress.processedRows).toBe(0);
  expect(await itemsOf(`UPLOAD#${id}`, 'ERROR#')).toEqual([]);
  expect((await itemsOf(`ORG#${employer.id}#REPORTS`)).filter((report) => report.uploadId === id)).toEqual([]);
}

describe('a workbook too big to take on', () => {
  it('fails when a part declares more than a workbook may unpack to, in the caller language, with nothing written', async () => {
    // A small file whose shared strings say they unpack to 300 MB, as a zip bomb's part does.
    const bomb = await workbookOf({ sheet: worksheetXml([HEADER, hire()]), sharedStrings: sharedStringsXml(['备注'], 1), declaredSizes: { [SHARED_STRINGS_PART]: 300 * 1024 * 1024 } });
    expect(bomb.length).toBeLessThan(4096);
    const id = await uploadSheet(product, employer.token, '入职名单.xlsx', bomb);
    await expectRefused(id, 'workbookTooLarge');
  });

  it('fails with one shared string more than the cap; at the cap it is checked and committed', async () => {
    const over = sharedStringsWorkbook(3, 1);
    const cap = over.strings - 1;
    await withLimits({ sharedStrings: cap }, async () => {
      await expectRefused(await uploadSheet(product, employer.token, '入职名单.xlsx', await over.bytes), 'workbookTooLarge');
      const within = sharedStringsWorkbook(3, 0);
      expect(within.strings).toBeLessThanOrEqual(cap);
      const id = await uploadSheet(product, employer.token, '入职名单.xlsx', await within.bytes);
      const checked = await waitForUpload(product, employer.token, id, ['checked', 'failed']);
      expect(checked.failure).toBeUndefined();
      expect(checked.counts).toMatchObject({ rows: 3, valid: 3 });
      expect((await commitUpload(product, employer.token, id)).counts.written).toBe(3);
    });
  });

  it('fails a byte past what it may unpack to; at the cap it is checked', async () => {
    const bytes = await sharedStringsWorkbook(2).bytes;
    const unpacked = [...partSizes(bytes).values()].reduce((sum, size) => sum + size, 0);
    await withLimits({ unpackedBytes: unpacked - 1 }, async () => expectRefused(await uploadSheet(product, employer.token, '入职名单.xlsx', bytes), 'workbookTooLarge'));
    await withLimits({ unpackedBytes: unpacked }, async () => {
      const id = await uploadSheet(product, employer.token, '入职名单.xlsx', bytes);
      expect((await waitForUpload(product, employer.token, id, ['checked', 'failed'])).counts).toMatchObject({ rows: 2, valid: 2 });
    });
  });
});

describe('a sheet of 1,048,576 rows', () => {
  it('as a workbook, fails as too many rows before any row is judged', async () => {
    const million = function* () {
      yield HEADER;
      for (let n = 1; n < 1_048_576; n++) yield [`王${n}`, citizenId('440304', '19900101', '001'), '13700000001', words.events.hire, today, '', '', '', '工地'];
    };
    const bytes = await workbookOf({ sheet: worksheetXml(million(), 'A1:I1048576') });
    await expectRefused(await uploadSheet(product, employer.token, '全部人员.xlsx', bytes), 'tooManyRows');
  }, 120_000);

  it('as a CSV, fails as too many rows before any row is judged', async () => {
    const lines = [HEADER.join(','), ...Array.from({ length: 1_048_575 }, (_, n) => `王${n},1`)];
    await expectRefused(await uploadSheet(product, employer.token, '全部人员.csv', Buffer.from(`${lines.join('\n')}\n`)), 'tooManyRows');
  }, 120_000);
});
