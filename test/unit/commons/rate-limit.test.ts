/**
 * The per-client limit of public routes: the window and the counter's key a request falls in, the
 * address a client is counted by (the viewer's only when CloudFront vouches for it), the setting,
 * and what the limiter does with each answer of the counter write (DynamoDB mocked).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { EDGE_HEADERS, ORIGIN_SECRET_VARIABLE, parseRateLimit, RATE_LIMIT_DEFAULTS } from '#shared/api/rate-limits';
import { addressBlock, clientAddress, rateCounterKey, rateLimited, rateLimitOf, rateWindow } from '#functions/commons/http/rate-limit';

const database = mockClient(DynamoDBDocumentClient);

beforeAll(() => {
  Object.assign(process.env, { TABLE_NAME: 'unit', AWS_REGION: 'local', PII_HASH_KEY: Buffer.from('unit-test-key').toString('base64') });
});
afterEach(() => {
  database.reset();
  delete process.env.RATE_LIMIT_VERIFY;
  delete process.env[ORIGIN_SECRET_VARIABLE];
});

const MINUTE = { requests: 60, windowSeconds: 60 };
const at = (iso: string) => Date.parse(iso);

describe('rateWindow', () => {
  it.each([
    ['the first millisecond of a minute', '2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z', 60],
    ['the middle of a minute', '2026-03-01T08:00:42.500Z', '2026-03-01T08:00:00.000Z', 18],
    ['the last millisecond of a minute', '2026-03-01T08:00:59.999Z', '2026-03-01T08:00:00.000Z', 1],
  ])('puts %s in the minute it starts, with the seconds left as Retry-After', (_, instant, start, retryAfter) => {
    const window = rateWindow(MINUTE, at(instant));
    expect(window).toEqual({
      startMs: at(start),
      endMs: at(start) + 60_000,
      retryAfterSeconds: retryAfter,
      // One window after it ends: a counter outlives its window, never a whole day.
      expiresAt: (at(start) + 120_000) / 1000,
    });
  });

  it('aligns longer windows to multiples of their length', () => {
    const quarter = { requests: 100, windowSeconds: 900 };
    expect(rateWindow(quarter, at('2026-03-01T08:14:59.000Z')).startMs).toBe(at('2026-03-01T08:00:00.000Z'));
    expect(rateWindow(quarter, at('2026-03-01T08:15:00.000Z')).startMs).toBe(at('2026-03-01T08:15:00.000Z'));
  });
});

describe('rateCounterKey', () => {
  it('keys a counter by group, client and window: the same within a window, another in the next', () => {
    const key = (iso: string, name: 'verify' | 'reference' = 'verify', client = 'hash-a') => rateCounterKey(name, client, rateWindow(MINUTE, at(iso)));
    expect(key('2026-03-01T08:00:01Z')).toEqual({ pk: 'RATE#verify#hash-a', sk: String(at('2026-03-01T08:00:00Z') / 1000) });
    expect(key('2026-03-01T08:00:59Z')).toEqual(key('2026-03-01T08:00:01Z'));
    expect(key('2026-03-01T08:01:00Z')).not.toEqual(key('2026-03-01T08:00:59Z'));
    expect(key('2026-03-01T08:00:01Z', 'reference')).not.toEqual(key('2026-03-01T08:00:01Z'));
    expect(key('2026-03-01T08:00:01Z', 'verify', 'hash-b')).not.toEqual(key('2026-03-01T08:00:01Z'));
  });
});

describe('addressBlock', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:0:1::7', '2001:db8:0:1::/64'],
    ['2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd', '2001:db8:0:1::/64'],
    ['2001:DB8:0:1:0:0:0:1', '2001:db8:0:1::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
    ['', 'unknown'],
    ['not an address', 'unknown'],
    ['999.0.0.1', 'unknown'],
  ])('counts %j as %j', (address, block) => {
    expect(addressBlock(address)).toBe(block);
  });
});

function eventFrom(sourceIp: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /api/verify/{token}',
    rawPath: '/api/verify/x',
    rawQueryString: '',
    headers,
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'GET', path: '/api/verify/x', protocol: 'HTTP/1.1', sourceIp, userAgent: 'test' },
      requestId: 'r',
      routeKey: 'GET /api/verify/{token}',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  } as unknown as APIGatewayProxyEventV2;
}

describe('clientAddress', () => {
  const edge = { [EDGE_HEADERS.viewerAddress]: '198.51.100.9', [EDGE_HEADERS.originSecret]: 'the-origin-secret' };

  it('takes the viewer address CloudFront set when the request carries the origin secret', () => {
    process.env[ORIGIN_SECRET_VARIABLE] = 'the-origin-secret';
    expect(clientAddress(eventFrom('130.176.0.1', edge))).toBe('198.51.100.9');
  });

  it('ignores a viewer address sent with a wrong secret or without one: the connection counts', () => {
    process.env[ORIGIN_SECRET_VARIABLE] = 'the-origin-secret';
    expect(clientAddress(eventFrom('192.0.2.50', { ...edge, [EDGE_HEADERS.originSecret]: 'a-guess' }))).toBe('192.0.2.50');
    expect(clientAddress(eventFrom('192.0.2.50', { [EDGE_HEADERS.viewerAddress]: '198.51.100.9' }))).toBe('192.0.2.50');
  });

  it('ignores the headers altogether where no secret is set (the local product)', () => {
    expect(clientAddress(eventFrom('::ffff:127.0.0.1', edge))).toBe('127.0.0.1');
  });
});

describe('the setting', () => {
  it.each([
    ['60/60', { requests: 60, windowSeconds: 60 }],
    [' 120 / 30 ', { requests: 120, windowSeconds: 30 }],
    ['0/60', undefined],
    ['60/0', undefined],
    ['60', undefined],
    ['-1/60', undefined],
    ['1.5/60', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (text, limit) => {
    expect(parseRateLimit(text)).toEqual(limit);
  });

  it('is the variable when it holds a limit, else the default', () => {
    expect(rateLimitOf('verify')).toEqual(RATE_LIMIT_DEFAULTS.verify);
    process.env.RATE_LIMIT_VERIFY = '5/10';
    expect(rateLimitOf('verify')).toEqual({ requests: 5, windowSeconds: 10 });
    process.env.RATE_LIMIT_VERIFY = 'five a minute';
    expect(rateLimitOf('verify')).toEqual(RATE_LIMIT_DEFAULTS.verify);
  });
});

describe('rateLimited', () => {
  let served = 0;
  const route = rateLimited('verify', async () => ({
    handler: async () => {
      served += 1;
      return { statusCode: 200, body: '{}' };
    },
  }));
  const invoke = async (language = 'en') => {
    const { handler } = await route();
    return (await handler!(eventFrom('192.0.2.50', { 'accept-language': language }), {} as Context)) as APIGatewayProxyStructuredResultV2;
  };
  afterEach(() => {
    served = 0;
  });

  it('counts the request with one conditional update of its window, keyed by a hash of the address, then serves it', async () => {
    process.env.RATE_LIMIT_VERIFY = '7/60';
    database.on(UpdateCommand).resolves({});
    expect((await invoke()).statusCode).toBe(200);
    expect(served).toBe(1);
    const [call] = database.commandCalls(UpdateCommand);
    const input = call!.args[0].input;
    expect(input.Key?.pk).toMatch(/^RATE#verify#[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(input)).not.toContain('192.0.2.50');
    expect(input.ConditionExpression).toBe('attribute_not_exists(#requests) OR #requests < :limit');
    expect(input.ExpressionAttributeValues).toMatchObject({ ':one': 1, ':limit': 7 });
  });

  it('refuses without calling the handler when the window is used up: 429, Retry-After and a translated message', async () => {
    database.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const english = await invoke('en');
    expect(english.statusCode).toBe(429);
    const seconds = Number(english.headers?.['retry-after']);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(JSON.parse(english.body!)).toEqual({ error: { code: 'rate_limited', message: `Too many requests: try again in ${seconds} seconds` } });
    const chinese = await invoke('zh-CN');
    expect(JSON.parse(chinese.body!).error.message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    expect(served).toBe(0);
  });

  it('serves the request when the counter write is throttled, rather than failing the public page', async () => {
    database.on(UpdateCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    expect((await invoke()).statusCode).toBe(200);
    expect(served).toBe(1);
  });

  it('answers any other failure of the counter as the error mapper does, without serving', async () => {
    database.on(UpdateCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const answer = await invoke();
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(answer.body!).error.code).toBe('internal');
    expect(served).toBe(0);
  });
});
