/**
 * The two spreadsheet routes through HTTP: the template of each kind of organisation in the
 * caller's language, and an upload's error file, only for the organisation that made the upload
 * and only once its check has finished.
 */
import { Readable } from 'node:stream';
import { BatchWriteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_CONTENT_TYPE } from '#shared/api/agency';
import { ORGANISATION_TYPES } from '#shared/agency/organisation';
import { checkRow } from '#shared/agency/rows';
import { db } from '#functions/commons/dynamo';
import { organisationUploadsPartition, rowErrorKey, uploadKey, type RowErrorItem, type UploadItem } from '#functions/agency/items';
import { openSheet, type SheetRow } from '#functions/agency/sheet-reader';
import { call, craftToken } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';

const ID = '110101199003074514';
const ORG = 'org-sheets-a';
const OTHER_ORG = 'org-sheets-b';
const UPLOAD = 'UP7KQ3M9A2B4C6';

let product: TestProduct;
let agency: string;
let otherAgency: string;

/** A GET whose answer is bytes. */
async function download(path: string, token: string | undefined, language = 'zh-CN') {
  const response = await fetch(`${product.url}${path}`, {
    headers: { 'accept-language': language, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function firstSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

const uploadItem = (status: UploadItem['status']): UploadItem => ({
  pk: uploadKey(UPLOAD).pk,
  sk: 'UPLOAD',
  id: UPLOAD,
  orgId: ORG,
  orgType: 'employer',
  fileName: '一月入职名单.xlsx',
  size: 4096,
  blobKey: `imports/${ORG}/${UPLOAD}.xlsx`,
  status,
  createdAt: '2026-03-01T02:00:00.000Z',
  createdBy: { id: 'agency-user', name: '王会计' },
  processedRows: 4,
  counts: { rows: 4, valid: 1, invalid: 3, duplicates: 0, alreadyReported: 0, late: 0, written: 0 },
  firstErrors: [],
  version: 1,
  gsi1pk: organisationUploadsPartition(ORG),
  gsi1sk: `2026-03-01T02:00:00.000Z#${UPLOAD}`,
  ttl: Math.floor(Date.now() / 1000) + 86_400,
});

const rowError = (row: number, cells: RowErrorItem['cells'], problems: RowErrorItem['problems']): RowErrorItem => ({
  ...rowErrorKey(UPLOAD, row),
  row,
  cells,
  problems,
  ttl: Math.floor(Date.now() / 1000) + 86_400,
});

const setStatus = (status: UploadItem['status']) =>
  db().send(
    new UpdateCommand({
      TableName: product.tableName,
      Key: uploadKey(UPLOAD),
      UpdateExpression: 'SET #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
    }),
  );

beforeAll(async () => {
  product = await startProduct();
  [agency, otherAgency] = await Promise.all([
    craftToken(product, { sub: 'agency-user', 'cognito:groups': ['agency'], 'custom:org': ORG }),
    craftToken(product, { sub: 'other-agency-user', 'cognito:groups': ['agency'], 'custom:org': OTHER_ORG }),
  ]);
  await db().send(new PutCommand({ TableName: product.tableName, Item: uploadItem('checking') }));
  // Written out of order, as parallel batches of the check may write them.
  const errors = [
    rowError(12, { name: '王五', citizenId: ID, phone: '13800138000', event: 'termination', date: '2099-01-01', workplace: '工地' }, [{ field: 'date', key: 'validation.futureDate' }]),
    rowError(3, { name: '=HYPERLINK("http://x","点我")', citizenId: '110101199003074515', phone: '13800138000', event: 'hire', date: '2026-01-05', workplace: '工地' }, [
      { field: 'name', key: 'validation.personName' },
      { field: 'citizenId', key: 'validation.citizenIdChecksum' },
    ]),
    rowError(5, { name: '李四', citizenId: ID, phone: '1380013800', event: 'moveIn', date: '2026-01-05' }, [
      { field: 'phone', key: 'validation.phone' },
      { field: 'event', key: 'validation.eventNotForOrganisation' },
    ]),
  ];
  await db().send(new BatchWriteCommand({ RequestItems: { [product.tableName]: errors.map((item) => ({ PutRequest: { Item: item } })) } }));
});

afterAll(async () => {
  await product?.close();
});

describe('GET /api/agency/templates/{type}', () => {
  it.each(ORGANISATION_TYPES)('%s: an .xlsx named for the type, whose example row passes the row checks', async (type) => {
    const answer = await download(`/api/agency/templates/${type}`, agency);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    expect(answer.headers.get('content-disposition')).toContain(`filename="${type}-template.xlsx"`);
    const sheet = await openSheet(Readable.from([answer.bytes]));
    const rows: SheetRow[] = [];
    for await (const row of sheet.rows) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(checkRow(rows[0]!.cells, type, '2099-12-31')).toHaveProperty('row');
  });

  it('has its header in the caller’s language', async () => {
    const zh = await firstSheet((await download('/api/agency/templates/employer', agency, 'zh-CN')).bytes);
    const en = await firstSheet((await download('/api/agency/templates/employer', agency, 'en')).bytes);
    expect(zh.getRow(1).getCell(1).value).toBe('姓名');
    expect(en.getRow(1).getCell(1).value).toBe('Name');
  });

  it('refuses an unknown type with a field error, a stranger with 401 and a resident with 403', async () => {
    const unknown = await call(product, 'GET', '/api/agency/templates/farm', { token: agency, language: 'en' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([expect.objectContaining({ path: 'type' })]);
    expect((await download('/api/agency/templates/employer', undefined)).status).toBe(401);
    const resident = await craftToken(product, { sub: 'resident-1', 'cognito:groups': ['resident'] });
    expect((await download('/api/agency/templates/employer', resident)).status).toBe(403);
  });
});

describe('GET /api/agency/uploads/{id}/errors.xlsx', () => {
  const path = `/api/agency/uploads/${UPLOAD}/errors.xlsx`;

  it('is not there before the check has finished (409)', async () => {
    await setStatus('checking');
    const answer = await call(product, 'GET', path, { token: agency, language: 'en' });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('upload_not_checked');
  });

  it('gives the failed rows in sheet order, messages in the caller’s language, formulas neutralised', async () => {
    await setStatus('checked');
    const answer = await download(path, agency, 'zh-CN');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    expect(answer.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('一月入职名单-errors.xlsx')}`);
    const sheet = await firstSheet(answer.bytes);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(10).value).toBe('错误');
    expect([2, 3, 4].map((row) => sheet.getRow(row).getCell(3).value)).toEqual(['13800138000', '1380013800', '13800138000']);
    expect(sheet.getRow(2).getCell(1).value).toBe('\'=HYPERLINK("http://x","点我")');
    expect(sheet.getRow(2).getCell(10).value).toBe('姓名：请填写真实姓名，不能含数字或特殊符号；身份证号：校验位不正确，请核对每一位数字');
    expect(sheet.getRow(3).getCell(4).value).toBe('入住');
    expect(sheet.getRow(3).getCell(10).value).toBe('手机号：请输入 11 位中国大陆手机号；事项：本单位不报送这类事项');
    expect(sheet.getRow(4).getCell(10).value).toBe('日期：不能晚于今天');

    const english = await firstSheet((await download(path, agency, 'en')).bytes);
    expect(english.getRow(4).getCell(10).value).toBe('Date: cannot be later than today');
  });

  it('is still there while and after the upload is committed', async () => {
    for (const status of ['committing', 'committed'] as const) {
      await setStatus(status);
      expect((await download(path, agency)).status, status).toBe(200);
    }
  });

  it('is the same 404 for another organisation’s upload as for one that does not exist', async () => {
    const other = await call(product, 'GET', path, { token: otherAgency });
    const missing = await call(product, 'GET', '/api/agency/uploads/UP0000000000AA/errors.xlsx', { token: agency });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('upload_not_found');
    expect(other.body).toEqual(missing.body);
  });

  it('is a header only for a checked upload without errors', async () => {
    const clean = 'UP7KQ3M9A2B4C7';
    await db().send(new PutCommand({ TableName: product.tableName, Item: { ...uploadItem('checked'), ...uploadKey(clean), id: clean, fileName: 'clean.csv' } }));
    const answer = await download(`/api/agency/uploads/${clean}/errors.xlsx`, agency, 'en');
    expect(answer.headers.get('content-disposition')).toContain('filename="clean-errors.xlsx"');
    const sheet = await firstSheet(answer.bytes);
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).getCell(10).value).toBe('Errors');
  });
});
