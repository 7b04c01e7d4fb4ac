/**
 * An organisation's commit writes the rows of the file its check read, or none: the file's SHA-256
 * is recorded when the check begins, and a file whose bytes changed between the check and the
 * commit fails the upload (`fileChanged`, translated) with nothing written. A second PUT to the
 * upload's URL is refused outright.
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadView } from '#shared/api/agency';
import { localBlobPath } from '#functions/commons/blob-store';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { readUpload } from '#functions/agency/uploads';
import { call } from '#test/support/api-client';
import { commitUpload, csvOf, newOrganisation, waitForUpload, type TestOrganisation, reportsOf } from '#test/support/agency';
import { startProduct, type TestProduct } from '#test/support/product';
import { citizenId } from '#test/support/residents';
import { pinToday, unpinToday } from '#test/integration/review/migrants';

const TODAY = '2026-03-19';

let product: TestProduct;
let employer: TestOrganisation;

beforeAll(async () => {
  product = await startProduct();
  pinToday(TODAY);
  employer = await newOrganisation(product, 'employer');
});

afterAll(async () => {
  unpinToday();
  await product?.close();
});

/** A CSV of hires; `name` tells two files of the same size apart. */
const sheetOf = (name: string) =>
  csvOf(
    [1, 2, 3].map((n) => ({
      name,
      citizenId: citizenId('440304', '19900101', String(n).padStart(3, '0')),
      phone: `1370000000${n}`,
      event: sheetTexts('zh-CN').events.hire,
      date: '2026-03-18',
      workplace: '示例建筑劳务有限公司',
    })),
  );

const recordsOf = (orgId: string) => reportsOf(product, orgId);

describe('a sheet changed between its check and its commit', () => {
  it('cannot be replaced through its URL, and fails the commit with nothing written when changed behind the store’s back', async () => {
    const checkedFile = sheetOf('王五');
    const ticket = await call<{ upload: UploadView; put: { url: string; headers: Record<string, string> } }>(product, 'POST', '/api/agency/uploads', {
      token: employer.token,
      body: { fileName: 'hires.csv', size: checkedFile.length },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const put = (bytes: Uint8Array) => fetch(new URL(ticket.body.put.url, product.url), { method: 'PUT', headers: ticket.body.put.headers, body: Buffer.from(bytes) });
    expect((await put(checkedFile)).status).toBe(200);
    const { id } = ticket.body.upload;
    const checked = await waitForUpload(product, employer.token, id, ['checked', 'failed']);
    expect(checked).toMatchObject({ status: 'checked', counts: { valid: 3 } });

    const changed = sheetOf('赵六');
    expect(changed.length).toBe(checkedFile.length);
    expect((await put(changed)).status).toBe(412);
    await writeFile(localBlobPath((await readUpload(id, true))!.blobKey, 'data')!, changed);

    const committed = await commitUpload(product, employer.token, id, { language: 'en' });
    expect(committed).toMatchObject({
      status: 'failed',
      failure: { code: 'fileChanged', message: 'The file was changed after it was checked, so nothing was committed; please upload it again' },
    });
    expect(await recordsOf(employer.id)).toEqual([]);
  });
});
