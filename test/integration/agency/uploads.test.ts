/**
 * An organisation's bulk upload through the HTTP API on DynamoDB Local, with today pinned to
 * Thursday 19 March 2026: the dry run's exact counts for a file of valid, invalid (one row for each
 * kind of problem) and repeated rows, and nothing reported by it; the commit's one record per valid
 * row, shown masked; the same file again counted as already reported and writing nothing; one
 * organisation's uploads and people invisible to another's; an API key's upload; the Ningxia pack's
 * deadlines; a row naming a registered house; a file that is no sheet; a lost notification
 * recovered by a status read; two commits of one organisation one after the other.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportedPerson, UploadView } from '#shared/api/agency';
import { db } from '#functions/commons/dynamo';
import { keyedHash } from '#functions/commons/pii';
import { commitLockKey } from '#functions/agency/items';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { call, craftToken } from '#test/support/api-client';
import { commitUpload, csvOf, newOrganisation, organisationToken, uploadSheet, uploadUnannounced, waitForUpload, xlsxOf, type TestOrganisation, type TestRow, reportsOf } from '#test/support/agency';
import { startProduct, type TestProduct } from '#test/support/product';
import { citizenId, fileOf } from '#test/support/residents';
import { pinToday, unpinToday } from '#test/integration/review/migrants';
import { newLandlord, registerHouse, type Landlord } from '#test/support/landlords';

const TODAY = '2026-03-19';
const words = sheetTexts('zh-CN').events;

let product: TestProduct;
let employer: TestOrganisation;

let landlord: Landlord;

beforeAll(async () => {
  product = await startProduct();
  // Tokens are signed by the real clock: sign in first, then move "today".
  landlord = await newLandlord(product);
  pinToday(TODAY);
  employer = await newOrganisation(product, 'employer');
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

let people = 0;
/** A person nobody else in this file is: a valid ID number and a phone of their own. */
function person(name = '王五') {
  const n = ++people;
  return { name, citizenId: citizenId('440304', '19900101', String(n).padStart(3, '0')), phone: `1370000${String(n).padStart(4, '0')}` };
}

const hire = (date: string, extra: TestRow = {}): TestRow => ({ ...person(), event: words.hire, date, workplace: '示例建筑劳务有限公司', ...extra });

const recordsOf = (orgId: string) => reportsOf(product, orgId);

