/**
 * An organisation's API keys through the HTTP API on DynamoDB Local: its administrator creates one
 * (shown once, stored only as a hash), lists them (never the key) and revokes one (it stops working
 * at once); a plain user, an API key and another organisation's administrator may not manage them.
 * A key is the organisation's agency caller on the routes that take one, and nowhere else.
 */
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '#functions/commons/dynamo';
import { call } from '#test/support/api-client';
import { adminToken, createApiKey, createOrganisationUser, organisationWithAdmin, type OrganisationUser } from '#test/support/organisations';
import { startProduct, type TestProduct } from '#test/support/product';

let product: TestProduct;
let admin: string;
let orgId: string;
let orgAdmin: OrganisationUser;
let plainUser: OrganisationUser;
let otherAdmin: OrganisationUser;

beforeAll(async () => {
  product = await startProduct();
  admin = await adminToken(product);
  const first = await organisationWithAdmin(product, admin, 'housingAgency');
  orgId = first.organisation.id;
  orgAdmin = first.admin;
  plainUser = await createOrganisationUser(product, admin, orgId, false);
  otherAdmin = (await organisationWithAdmin(product, admin, 'employer')).admin;
});

afterAll(async () => {
  await product?.close();
});

const listKeys = (token: string) => call(product, 'GET', '/api/agency/api-keys', { token });
const withKey = (secret: string, path = '/api/agency/uploads') => call(product, 'GET', path, { headers: { 'x-api-key': secret } });

/** Every item of the organisation's partition and every look-up item, as stored. */
async function storedKeyItems() {
  const own = await db().send(
    new QueryCommand({
      TableName: product.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :key)',
      ExpressionAttributeValues: { ':pk': `ORG#${orgId}`, ':key': 'APIKEY#' },
      ConsistentRead: true,
    }),
  );
  const lookups = await db().send(
    new ScanCommand({ TableName: product.tableName, FilterExpression: 'begins_with(pk, :p) AND orgId = :org', ExpressionAttributeValues: { ':p': 'APIKEYHASH#', ':org': orgId }, ConsistentRead: true }),
  );
  return { keys: own.Items ?? [], lookups: lookups.Items ?? [] };
}

