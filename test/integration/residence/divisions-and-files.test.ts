/** Public division lists for address pickers, and reading a stored file back through a signed URL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStore } from '#functions/commons/blob-store';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { fileOf, newResident, putBytes, requestUpload } from '#test/support/residents';

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterAll(async () => {
  await product?.close();
});

describe('GET /api/divisions', () => {
  it('lists provinces without a parent, and chains municipality codes through the city level the data has', async () => {
    const provinces = await call(product, 'GET', '/api/divisions');
    expect(provinces.status).toBe(200);
    expect(provinces.body.parent).toBeUndefined();
    expect(provinces.body.divisions).toHaveLength(31);
    expect(provinces.body.divisions[0]).toEqual({ code: '11', name: '北京市', hasChildren: true });
    const beijing = await call(product, 'GET', '/api/divisions?parent=11');
    expect(beijing.body).toEqual({ parent: { code: '11', path: ['北京市'] }, divisions: [{ code: '1101', name: '市辖区', hasChildren: true }] });
    const counties = await call(product, 'GET', '/api/divisions?parent=1101');
    expect(counties.body.divisions[0]).toEqual({ code: '110101', name: '东城区', hasChildren: true });
  });

  it('lists the streets of a county, which have no children', async () => {
    const streets = await call(product, 'GET', '/api/divisions?parent=650102');
    expect(streets.body.parent.path).toEqual(['新疆维吾尔自治区', '乌鲁木齐市', '天山区']);
    expect(streets.body.divisions).toContainEqual({ code: '650102002', name: '燕儿窝街道', hasChildren: false });
    expect(streets.body.divisions.every((d: { code: string }) => d.code.startsWith('650102') && d.code.length === 9)).toBe(true);
  });

  it('answers 404 for an unknown parent and 400 for a code of the wrong length', async () => {
    const unknown = await call(product, 'GET', '/api/divisions?parent=659999', { language: 'en' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'division_not_found', message: 'There is no administrative division with code 659999' });
    expect((await call(product, 'GET', '/api/divisions?parent=650102002')).status).toBe(400);
  });
});

describe('the local blob store', () => {
  it('serves a stored file at a signed URL with its type, and refuses an expired or altered one', async () => {
    const resident = await newResident(product, '3');
    const bytes = fileOf('pdf', 200);
    const ticket = (await requestUpload(product, resident, 'application/pdf', bytes.length)).body;
    expect((await putBytes(product, ticket, bytes)).status).toBe(200);
    const key = new URL(ticket.url, product.url).pathname.replace('/api/local-blobs/', '');

    const stored = await blobStore().head(key);
    expect(stored).toMatchObject({ size: 200, contentType: 'application/pdf' });
    expect(Buffer.from(stored!.firstBytes.slice(0, 4)).toString()).toBe('%PDF');
    expect(await blobStore().head(`${key}-missing`)).toBeUndefined();

    const url = await blobStore().presignGet(key, { contentType: 'application/pdf', fileName: '租房合同.pdf' }, 60);
    const read = await fetch(`${product.url}${url}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('application/pdf');
    expect(read.headers.get('content-disposition')).toContain(encodeURIComponent('租房合同.pdf'));
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(bytes);

    expect((await fetch(`${product.url}${url.replace('fileName=', 'fileName=x')}`)).status).toBe(403);
    const expired = await blobStore().presignGet(key, { contentType: 'application/pdf', fileName: 'a.pdf' }, -1);
    expect((await fetch(`${product.url}${expired}`)).status).toBe(403);
    // A PUT URL does not read, nor a GET URL write.
    expect((await fetch(`${product.url}${ticket.url}`)).status).toBe(403);
  });
});