const rowErrorsOf = async (uploadId: string) =>
  (
    await db().send(
      new QueryCommand({
        TableName: product.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: { ':pk': `UPLOAD#${uploadId}`, ':e': 'ERROR#' },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

const peopleOf = async (token: string, query = '') => call<{ items: ReportedPerson[]; cursor?: string }>(product, 'GET', `/api/agency/people${query}`, { token });

describe('a file of valid, invalid and repeated rows', () => {
  const valid = [hire('2026-03-10'), { ...person(), event: words.termination, date: '2026/3/11', workplace: '示例建筑劳务有限公司' }, hire('2026-03-12', { street: '440304001', address: '和平路8号' })];
  // Sheet row numbers: the header is row 1, so data row i is row i + 2.
  const invalid: Array<[TestRow, string, string]> = [
    [{ ...hire('2026-03-10'), citizenId: `${valid[0]!.citizenId!.slice(0, 17)}${valid[0]!.citizenId!.endsWith('0') ? '1' : '0'}` }, 'citizenId', 'ID number: the check character does not match; check every digit'],
    [hire('2026-03-10', { phone: '12345' }), 'phone', 'Mobile: enter an 11-digit mainland China mobile number'],
    [hire('2026-03-10', { event: '跳槽' }), 'event', 'Event: choose one from the list'],
    [hire('2026-03-25'), 'date', 'Date: cannot be later than today'],
    [hire('2026-03-10', { event: words.moveIn, address: '和平路8号', workplace: '' }), 'event', ''],
    [hire('2026-03-10', { workplace: '' }), 'workplace', 'Workplace: required'],
    [hire('2026-03-10', { street: '110101001', address: '和平路8号' }), 'street', ''],
    [hire('2026-03-10', { houseCode: 'FW23456789' }), 'houseCode', ''],
  ];
  // The same person, event and date as a row above: the later row is the repeat.
  const repeats = [{ ...valid[0]!, phone: '13912345678' }, { ...valid[2]! }];
  const rows = [...valid, ...invalid.map(([row]) => row), ...repeats];
  const file = csvOf(rows);
  let uploadId: string;
  let checked: UploadView;

  it('the dry run counts every kind of row exactly and reports nobody', async () => {
    uploadId = await uploadSheet(product, employer.token, '三月名单.csv', file);
    checked = await waitForUpload(product, employer.token, uploadId, ['checked', 'failed'], { language: 'en' });
    expect(checked.status).toBe('checked');
    expect(checked.format).toBe('csv');
    expect(checked.counts).toEqual({ rows: 13, valid: 3, invalid: 8, duplicates: 2, alreadyReported: 0, late: 0, written: 0 });
    expect(checked.progress).toEqual({ phase: 'check', percent: 100, processedRows: 13, totalRows: 13 });
    expect(await recordsOf(employer.id)).toHaveLength(0);
    expect(await rowErrorsOf(uploadId)).toHaveLength(8);
  });

  it('names each invalid row, its column and the problem in the caller language', async () => {
    const byRow = new Map(checked.firstErrors.map((e) => [e.row, e]));
    invalid.forEach(([, field, message], i) => {
      const error = byRow.get(valid.length + i + 2);
      expect(error?.field, `row ${valid.length + i + 2}`).toBe(field);
      if (message) expect(error?.message).toBe(message);
    });
    expect(byRow.get(valid.length + 4 + 2)?.message).toMatch(/^Event: /);
    // Rows the database refuses: a street no station serves, a house nobody registered.
    expect(byRow.get(valid.length + 6 + 2)?.message).toMatch(/^Street code: /);
    expect(byRow.get(valid.length + 7 + 2)?.message).toMatch(/^House code: /);
    const inChinese = await call<UploadView>(product, 'GET', `/api/agency/uploads/${uploadId}`, { token: employer.token, language: 'zh-CN' });
    expect(inChinese.body.firstErrors[1]).toEqual({ row: 6, field: 'phone', message: '手机号：请输入 11 位中国大陆手机号' });
  });

  it('the commit writes one record per valid row, listed with masked numbers', async () => {
    const committed = await commitUpload(product, employer.token, uploadId);
    expect(committed.status).toBe('committed');
    expect(committed.counts).toEqual({ rows: 13, valid: 3, invalid: 8, duplicates: 2, alreadyReported: 0, late: 0, written: 3 });
    expect(committed.committedAt).toBeDefined();
    expect(await recordsOf(employer.id)).toHaveLength(3);
    const listed = await peopleOf(employer.token);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p) => p.row).sort()).toEqual([2, 3, 4]);
    for (const p of listed.body.items) {
      expect(p.citizenId).toMatch(/^440304\*{8}\d{3}[\dX]$/);
      expect(p.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(p.uploadId).toBe(uploadId);
      expect(p.packId).toBe('national');
    }
    const termination = listed.body.items.find((p) => p.event === 'termination');
    expect(termination).toMatchObject({ name: '王五', date: '2026-03-11', workplace: '示例建筑劳务有限公司' });
    const placed = listed.body.items.find((p) => p.date === '2026-03-12');
    expect(placed?.place).toMatchObject({ division: '440304001', detail: '和平路8号' });
  });

  it('committing again changes nothing', async () => {
    const again = await call<UploadView>(product, 'POST', `/api/agency/uploads/${uploadId}/commit`, { token: employer.token });
    expect(again.status).toBe(202);
    expect(again.body.status).toBe('committed');
    expect(again.body.counts.written).toBe(3);
    expect(await recordsOf(employer.id)).toHaveLength(3);
  });

  it('the same file uploaded again is already reported and writes nothing new', async () => {
    const again = await uploadSheet(product, employer.token, '三月名单.xlsx', await xlsxOf(rows));
    const dryRun = await waitForUpload(product, employer.token, again, ['checked', 'failed']);
    expect(dryRun.format).toBe('xlsx');
    expect(dryRun.counts).toEqual({ rows: 13, valid: 3, invalid: 8, duplicates: 2, alreadyReported: 3, late: 0, written: 0 });
    const committed = await commitUpload(product, employer.token, again);
    expect(committed.counts).toMatchObject({ valid: 3, alreadyReported: 3, written: 0 });
    const records = await recordsOf(employer.id);
    expect(records).toHaveLength(3);
    expect(new Set(records.map((r) => r.uploadId))).toEqual(new Set([uploadId]));
  });

  it("another user of the organisation sees its uploads; another organisation's users see none of them", async () => {
    const colleague = await organisationToken(product, employer.id);
    expect((await call(product, 'GET', `/api/agency/uploads/${uploadId}`, { token: colleague })).status).toBe(200);
    expect((await peopleOf(colleague)).body.items).toHaveLength(3);

    const other = await newOrganisation(product, 'employer');
    for (const [method, path] of [
      ['GET', `/api/agency/uploads/${uploadId}`],
      ['POST', `/api/agency/uploads/${uploadId}/commit`],
    ] as const) {
      const answer = await call<{ error: { code: string } }>(product, method, path, { token: other.token });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe('upload_not_found');
    }
    expect((await peopleOf(other.token)).body.items).toEqual([]);
    expect((await call<{ items: UploadView[] }>(product, 'GET', '/api/agency/uploads', { token: other.token })).body.items).toEqual([]);
    // The other organisation's own upload of the same people (saved by Chinese Excel, in GBK) is its own report.
    const theirs = await uploadSheet(product, other.token, 'list.csv', csvOf(rows, { encoding: 'gbk' }));
    const dryRun = await waitForUpload(product, other.token, theirs, ['checked', 'failed']);
    expect(dryRun.encoding).toBe('GB18030');
    expect(dryRun.counts).toEqual({ rows: 13, valid: 3, invalid: 8, duplicates: 2, alreadyReported: 0, late: 0, written: 0 });
  });

  it("lists the organisation's uploads newest first, a page at a time", async () => {
    const first = await call<{ items: UploadView[]; cursor?: string }>(product, 'GET', '/api/agency/uploads?limit=1', { token: employer.token });
    expect(first.status).toBe(200);
    expect(first.body.items[0]?.fileName).toBe('三月名单.xlsx');
    const second = await call<{ items: UploadView[]; cursor?: string }>(product, 'GET', `/api/agency/uploads?limit=1&cursor=${first.body.cursor}`, { token: employer.token });
    expect(second.body.items.map((u) => u.id)).toEqual([uploadId]);
    // A cursor of another organisation's list is refused, not followed.
    const other = await newOrganisation(product, 'employer');
    const crossed = await call(product, 'GET', `/api/agency/uploads?cursor=${first.body.cursor}`, { token: other.token });
    expect(crossed.status).toBe(400);
  });

  it('pages the people list with a cursor', async () => {
    const first = await peopleOf(employer.token, '?limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await peopleOf(employer.token, `?limit=2&cursor=${first.body.cursor}`);
    expect(rest.body.items).toHaveLength(1);
    expect(new Set([...first.body.items, ...rest.body.items].map((p) => p.id)).size).toBe(3);
  });
});

describe('deadlines by the pack of the address', () => {
  it('a Ningxia hire on a Friday is due three working days later, late when filed after', async () => {
    const ningxia = await newOrganisation(product, 'employer', '640104001');
    // Friday 13 March → Wednesday 18 March; Monday 16 March → Thursday 19 March (today).
    const friday = hire('2026-03-13');
    const monday = hire('2026-03-16');
    // Named by its street: a Shenzhen employer's worker placed in Ningxia follows Ningxia's rules.
    const placed = hire('2026-03-13', { street: '640104001', address: '新华东街 1 号' });
    const id = await uploadSheet(product, ningxia.token, 'ningxia.csv', csvOf([friday, monday, placed], { encoding: 'utf8bom' }));
    const dryRun = await waitForUpload(product, ningxia.token, id, ['checked', 'failed']);
    expect(dryRun.counts).toMatchObject({ valid: 3, late: 2 });
    const committed = await commitUpload(product, ningxia.token, id);
    expect(committed.counts).toMatchObject({ written: 3, late: 2 });
    const listed = (await peopleOf(ningxia.token)).body.items;
    const report = (row: number) => listed.find((p) => p.row === row)!;
    expect(report(2).packId).toBe('ningxia');
    expect(report(2).report).toMatchObject({ filing: 'late', lastDay: '2026-03-18' });
    expect(report(2).report.deadlines.map((d) => d.path)).toEqual(['employer.reportHire']);
    expect(report(3).report).toMatchObject({ filing: 'onTime', lastDay: '2026-03-19' });
    expect(report(4).report).toMatchObject({ filing: 'late', lastDay: '2026-03-18' });
    // The station that serves the address lists the report.
    const records = await recordsOf(ningxia.id);
    expect(records.every((r) => r.gsi2pk === 'STATIONREPORTS#yinchuan-xinhuajie')).toBe(true);
  });
});

describe("the organisation's own systems, with an API key", () => {
  it('upload and read the status; the upload names the key', async () => {
    const admin = await craftToken(product, { sub: 'admin-of-employer', 'cognito:groups': ['agency'], 'custom:org': employer.id, 'custom:org_admin': 'true' });
    const created = await call<{ secret: string }>(product, 'POST', '/api/agency/api-keys', { token: admin, body: { name: 'ERP 系统' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const headers = { 'x-api-key': created.body.secret };
    const bytes = csvOf([hire('2026-03-09')]);
    const ticket = await call<{ upload: UploadView; put: { url: string; headers: Record<string, string> } }>(product, 'POST', '/api/agency/uploads', {
      headers,
      body: { fileName: 'erp.csv', size: bytes.length },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(ticket.body.upload.createdBy).toBe('ERP 系统');
    expect((await fetch(new URL(ticket.body.put.url, product.url), { method: 'PUT', headers: ticket.body.put.headers, body: new Uint8Array(bytes) })).status).toBe(200);
    for (let tries = 0; ; tries++) {
      const status = await call<UploadView>(product, 'GET', `/api/agency/uploads/${ticket.body.upload.id}`, { headers });
      expect(status.status).toBe(200);
      if (status.body.status === 'checked') break;
      expect(tries).toBeLessThan(100);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});

describe('a row naming a registered house', () => {
  it("is reported at the house's address, under its pack and to its station", async () => {
    const house = await registerHouse(product, landlord, '140213050');
    const agency = await newOrganisation(product, 'housingAgency');
    const moveIn: TestRow = { ...person(), event: words.moveIn, date: '2026-03-18', houseCode: house.id.toLowerCase() };
    const id = await uploadSheet(product, agency.token, 'houses.csv', csvOf([moveIn, { ...moveIn, ...person(), houseCode: 'FW23456789' }]));
    const dryRun = await waitForUpload(product, agency.token, id, ['checked', 'failed']);
    expect(dryRun.counts).toMatchObject({ valid: 1, invalid: 1 });
    expect(dryRun.firstErrors).toEqual([{ row: 3, field: 'houseCode', message: '房屋编码：没有这个房屋编码的登记房屋' }]);
    await commitUpload(product, agency.token, id);
    const [reported] = (await peopleOf(agency.token)).body.items;
    expect(reported).toMatchObject({ event: 'moveIn', houseCode: house.id, packId: 'datong', place: { division: '140213050', detail: expect.stringContaining(house.address.detail) } });
    expect(reported!.report.deadlines.map((d) => d.path)).toEqual(['landlord.registerWithin', 'landlord.reportMoveIn']);
    expect((await recordsOf(agency.id))[0]?.gsi2pk).toBe('STATIONREPORTS#datong-xinjianlu');
  });
});

describe('files and states that cannot be committed', () => {
  it('a file that is not a sheet fails whole, with its reason in the caller language', async () => {
    const id = await uploadSheet(product, employer.token, 'photo.csv', fileOf('png', 2048));
    const failed = await waitForUpload(product, employer.token, id, ['failed', 'checked'], { language: 'en' });
    expect(failed.status).toBe('failed');
    expect(failed.failure?.code).toBe('notSpreadsheet');
    expect(failed.failure?.message).not.toMatch(/^upload\./);
    const commit = await call<{ error: { code: string } }>(product, 'POST', `/api/agency/uploads/${id}/commit`, { token: employer.token });
    expect(commit.status).toBe(409);
    expect(commit.body.error.code).toBe('upload_not_checked');
  });

  it('an upload waiting for its file cannot be committed', async () => {
    const ticket = await call<{ upload: UploadView }>(product, 'POST', '/api/agency/uploads', { token: employer.token, body: { fileName: 'later.xlsx', size: 1000 } });
    expect(ticket.status).toBe(201);
    expect(ticket.body.upload).toMatchObject({ status: 'awaitingFile', progress: { phase: 'check', percent: 0, processedRows: 0 } });
    const commit = await call<{ error: { code: string } }>(product, 'POST', `/api/agency/uploads/${ticket.body.upload.id}/commit`, { token: employer.token });
    expect(commit.status).toBe(409);
    expect(commit.body.error.code).toBe('upload_not_checked');
  });

  it('refuses a file name that is not .xlsx or .csv, and a caller of no organisation', async () => {
    const named = await call<{ error: { fields: Array<{ path: string }> } }>(product, 'POST', '/api/agency/uploads', { token: employer.token, body: { fileName: 'list.xls', size: 10 } });
    expect(named.status).toBe(400);
    expect(named.body.error.fields.map((f) => f.path)).toEqual(['fileName']);
    const stray = await call<{ error: { code: string } }>(product, 'POST', '/api/agency/uploads', {
      token: await organisationToken(product, 'org-nosuchorg0'),
      body: { fileName: 'list.csv', size: 10 },
    });
    expect(stray.status).toBe(403);
    expect(stray.body.error.code).toBe('no_organisation');
  });

  it('a file whose notification was lost is checked when its status is read', async () => {
    const rows = [hire('2026-03-02')];
    const bytes = csvOf(rows);
    const id = await uploadUnannounced(product, employer.token, 'lost.csv', bytes);
    const checked = await waitForUpload(product, employer.token, id, ['checked', 'failed']);
    expect(checked.counts).toMatchObject({ rows: 1, valid: 1 });
  });
});

describe("an organisation's commits, one at a time", () => {
  it('two overlapping files committed together: the second waits, finds the first one records, and writes only the rest', async () => {
    const org = await newOrganisation(product, 'employer');
    const shared = [hire('2026-03-02'), hire('2026-03-03')];
    const first = [...shared, hire('2026-03-04')];
    const second = [...shared, hire('2026-03-05'), hire('2026-03-06')];
    const [a, b] = await Promise.all([uploadSheet(product, org.token, 'a.csv', csvOf(first)), uploadSheet(product, org.token, 'b.csv', csvOf(second))]);
    for (const id of [a, b]) expect((await waitForUpload(product, org.token, id, ['checked'])).counts).toMatchObject({ valid: 3 + Number(id === b), alreadyReported: 0 });

    const commits = await Promise.all([a, b].map((id) => call<UploadView>(product, 'POST', `/api/agency/uploads/${id}/commit`, { token: org.token })));
    expect(commits.map((c) => c.status)).toEqual([202, 202]);
    const [doneA, doneB] = await Promise.all([a, b].map((id) => waitForUpload(product, org.token, id, ['committed', 'failed'], { timeoutMs: 30_000 })));
    // Whichever went first wrote the shared rows; the other counted them as already reported.
    expect(doneA!.counts.written + doneB!.counts.written).toBe(5);
    expect(doneA!.counts.alreadyReported + doneB!.counts.alreadyReported).toBe(2);
    const records = await recordsOf(org.id);
    expect(records).toHaveLength(5);
    const firstDone = doneA!.counts.alreadyReported === 0 ? a : b;
    const sharedHashes = new Set(await Promise.all(shared.map((r) => keyedHash('citizenId', r.citizenId!))));
    expect(records.filter((r) => sharedHashes.has(r.citizenIdHash)).map((r) => r.uploadId)).toEqual([firstDone, firstDone]);
  }, 40_000);

  it('a lock left by a commit that stopped for good is taken over', async () => {
    const org = await newOrganisation(product, 'employer');
    const lock = commitLockKey(org.id);
    await db().send(new PutCommand({ TableName: product.tableName, Item: { ...lock, holder: 'UP0000000000ZZ', finished: 4 } }));
    const id = await uploadSheet(product, org.token, 'after.csv', csvOf([hire('2026-03-02')]));
    await waitForUpload(product, org.token, id, ['checked']);
    expect((await commitUpload(product, org.token, id)).counts).toMatchObject({ written: 1 });
    // The stopped commit counted as ended when it was taken over, this one when it ended.
    const { Item } = await db().send(new GetCommand({ TableName: product.tableName, Key: lock, ConsistentRead: true }));
    expect(Item).toEqual({ ...lock, finished: 6 });
  });
});
