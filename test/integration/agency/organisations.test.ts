/**
 * The administrator's organisations through the HTTP API on DynamoDB Local: created with a
 * checksum-valid, unique credit code and an existing division (a refused request writes nothing),
 * listed newest first by cursor, read with their users; a user created with a generated initial
 * password signs in with it as the organisation's agency user (its administrator when marked so).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationView } from '#shared/api/organisations';
import { db } from '#functions/commons/dynamo';
import { creditCodeKey, organisationKey } from '#functions/agency/items';
import { call, signInByPassword } from '#test/support/api-client';
import { adminToken, createOrganisation, createOrganisationUser, newCreditCode, organisationInput } from '#test/support/organisations';
import { startProduct, type TestProduct } from '#test/support/product';
import { STREETS } from '#test/support/residents';

let product: TestProduct;
let admin: string;

beforeAll(async () => {
  product = await startProduct();
  admin = await adminToken(product);
});

afterAll(async () => {
  await product?.close();
});

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

const allOrganisations = async (): Promise<OrganisationView[]> => {
  const found: OrganisationView[] = [];
  let cursor: string | undefined;
  do {
    const answer = await call(product, 'GET', `/api/admin/organisations?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
    expect(answer.status).toBe(200);
    found.push(...answer.body.items);
    cursor = answer.body.cursor;
  } while (cursor);
  return found;
};

describe('creating an organisation', () => {
  it('stores it with its address named, its station, the normalised credit code and no users', async () => {
    const code = newCreditCode();
    const spaced = `${code.slice(0, 6)} ${code.slice(6, 12)} ${code.slice(12)}`.toLowerCase();
    const answer = await call(product, 'POST', '/api/admin/organisations', {
      token: admin,
      body: organisationInput({ type: 'housingAgency', name: '  福田安居房屋中介  ', creditCode: spaced }),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toEqual({
      id: expect.stringMatching(/^org-[0-9a-hjkmnp-tv-z]{10}$/),
      type: 'housingAgency',
      name: '福田安居房屋中介',
      creditCode: code,
      address: { division: STREETS.shenzhen, path: ['广东省', '深圳市', '福田区', '南园街道'], detail: '深南大道 1000 号' },
      createdAt: expect.any(String),
      users: 0,
    });
    const { Item } = await db().send(new GetCommand({ TableName: product.tableName, Key: organisationKey(answer.body.id) }));
    expect(Item).toMatchObject({ stationId: 'shenzhen-futian', gsi1pk: 'ORGS', gsi1sk: `${answer.body.createdAt}#${answer.body.id}` });
    const { Item: codeItem } = await db().send(new GetCommand({ TableName: product.tableName, Key: creditCodeKey(code) }));
    expect(codeItem).toMatchObject({ orgId: answer.body.id });
  });

  it('refuses a credit code whose check character is wrong, a malformed one and an unknown division, naming the field, and writes nothing', async () => {
    const before = (await allOrganisations()).length;
    const good = newCreditCode();
    const wrongCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    for (const [body, path, words] of [
      [organisationInput({ creditCode: wrongCheck }), 'creditCode', 'check its last character'],
      [organisationInput({ creditCode: 'I1440304MA5G8K1N7W' }), 'creditCode', 'check its last character'],
      [organisationInput({ address: { division: '440304999', detail: '深南大道 1 号' } }), 'address.division', 'no such division'],
      [organisationInput({ type: 'bank' as never }), 'type', 'Type'],
    ] as const) {
      const answer = await call(product, 'POST', '/api/admin/organisations', { token: admin, body, language: 'en' });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.error.fields).toEqual([{ path, message: expect.stringContaining(words) }]);
    }
    const zh = await call(product, 'POST', '/api/admin/organisations', { token: admin, body: organisationInput({ creditCode: wrongCheck }) });
    expect(zh.body.error.fields[0].message).toContain('统一社会信用代码');
    expect(await allOrganisations()).toHaveLength(before);
  });

  it('refuses a second organisation with the same credit code: 409, and only the first exists', async () => {
    const code = newCreditCode();
    const first = await createOrganisation(product, admin, { creditCode: code, name: '第一家单位' });
    const again = await call(product, 'POST', '/api/admin/organisations', {
      token: admin,
      body: organisationInput({ creditCode: code.toLowerCase(), name: '第二家单位' }),
      language: 'en',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'credit_code_taken', message: expect.stringContaining('credit code') });
    expect((await allOrganisations()).filter((o) => o.creditCode === code).map((o) => o.id)).toEqual([first.id]);
  });
});

describe('the list of organisations', () => {
  it('is newest first, page by page, and ends', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createOrganisation(product, admin, { name: `翻页单位 ${i}` }));
    const pages: OrganisationView[][] = [];
    let cursor: string | undefined;
    do {
      const answer = await call(product, 'GET', `/api/admin/organisations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
      expect(answer.status).toBe(200);
      pages.push(answer.body.items);
      cursor = answer.body.cursor;
    } while (cursor && pages.length < 100);
    const all = pages.flat();
    expect(pages.slice(0, -1).every((page) => page.length === 2)).toBe(true);
    expect(all.slice(0, 3).map((o) => o.id)).toEqual(made.reverse().map((o) => o.id));
    const times = all.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(all.map((o) => o.id)).size).toBe(all.length);
  });

  it('refuses a cursor that is not a key of this list', async () => {
    const foreign = Buffer.from(JSON.stringify({ pk: 'ORG#x', sk: 'ORG', gsi1pk: 'STATIONS', gsi1sk: 'x' })).toString('base64url');
    for (const cursor of [foreign, 'not-a-cursor']) {
      const answer = await call(product, 'GET', `/api/admin/organisations?cursor=${cursor}`, { token: admin });
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });
});

describe('the demo organisation', () => {
  it('is complete out of the box: type, credit code, address with its station, and agency.demo as its administrator', async () => {
    const answer = await call(product, 'GET', '/api/admin/organisations/org-demo-employer', { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body.organisation).toMatchObject({
      type: 'employer',
      creditCode: expect.stringMatching(/^91440304/),
      address: { division: expect.stringMatching(/^440304\d{3}$/), path: ['广东省', '深圳市', '福田区', expect.any(String)] },
      users: 1,
    });
    expect(answer.body.users).toEqual([expect.objectContaining({ username: 'agency.demo', orgAdmin: true })]);
    const demo = product.demoAccounts.find((a) => a.role === 'agency')!;
    const token = await signInByPassword(product, demo.username!, demo.password!);
    expect(claimsOf(token)).toMatchObject({ 'custom:org': 'org-demo-employer', 'custom:org_admin': 'true', 'cognito:groups': ['agency'] });
  });
});

describe('an organisation and its users', () => {
  it('is read with its users; an unknown one is a 404', async () => {
    const organisation = await createOrganisation(product, admin);
    const answer = await call(product, 'GET', `/api/admin/organisations/${organisation.id}`, { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ organisation, users: [] });
    const missing = await call(product, 'GET', '/api/admin/organisations/org-0000000000', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('organisation_not_found');
  });

  it('gets a user with a strong initial password, shown once; the user signs in as its agency user (its administrator when marked)', async () => {
    const organisation = await createOrganisation(product, admin, { type: 'jobAgency', name: '福田人力资源服务' });
    const answer = await call(product, 'POST', `/api/admin/organisations/${organisation.id}/users`, {
      token: admin,
      body: { username: `Zhao.Lei.${Date.now()}`, displayName: '赵磊', phone: '13912345678', orgAdmin: true },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const { user, initialPassword } = answer.body;
    expect(user).toEqual({
      id: expect.any(String),
      username: expect.stringMatching(/^zhao\.lei\.\d+$/),
      displayName: '赵磊',
      phone: '13912345678',
      orgAdmin: true,
      createdAt: expect.any(String),
    });
    expect(initialPassword.length).toBeGreaterThanOrEqual(16);
    for (const kind of [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/]) expect(initialPassword).toMatch(kind);

    const token = await signInByPassword(product, user.username, initialPassword);
    expect(claimsOf(token)).toMatchObject({ sub: user.id, 'custom:org': organisation.id, 'custom:org_admin': 'true', 'cognito:groups': ['agency'] });
    const me = await call(product, 'GET', '/api/me', { token });
    expect(me.body).toMatchObject({ id: user.id, roles: ['agency'], displayName: '赵磊', org: { id: organisation.id, name: '福田人力资源服务', type: 'jobAgency' } });

    const read = await call(product, 'GET', `/api/admin/organisations/${organisation.id}`, { token: admin });
    expect(read.body.organisation.users).toBe(1);
    expect(read.body.users).toEqual([user]);
    expect(JSON.stringify(read.body)).not.toContain(initialPassword);
  });

  it('a user not marked administrator carries no administrator claim', async () => {
    const organisation = await createOrganisation(product, admin);
    const user = await createOrganisationUser(product, admin, organisation.id, false);
    expect(claimsOf(user.token)).not.toHaveProperty('custom:org_admin');
    expect(claimsOf(user.token)).toMatchObject({ 'custom:org': organisation.id });
  });

  it('refuses a username already taken (by any account): 409, and the organisation keeps its count', async () => {
    const organisation = await createOrganisation(product, admin);
    const first = await createOrganisationUser(product, admin, organisation.id);
    for (const username of [first.username, 'agency.demo', 'admin']) {
      const again = await call(product, 'POST', `/api/admin/organisations/${organisation.id}/users`, {
        token: admin,
        body: { username, displayName: '重名', orgAdmin: false },
      });
      expect(again.status, username).toBe(409);
      expect(again.body.error.code).toBe('username_taken');
    }
    const read = await call(product, 'GET', `/api/admin/organisations/${organisation.id}`, { token: admin });
    expect(read.body.organisation.users).toBe(1);
    expect(read.body.users.map((u: { username: string }) => u.username)).toEqual([first.username]);
    // The first user's password still works: nothing of the refused requests was written over it.
    await signInByPassword(product, first.username, first.password);
  });

  it('refuses a user of an organisation that does not exist, and a body that is not valid, naming the field', async () => {
    const missing = await call(product, 'POST', '/api/admin/organisations/org-0000000000/users', {
      token: admin,
      body: { username: `nobody.${Date.now()}`, displayName: '无人' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('organisation_not_found');
    const invalid = await call(product, 'POST', '/api/admin/organisations/org-demo-employer/users', {
      token: admin,
      body: { username: 'x', displayName: '无人', phone: '123' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['phone', 'username']);
  });
});
