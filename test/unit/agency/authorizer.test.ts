/**
 * The Lambda authorizer of the routes an organisation may call with its API key: a Cognito ID
 * token verified against the pool's published keys (served here by a small JWKS server), or an
 * `X-Api-Key` looked up by its SHA-256 (the table mocked with aws-sdk-client-mock). Its context is
 * what handlers read as the caller.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { handler } from '#functions/agency/authorizer';
import { sha256Hex } from '#functions/agency/api-keys';
import { apiKeyLookupKey } from '#functions/agency/items';
import { callerOf } from '#functions/commons/http/caller';

const database = mockClient(DynamoDBDocumentClient);
const AUDIENCE = 'web-client';
let server: Server;
let issuer: string;
let poolKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  poolKey = pair.privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'pool', alg: 'RS256', use: 'sig' }] });
  server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, { ISSUER: issuer, AUDIENCE: `other-client,${AUDIENCE}`, TABLE_NAME: 'unit', AWS_REGION: 'local' });
});

afterAll(async () => {
  await new Promise<void>((closed) => server.close(() => closed()));
  database.restore();
});

afterEach(() => database.reset());

const AGENCY_ADMIN = {
  token_use: 'id',
  'cognito:groups': ['agency'],
  'cognito:username': 'li.hua',
  'custom:org': 'org-7k3m9q2xwa',
  'custom:org_admin': 'true',
  phone_number: '+8613800138000',
};

async function idToken(claims: Record<string, unknown> = AGENCY_ADMIN, options: { key?: CryptoKey; iss?: string; aud?: string; expiresIn?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'pool' })
    .setSubject('5f1c9a7e-user')
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 3600))
    .sign(options.key ?? poolKey);
}

function requestWith(headers: Record<string, string>): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:ap-northeast-1:123456789012:api/$default/POST/api/agency/uploads',
    identitySource: [],
    routeKey: 'POST /api/agency/uploads',
    rawPath: '/api/agency/uploads',
    rawQueryString: '',
    cookies: [],
    headers,
    requestContext: {} as APIGatewayRequestAuthorizerEventV2['requestContext'],
  };
}

/** What the route's handler receives once the authorizer let the request through. */
function routeEventWith(context: Record<string, string>): APIGatewayProxyEventV2 {
  return { requestContext: { authorizer: { lambda: context } } } as unknown as APIGatewayProxyEventV2;
}

const KEY_ID = '7K3M9Q2XWA';
const API_KEY = `fpk_${KEY_ID}_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V'}`;
const lookupOf = (key: string) => ({ ...apiKeyLookupKey(sha256Hex(key)), orgId: 'org-7k3m9q2xwa', keyId: KEY_ID, name: 'HR system' });

describe('an ID token', () => {
  it("of this pool and client is authorized, with the token's claims as the context", async () => {
    const answer = await handler(requestWith({ authorization: `Bearer ${await idToken()}` }));
    expect(answer).toEqual({
      isAuthorized: true,
      context: {
        sub: '5f1c9a7e-user',
        'cognito:groups': '[agency]',
        'cognito:username': 'li.hua',
        'custom:org': 'org-7k3m9q2xwa',
        'custom:org_admin': 'true',
        phone_number: '+8613800138000',
      },
    });
    expect(callerOf(routeEventWith(answer.context))).toEqual({
      id: '5f1c9a7e-user',
      roles: ['agency'],
      org: 'org-7k3m9q2xwa',
      orgAdmin: true,
      phone: '13800138000',
    });
    expect(database.calls()).toHaveLength(0);
  });

  it.each([
    ['an access token', () => idToken({ ...AGENCY_ADMIN, token_use: 'access' })],
    ['another client', () => idToken(AGENCY_ADMIN, { aud: 'someone-else' })],
    ['another issuer', () => idToken(AGENCY_ADMIN, { iss: 'https://cognito-idp.example/other-pool' })],
    ['an expired token', () => idToken(AGENCY_ADMIN, { expiresIn: -10 })],
    ['a token signed by another key', async () => idToken(AGENCY_ADMIN, { key: (await generateKeyPair('RS256')).privateKey })],
    ['no token at all', async () => 'not-a-jwt'],
  ])('is refused: %s', async (_, token) => {
    expect(await handler(requestWith({ Authorization: `Bearer ${await token()}` }))).toEqual({ isAuthorized: false, context: {} });
  });

  it('decides alone when both are sent: a bad token is not rescued by a good key', async () => {
    database.on(GetCommand).resolves({ Item: lookupOf(API_KEY) });
    const answer = await handler(requestWith({ authorization: 'Bearer forged', 'x-api-key': API_KEY }));
    expect(answer.isAuthorized).toBe(false);
    expect(database.commandCalls(GetCommand)).toHaveLength(0);
  });
});

