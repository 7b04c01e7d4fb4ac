/**
 * Organisations for the upload suites: an organisation stored as the administrator's route stores
 * it, its users' tokens, sheets (CSV in any encoding, .xlsx) built from rows, and an upload through
 * the real API — ask for it, PUT the bytes where the answer says, then poll its status.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expect } from 'vitest';
import type { UploadStatus, UploadView } from '#shared/api/agency';
import type { OrganisationType } from '#shared/agency/organisation';
import { ROW_COLUMNS, type RowCells } from '#shared/agency/rows';
import type { Language } from '#shared/i18n/languages';
import { readableCode } from '#shared/references';
import { localBlobPath } from '#functions/commons/blob-store';
import { db } from '#functions/commons/dynamo';
import { ORGANISATIONS_PARTITION, organisationKey, type OrganisationItem, type ReportItem } from '#functions/agency/items';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { readUpload } from '#functions/agency/uploads';
import { divisionPath } from '#functions/policy/divisions';
import { stationFor } from '#functions/residence/places';
import { call, craftToken } from './api-client.ts';
import type { TestProduct } from './product.ts';

export interface TestOrganisation {
  id: string;
  type: OrganisationType;
  /** A token of one of its users (not its administrator). */
  token: string;
}

let organisations = 0;
const randomCode = (length: number) => readableCode(Array.from(crypto.getRandomValues(new Uint8Array(length))), length);

/** An organisation of `type` whose own address is on `street` (a Shenzhen street by default), and a user's token. */
export async function newOrganisation(product: TestProduct, type: OrganisationType, street = '440304001'): Promise<TestOrganisation> {
  const id = `org-${randomCode(10).toLowerCase()}`;
  const createdAt = new Date(Date.now() + ++organisations).toISOString();
  const path = await divisionPath(street);
  const station = await stationFor(street);
  const item: OrganisationItem = {
    ...organisationKey(id),
    sk: 'ORG',
    id,
    type,
    name: `测试单位 ${id}`,
    // Not checked here: the administrator's route checks codes; these items are stored directly.
    creditCode: `91440300${randomCode(10)}`,
    address: { division: street, path: path ?? [], detail: '深南大道 1 号' },
    ...(station ? { stationId: station.id } : {}),
    createdAt,
    createdBy: 'test',
    users: 1,
    gsi1pk: ORGANISATIONS_PARTITION,
    gsi1sk: `${createdAt}#${id}`,
  };
  await db().send(new PutCommand({ TableName: product.tableName, Item: item }));
  return { id, type, token: await organisationToken(product, id) };
}

/** A token of a user of organisation `orgId` (a new user each call unless `sub` is given). */
export const organisationToken = (product: TestProduct, orgId: string, sub = `user-${randomCode(8).toLowerCase()}`) =>
  craftToken(product, { sub, 'cognito:groups': ['agency'], 'custom:org': orgId });

/* ------------------------------------------ sheets ------------------------------------------ */

/** A row as a test writes it: the columns by name, the event as the sheet's word or its key. */
export type TestRow = RowCells;

const headerOf = (language: Language) => ROW_COLUMNS.map((column) => sheetTexts(language).columns[column]);
const cellsOf = (row: TestRow) => ROW_COLUMNS.map((column) => row[column] ?? '');

const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** A CSV of `rows` under the template's header in `language`: UTF-8 (with or without BOM) or GBK, as Chinese Excel saves it. */
export function csvOf(rows: readonly TestRow[], options: { encoding?: 'utf8' | 'utf8bom' | 'gbk'; language?: Language } = {}): Buffer {
  const lines = [headerOf(options.language ?? 'zh-CN'), ...rows.map(cellsOf)].map((cells) => cells.map(csvCell).join(','));
  const text = `${lines.join('\r\n')}\r\n`;
  const encoding = options.encoding ?? 'utf8';
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.concat([encoding === 'utf8bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** An .xlsx of `rows` (text cells) under the template's header in `language`. */
export async function xlsxOf(rows: readonly TestRow[], options: { language?: Language } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  sheet.addRow(headerOf(options.language ?? 'zh-CN'));
  for (const row of rows) sheet.addRow(cellsOf(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/* ------------------------------------------ uploads ----------------------------------------- */

/** Asks for an upload of `fileName` and PUTs `bytes` where the answer says; the upload's id. */
export async function uploadSheet(product: TestProduct, token: string, fileName: string, bytes: Uint8Array): Promise<string> {
  const ticket = await call<{ upload: UploadView; put: { url: string; headers: Record<string, string> } }>(product, 'POST', '/api/agency/uploads', {
    token,
    body: { fileName, size: bytes.length },
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const put = await fetch(new URL(ticket.body.put.url, product.url), { method: 'PUT', headers: ticket.body.put.headers, body: Buffer.from(bytes) });
  expect(put.status, await put.clone().text()).toBe(200);
  return ticket.body.upload.id;
}

/**
 * Asks for an upload and stores its file straight in the local blob store, without the store's
 * notification: as if S3's message never reached the queue. The test runs the worker itself.
 */
export async function uploadUnannounced(product: TestProduct, token: string, fileName: string, bytes: Uint8Array): Promise<string> {
  const ticket = await call<{ upload: UploadView }>(product, 'POST', '/api/agency/uploads', { token, body: { fileName, size: bytes.length } });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const { id } = ticket.body.upload;
  const key = (await readUpload(id, true))!.blobKey;
  for (const [part, content] of [['data', bytes], ['meta', JSON.stringify({ contentType: 'application/octet-stream' })]] as const) {
    const path = localBlobPath(key, part)!;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return id;
}

/** Polls the upload until its status is one of `statuses`; its view then. */
export async function waitForUpload(
  product: TestProduct,
  token: string,
  id: string,
  statuses: readonly UploadStatus[],
  options: { language?: Language; timeoutMs?: number } = {},
): Promise<UploadView> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const answer = await call<UploadView>(product, 'GET', `/api/agency/uploads/${id}`, { token, ...(options.language ? { language: options.language } : {}) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    if (statuses.includes(answer.body.status)) return answer.body;
    if (Date.now() > deadline) throw new Error(`upload ${id} still ${answer.body.status} after the wait`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Commits a checked upload and waits until it is committed. */
export async function commitUpload(product: TestProduct, token: string, id: string, options: { language?: Language } = {}): Promise<UploadView> {
  const started = await call<UploadView>(product, 'POST', `/api/agency/uploads/${id}/commit`, { token });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return waitForUpload(product, token, id, ['committed', 'failed'], options);
}

/** The reports an organisation's commits wrote, read straight from the table. */
export const reportsOf = async (product: TestProduct, orgId: string): Promise<ReportItem[]> =>
  ((
    await db().send(
      new QueryCommand({
        TableName: product.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ORG#${orgId}#REPORTS` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? []) as ReportItem[];