describe("the organisation's administrator", () => {
  it('creates a key that is shown once and stored only as its SHA-256', async () => {
    const answer = await call(product, 'POST', '/api/agency/api-keys', { token: orgAdmin.token, body: { name: ' 人事系统 ' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const { key, secret } = answer.body;
    expect(secret).toMatch(/^fpk_[0-9A-HJKMNP-TV-Z]{10}_[A-Za-z0-9_-]{43}$/);
    expect(key).toEqual({ id: secret.slice(4, 14), name: '人事系统', prefix: secret.slice(0, 12), createdAt: expect.any(String), createdBy: '李华' });

    const stored = await storedKeyItems();
    const everything = JSON.stringify(stored);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.slice(15));
    expect(stored.lookups).toContainEqual(expect.objectContaining({ keyId: key.id, orgId }));

    const listed = await listKeys(orgAdmin.token);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(key);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(15));
  });

  it('refuses a key without a name, or with a name too long, naming the field', async () => {
    for (const body of [{}, { name: '' }, { name: 'x'.repeat(61) }]) {
      const answer = await call(product, 'POST', '/api/agency/api-keys', { token: orgAdmin.token, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.fields[0].path).toBe('name');
    }
  });

  it('revokes a key: it stops working at once, leaves the list, and a second revocation is a 404', async () => {
    const { key, secret } = await createApiKey(product, orgAdmin.token, 'to revoke');
    expect((await withKey(secret)).status).toBe(200);
    const revoked = await call(product, 'DELETE', `/api/agency/api-keys/${key.id}`, { token: orgAdmin.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ revoked: true });
    const refused = await withKey(secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await listKeys(orgAdmin.token)).body.items.map((k: { id: string }) => k.id)).not.toContain(key.id);
    expect((await storedKeyItems()).lookups.map((l) => l.keyId)).not.toContain(key.id);
    const again = await call(product, 'DELETE', `/api/agency/api-keys/${key.id}`, { token: orgAdmin.token });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('api_key_not_found');
  });
});

describe('who may not manage keys', () => {
  it('a user of the organisation who is not its administrator: 403 on every key route', async () => {
    const { key } = await createApiKey(product, orgAdmin.token, 'kept');
    for (const [method, path, body] of [
      ['GET', '/api/agency/api-keys', undefined],
      ['POST', '/api/agency/api-keys', { name: 'mine' }],
      ['DELETE', `/api/agency/api-keys/${key.id}`, undefined],
    ] as const) {
      const answer = await call(product, method, path, { token: plainUser.token, ...(body ? { body } : {}), language: 'en' });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error).toMatchObject({ code: 'org_admin_only', message: expect.stringContaining('administrator') });
    }
    expect((await listKeys(orgAdmin.token)).body.items.map((k: { id: string }) => k.id)).toContain(key.id);
  });

  it("another organisation's administrator: does not see the keys, and revoking one is a 404 that changes nothing", async () => {
    const { key, secret } = await createApiKey(product, orgAdmin.token, 'not theirs');
    expect((await listKeys(otherAdmin.token)).body.items).toEqual([]);
    const answer = await call(product, 'DELETE', `/api/agency/api-keys/${key.id}`, { token: otherAdmin.token });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('api_key_not_found');
    expect((await withKey(secret)).status).toBe(200);
  });

  it('an API key: the key routes take no key (401), and their handlers refuse a key caller too (403)', async () => {
    const { secret, key } = await createApiKey(product, orgAdmin.token, 'machine');
    for (const [method, path] of [
      ['GET', '/api/agency/api-keys'],
      ['POST', '/api/agency/api-keys'],
      ['DELETE', `/api/agency/api-keys/${key.id}`],
    ] as const) {
      const answer = await call(product, method, path, { headers: { 'x-api-key': secret }, ...(method === 'POST' ? { body: { name: 'x' } } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(401);
    }
    // Behind API Gateway these routes have the JWT authorizer; should a key's claims reach one anyway:
    const { handler } = await import('#functions/agency/api-keys-list');
    const event = {
      version: '2.0',
      routeKey: 'GET /api/agency/api-keys',
      rawPath: '/api/agency/api-keys',
      rawQueryString: '',
      headers: {},
      isBase64Encoded: false,
      requestContext: {
        authorizer: { lambda: { sub: `apikey:${key.id}`, 'cognito:groups': '[agency]', 'custom:org': orgId, 'custom:org_admin': 'true', apiKey: key.id } },
      },
    } as unknown as APIGatewayProxyEventV2;
    const answer = await handler(event, { functionName: 'ListApiKeys', awsRequestId: 'r' } as Context);
    expect(answer.statusCode).toBe(403);
    expect(JSON.parse(answer.body ?? '{}').error.code).toBe('org_admin_only');
  });
});

describe('a key', () => {
  it("is the organisation's agency caller on the routes that take one, and records when it was last used", async () => {
    const { key, secret } = await createApiKey(product, orgAdmin.token, 'uploader');
    const byKey = await withKey(secret);
    const byUser = await call(product, 'GET', '/api/agency/uploads', { token: orgAdmin.token });
    expect(byKey.status).toBe(200);
    expect(byKey.body).toEqual(byUser.body);
    expect((await withKey(secret, '/api/agency/people')).status).toBe(200);
    const listed = (await listKeys(orgAdmin.token)).body.items.find((k: { id: string }) => k.id === key.id);
    expect(listed.lastUsedAt).toEqual(expect.any(String));
  });

  it('is refused on every route that does not take one, and when malformed or unknown', async () => {
    const { secret } = await createApiKey(product, orgAdmin.token, 'limited');
    for (const path of ['/api/me', '/api/agency/api-keys', '/api/admin/organisations', '/api/landlord/houses']) {
      expect((await withKey(secret, path)).status, path).toBe(401);
    }
    for (const bad of ['fpk_short', secret.replace(/.$/, secret.endsWith('A') ? 'B' : 'A'), `${secret} extra`]) {
      expect((await withKey(bad)).status, bad).toBe(401);
    }
  });

  it('gives way to a bearer token when both are sent: a bad token is not rescued by a good key', async () => {
    const { secret } = await createApiKey(product, orgAdmin.token, 'both');
    const answer = await call(product, 'GET', '/api/agency/uploads', { token: 'forged', headers: { 'x-api-key': secret } });
    expect(answer.status).toBe(401);
  });
});
