/**
 * Hidden characters through the real product, one request per way in that an attack test found:
 * a profile name, a child's name, a tenant's name, a house's building, unit and room (and an empty
 * one), an upload's file name, an API key's name and the purpose of revealing an ID number. Each is
 * answered 400 with the field named in the caller's language, and nothing of it is in the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { call } from '#test/support/api-client';
import { houseInput, newLandlord, registerHouse, tenantInput, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { citizenId, newResident, profileBody, STREETS } from '#test/support/residents';
import { adminToken, organisationWithAdmin } from '#test/support/organisations';
import { auditOf, declare, newMigrant, officersOf, STREETS as STATION_STREETS, URUMQI } from './review/migrants.ts';

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterAll(async () => {
  await product?.close();
});

type Refusal = { error: { code: string; fields?: { path: string; message: string }[] } };

/** Every string stored in the table, however deep in an item. */
async function storedStrings(): Promise<string[]> {
  const found: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value) || value instanceof Set) for (const item of value) collect(item);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collect(item);
  };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: product.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    collect(page.Items ?? []);
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/** Neither the text sent nor its visible part, with the hidden character taken out, is anywhere in the table. */
async function expectNotStored(sent: string, visible: string) {
  const stored = await storedStrings();
  expect(stored.filter((text) => text.includes(sent) || text.includes(visible))).toEqual([]);
}

function expectFieldError(answer: { status: number; body: unknown }, path: string, message: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect((answer.body as Refusal).error).toMatchObject({ code: 'validation_failed', fields: expect.arrayContaining([{ path, message }]) });
}

describe('a resident', () => {
  it('cannot save a profile whose name holds a right-to-left override (the message in each language)', async () => {
    const resident = await newResident(product, '6');
    const name = '古丽\u202E娜尔';
    const body = profileBody(citizenId('653101', '19900101', '611'), { name });
    const put = (language: string) => call(product, 'PUT', '/api/me/profile', { token: resident.token, language, body });
    expectFieldError(await put('en'), 'name', 'Name: contains hidden or control characters');
    expectFieldError(await put('zh-CN'), 'name', '姓名：含有隐藏字符或控制字符');
    expectFieldError(await put('ug'), 'name', expect.stringContaining('يوشۇرۇن ياكى كونترول') as unknown as string);
    expect((await call(product, 'GET', '/api/me/profile', { token: resident.token })).status).toBe(404);
    await expectNotStored(name, '古丽娜尔');
  });

  it("cannot add a child whose name holds a zero-width space", async () => {
    const parent = await newResident(product, '6');
    const saved = await call(product, 'PUT', '/api/me/profile', { token: parent.token, body: profileBody(citizenId('653101', '19900101', '631')) });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const name = 'ئاب\u200Bدۇ';
    const answer = await call(product, 'POST', '/api/me/children', {
      token: parent.token,
      language: 'en',
      body: { name, birthDate: '2020-05-01', sex: 'male', schoolStatus: 'kindergarten' },
    });
    expectFieldError(answer, 'name', 'Name: contains hidden or control characters');
    expect((await call(product, 'GET', '/api/me/children', { token: parent.token })).body.children).toEqual([]);
    await expectNotStored(name, 'ئابدۇ');
  });

  it('cannot upload a file whose name hides its extension (invoice\\u202Efdp.exe)', async () => {
    const resident = await newResident(product, '6');
    const fileName = 'invoice\u202Efdp.exe';
    const answer = await call(product, 'POST', '/api/me/uploads', {
      token: resident.token,
      language: 'en',
      body: { purpose: 'residenceProof', fileName, contentType: 'application/pdf', size: 1000 },
    });
    expectFieldError(answer, 'fileName', 'File name: contains hidden or control characters');
    await expectNotStored(fileName, 'invoicefdp');
  });
});