describe('an API key', () => {
  it("is looked up by its SHA-256 and authorized as the organisation's agency caller", async () => {
    database.on(GetCommand).resolves({ Item: lookupOf(API_KEY) });
    database.on(UpdateCommand).resolves({});
    const answer = await handler(requestWith({ 'X-Api-Key': API_KEY }));
    expect(answer).toEqual({
      isAuthorized: true,
      context: { sub: `apikey:${KEY_ID}`, 'cognito:groups': '[agency]', 'custom:org': 'org-7k3m9q2xwa', apiKey: KEY_ID },
    });
    expect(database.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual(apiKeyLookupKey(sha256Hex(API_KEY)));
    // The key itself is never a key of the table, nor sent anywhere.
    expect(JSON.stringify(database.calls().map((c) => c.args[0].input))).not.toContain(API_KEY);
    expect(callerOf(routeEventWith(answer.context))).toEqual({ id: `apikey:${KEY_ID}`, roles: ['agency'], org: 'org-7k3m9q2xwa', apiKey: KEY_ID });
  });

  it('records when it was last used, at most once a minute, only on a key that still exists', async () => {
    database.on(GetCommand).resolves({ Item: lookupOf(API_KEY) });
    database.on(UpdateCommand).resolves({});
    const other = API_KEY.replace(KEY_ID, 'ZZZZZZZZZ0');
    database.on(GetCommand, { Key: apiKeyLookupKey(sha256Hex(other)) }).resolves({ Item: { ...lookupOf(other), keyId: 'ZZZZZZZZZ0' } });
    await handler(requestWith({ 'x-api-key': other }));
    await handler(requestWith({ 'x-api-key': other }));
    const updates = database.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      Key: { pk: 'ORG#org-7k3m9q2xwa', sk: 'APIKEY#ZZZZZZZZZ0' },
      UpdateExpression: 'SET lastUsedAt = :at',
      ConditionExpression: expect.stringContaining('attribute_exists(pk)'),
    });
  });

  it('is still authorized when recording its use fails (throttled, or another process recorded it)', async () => {
    for (const [error, id] of [
      [new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }), 'AAAAAAAAA1'],
      [new ConditionalCheckFailedException({ message: 'recorded', $metadata: {} }), 'AAAAAAAAA2'],
    ] as const) {
      const key = API_KEY.replace(KEY_ID, id);
      database.on(GetCommand).resolves({ Item: { ...lookupOf(key), keyId: id } });
      database.on(UpdateCommand).rejects(error);
      expect((await handler(requestWith({ 'x-api-key': key }))).isAuthorized, error.name).toBe(true);
    }
  });

  it.each([
    ['unknown or revoked', API_KEY, undefined],
    ['stored for another key id', API_KEY, { ...lookupOf(API_KEY), keyId: 'AAAAAAAAAA' }],
  ])('is refused: %s', async (_, key, item) => {
    database.on(GetCommand).resolves(item ? { Item: item } : {});
    expect(await handler(requestWith({ 'x-api-key': key }))).toEqual({ isAuthorized: false, context: {} });
    expect(database.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it.each([
    ['not a key at all', 'hello'],
    ['a lower-case id', API_KEY.replace(KEY_ID, KEY_ID.toLowerCase())],
    ['a short secret', `fpk_${KEY_ID}_short`],
    ['no prefix', API_KEY.slice(4)],
  ])('is refused without a look-up when malformed: %s', async (_, key) => {
    expect((await handler(requestWith({ 'x-api-key': key }))).isAuthorized).toBe(false);
    expect(database.calls()).toHaveLength(0);
  });
});

describe('nothing', () => {
  it('is refused', async () => {
    expect(await handler(requestWith({}))).toEqual({ isAuthorized: false, context: {} });
  });
});

describe('the caller handlers read', () => {
  it("takes `apiKey` only from the Lambda authorizer's context, never from a user's token", () => {
    const event = { requestContext: { authorizer: { jwt: { claims: { sub: 'u1', 'cognito:groups': '[agency]', apiKey: 'X', 'custom:org_admin': 'true' } } } } };
    expect(callerOf(event as unknown as APIGatewayProxyEventV2)).toEqual({ id: 'u1', roles: ['agency'], orgAdmin: true });
  });
});
