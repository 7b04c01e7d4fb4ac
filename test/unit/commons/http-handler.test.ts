/** Faults from DynamoDB, injected with aws-sdk-client-mock, become the right HTTP answers and leak nothing. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

const database = mockClient(DynamoDBDocumentClient);

beforeAll(() => {
  process.env.TABLE_NAME = 'unit';
  process.env.AWS_REGION = 'local';
});
afterEach(() => database.reset());

function eventFor(claims?: Record<string, string>, language = 'en'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /api/me',
    rawPath: '/api/me',
    rawQueryString: '',
    headers: { 'accept-language': language },
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'GET', path: '/api/me', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: 'GET /api/me',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      accountId: 'a',
      apiId: 'a',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

const context = { functionName: 'Me', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const resident = { sub: 'u1', 'cognito:groups': '[resident]' };

async function me(event: APIGatewayProxyEventV2) {
  const { handler } = await import('#functions/identity/me');
  const result = await handler(event, context);
  return { ...result, body: JSON.parse(result.body ?? '{}') };
}

describe('the error mapper', () => {
  it('answers a throttled database with a retryable 503', async () => {
    database.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const result = await me(eventFor(resident));
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(result.body.error).toEqual({ code: 'service_unavailable', message: 'The service is busy: try again shortly' });
  });

  it('answers a lost conditional write with 409', async () => {
    database.on(GetCommand).rejects(new ConditionalCheckFailedException({ message: 'condition', $metadata: {} }));
    const result = await me(eventFor(resident, 'zh-CN'));
    expect(result.statusCode).toBe(409);
    expect(result.body.error.message).toBe('数据已被修改，请刷新后重试');
  });

  it.each([
    ['ThrottlingError', 503],
    ['ConditionalCheckFailed', 409],
  ])('reads a cancelled transaction whose item failed with %s as %i', async (code, status) => {
    database.on(GetCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: code }] }),
    );
    expect((await me(eventFor(resident))).statusCode).toBe(status);
  });

  it('hides an unexpected error behind a 500 without its message', async () => {
    database.on(GetCommand).rejects(new Error('internal detail 110101199001011234'));
    const result = await me(eventFor(resident));
    expect(result.statusCode).toBe(500);
    expect(JSON.stringify(result)).not.toContain('internal detail');
    expect(result.body.error.code).toBe('internal');
  });
});

describe('authorisation inside the handler', () => {
  it('refuses a call with no verified claims', async () => {
    const result = await me(eventFor(undefined));
    expect(result.statusCode).toBe(401);
    expect(database.calls()).toHaveLength(0);
  });

  it('refuses a caller in none of the allowed groups', async () => {
    const result = await me(eventFor({ sub: 'u1', 'cognito:groups': '[visitor]' }));
    expect(result.statusCode).toBe(403);
    expect(database.calls()).toHaveLength(0);
  });

  it('answers from the token when no profile is stored yet', async () => {
    database.on(GetCommand).resolves({});
    const result = await me(eventFor({ sub: 'u2', 'cognito:groups': '[officer admin]' }));
    expect(result.statusCode).toBe(200);
    expect(result.body).toEqual({ id: 'u2', roles: ['officer', 'admin'], displayName: 'u2' });
  });
});