describe('a landlord', () => {
  let landlord: Landlord;

  beforeAll(async () => {
    landlord = await newLandlord(product);
  });

  it("cannot report a tenant whose name holds NUL", async () => {
    const house = await registerHouse(product, landlord, STREETS.shenzhen);
    const name = '李\u0000四娃';
    const answer = await call(product, 'POST', `/api/landlord/houses/${house.id}/tenancies`, {
      token: landlord.token,
      language: 'en',
      body: { tenants: [tenantInput({ name })] },
    });
    expectFieldError(answer, 'tenants.0.name', "Tenant's name: contains hidden or control characters");
    expect((await call(product, 'GET', `/api/landlord/houses/${house.id}`, { token: landlord.token })).body.tenancies).toEqual([]);
    await expectNotStored(name, '李四娃');
  });

  it.each([
    ['building', 'Building', '7\u202E栋甲'],
    ['unit', 'Unit', '乙\u2066单元'],
    ['room', 'Room', '50\u200B1丙'],
  ])('cannot register a house whose %s holds a hidden character', async (field, label, value) => {
    const before = (await call(product, 'GET', '/api/landlord/houses', { token: landlord.token })).body.items.length;
    const answer = await call(product, 'POST', '/api/landlord/houses', { token: landlord.token, language: 'en', body: houseInput(STREETS.shenzhen, { [field]: value }) });
    expectFieldError(answer, field, `${label}: contains hidden or control characters`);
    expect((await call(product, 'GET', '/api/landlord/houses', { token: landlord.token })).body.items).toHaveLength(before);
    await expectNotStored(value, value.replace(/[\u202E\u2066\u200B]/u, ''));
  });

  it.each(['', '   '])('cannot register or correct a house with a building of %j, and removes one with null', async (blank) => {
    const before = (await call(product, 'GET', '/api/landlord/houses', { token: landlord.token })).body.items.length;
    const refused = await call(product, 'POST', '/api/landlord/houses', { token: landlord.token, language: 'en', body: houseInput(STREETS.shenzhen, { building: blank }) });
    expectFieldError(refused, 'building', 'Building: required');
    expect((await call(product, 'GET', '/api/landlord/houses', { token: landlord.token })).body.items).toHaveLength(before);

    const house = await registerHouse(product, landlord, STREETS.shenzhen, { building: '3' });
    const patch = (body: Record<string, unknown>) => call(product, 'PATCH', `/api/landlord/houses/${house.id}`, { token: landlord.token, language: 'en', body });
    expectFieldError(await patch({ building: blank, version: house.version }), 'building', 'Building: required');
    const removed = await patch({ building: null, version: house.version });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body).not.toHaveProperty('building');
    expect(removed.body).toMatchObject({ unit: '2', room: '501', version: house.version + 1 });
  });
});

describe("an organisation's user", () => {
  let orgAdmin: string;

  beforeAll(async () => {
    orgAdmin = (await organisationWithAdmin(product, await adminToken(product))).admin.token;
  });

  it('cannot name an API key with a zero-width space', async () => {
    const name = 'HR\u200Bsystem';
    const answer = await call(product, 'POST', '/api/agency/api-keys', { token: orgAdmin, language: 'en', body: { name } });
    expectFieldError(answer, 'name', 'Name: contains hidden or control characters');
    expect((await call(product, 'GET', '/api/agency/api-keys', { token: orgAdmin })).body.items).toEqual([]);
    await expectNotStored(name, 'HRsystem');
  });

  it('cannot upload a sheet whose name hides its extension', async () => {
    const fileName = 'staff\u202Excslx.csv';
    const answer = await call(product, 'POST', '/api/agency/uploads', { token: orgAdmin, language: 'en', body: { fileName, size: 1000 } });
    expectFieldError(answer, 'fileName', 'File name: contains hidden or control characters');
    expect((await call(product, 'GET', '/api/agency/uploads', { token: orgAdmin })).body.items).toEqual([]);
    await expectNotStored(fileName, 'staffxcslx');
  });
});

describe('an officer', () => {
  it('cannot reveal an ID number for a purpose that holds a bidi isolate, and nothing is audited', async () => {
    const officers = await officersOf(product, URUMQI);
    const migrant = await newMigrant(product, '阿依古丽');
    const declared = await declare(product, migrant, STATION_STREETS.urumqiYanerwo, '2026-11-16');
    const before = await auditOf(product, migrant.accountId);
    const purpose = '核对\u2067身份证件甲';
    const answer = await call(product, 'POST', `/api/officer/declarations/${declared.id}/citizen-id`, { token: officers.token, language: 'en', body: { purpose } });
    expectFieldError(answer, 'purpose', 'Purpose: contains hidden or control characters');
    expect(await auditOf(product, migrant.accountId)).toEqual(before);
    await expectNotStored(purpose, '核对身份证件甲');
  });
});
