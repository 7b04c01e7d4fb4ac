/**
 * The per-client limits of the public routes through the local product: the request after the
 * limit is refused with 429, Retry-After and a translated message; another client (another source
 * address) is still served; the next window serves the client again (the product's clock is moved);
 * a refused permit check is not counted on the permit; every route the table marks `rateLimited`
 * is limited, and no counter holds an address in clear. Limits are set low through their
 * variables, which the in-process product reads on every request.
 */
import { request } from 'node:http';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { routes, type Route } from '#infra/routes';
import { rateLimitVariable, type RateLimitName } from '#shared/api/rate-limits';
import { fillPath } from '#shared/api/route';
import { now } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { permitKey } from '#functions/permit/items';
import { call, type Answer } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { PERMIT_STREETS, overviewOf, permitHolder, verify } from '#test/support/permits';

const LIMITS: Record<RateLimitName, { requests: number; windowSeconds: number }> = {
  verify: { requests: 3, windowSeconds: 60 },
  reference: { requests: 4, windowSeconds: 60 },
};

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
  for (const name of Object.keys(LIMITS) as RateLimitName[]) delete process.env[rateLimitVariable(name)];
});

afterAll(async () => {
  await product?.close();
});

/** Sets the low limits and moves the product's clock to the first second of a window no test has used yet. */
let windowsUsed = 0;
function freshWindow(): void {
  for (const [name, limit] of Object.entries(LIMITS)) process.env[rateLimitVariable(name as RateLimitName)] = `${limit.requests}/${limit.windowSeconds}`;
  const length = 60_000;
  windowsUsed += 1;
  const start = (Math.floor(Date.now() / length) + windowsUsed * 2) * length;
  process.env.CLOCK_OFFSET_MS = String(start + 1000 - Date.now());
}

/** A GET from another loopback address than the tests' own requests: another client to the limiter. */
function callFrom(localAddress: string, path: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: product.port, path, localAddress }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const expectRefused = (answer: Answer<any>, language: 'en' | 'zh-CN') => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(429);
  const seconds = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60, `Retry-After ${answer.headers.get('retry-after')}`).toBe(true);
  expect(answer.body.error.code).toBe('rate_limited');
  expect(answer.body.error.message).toBe(
    language === 'en' ? `Too many requests: try again in ${seconds} seconds` : `请求过于频繁，请 ${seconds} 秒后再试`,
  );
};

describe('GET /api/divisions', () => {
  it('serves a client its limit, then refuses it with Retry-After in its language', async () => {
    freshWindow();
    for (let n = 0; n < LIMITS.reference.requests; n++) expect((await call(product, 'GET', '/api/divisions?parent=11')).status).toBe(200);
    expectRefused(await call(product, 'GET', '/api/divisions?parent=11', { language: 'en' }), 'en');
    expectRefused(await call(product, 'GET', '/api/divisions', { language: 'zh-CN' }), 'zh-CN');
  });

  it('counts each client apart: another address is served while the first is refused', async () => {
    freshWindow();
    for (let n = 0; n < LIMITS.reference.requests; n++) await call(product, 'GET', '/api/divisions');
    expect((await call(product, 'GET', '/api/divisions')).status).toBe(429);
    expect((await callFrom('127.0.0.2', '/api/divisions')).status).toBe(200);
    expect((await callFrom('127.0.0.3', '/api/divisions')).status).toBe(200);
    expect((await call(product, 'GET', '/api/divisions')).status).toBe(429);
  });

  it('serves the client again once the window has passed', async () => {
    freshWindow();
    for (let n = 0; n <= LIMITS.reference.requests; n++) await call(product, 'GET', '/api/divisions');
    const refused = await call(product, 'GET', '/api/divisions');
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    process.env.CLOCK_OFFSET_MS = String(Number(process.env.CLOCK_OFFSET_MS) + (wait - 1) * 1000);
    expect((await call(product, 'GET', '/api/divisions')).status).toBe(429);
    process.env.CLOCK_OFFSET_MS = String(Number(process.env.CLOCK_OFFSET_MS) + 1000);
    expect((await call(product, 'GET', '/api/divisions')).status).toBe(200);
  });

  it('keeps no address in clear: counters are keyed by a keyed hash and expire', async () => {
    freshWindow();
    await call(product, 'GET', '/api/divisions');
    await callFrom('127.0.0.2', '/api/divisions');
    const { Items = [] } = await db().send(new ScanCommand({ TableName: product.tableName, FilterExpression: 'begins_with(pk, :rate)', ExpressionAttributeValues: { ':rate': 'RATE#' } }));
    expect(Items.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(Items);
    for (const address of ['127.0.0.1', '127.0.0.2', '::1', 'ffff']) expect(text).not.toContain(address);
    for (const item of Items) expect(item.pk).toMatch(/^RATE#(reference|verify)#[A-Za-z0-9_-]{43}$/);
    // This window's counters (earlier tests left theirs) go one window after it ends.
    const windowStart = Math.floor(now() / 60_000) * 60;
    const current = Items.filter((item) => item.sk === String(windowStart));
    expect(current).toHaveLength(2);
    for (const item of current) expect(item.ttl).toBe(windowStart + 2 * 60);
  });
});

describe('GET /api/verify/{token}', () => {
  let holder: Awaited<ReturnType<typeof permitHolder>>;
  const verificationsOf = async (permitId: string) =>
    ((await db().send(new GetCommand({ TableName: product.tableName, Key: permitKey(permitId), ConsistentRead: true }))).Item?.verifications as number | undefined) ?? 0;

  beforeAll(async () => {
    holder = await permitHolder(product, PERMIT_STREETS.shenzhen, '2026-05-01');
  });

  it('counts the checks it serves on the permit, and a refused check neither answers nor counts', async () => {
    freshWindow();
    // A token of the moved clock: the card's QR is signed when the permit page is read.
    const overview = await overviewOf(product, holder.migrant);
    const token = overview.body.self.permit!.qr.token;
    const before = await verificationsOf(holder.card.id);
    for (let n = 0; n < LIMITS.verify.requests; n++) expect((await verify(product, token)).body.result).toBe('valid');
    expect(await verificationsOf(holder.card.id)).toBe(before + LIMITS.verify.requests);

    expectRefused(await verify(product, token, 'en'), 'en');
    expectRefused(await verify(product, token, 'zh-CN'), 'zh-CN');
    expect(await verificationsOf(holder.card.id)).toBe(before + LIMITS.verify.requests);
  });

  it('has a limit of its own: reference data used up does not stop a check', async () => {
    freshWindow();
    for (let n = 0; n <= LIMITS.reference.requests; n++) await call(product, 'GET', '/api/policies');
    expect((await call(product, 'GET', '/api/policies')).status).toBe(429);
    const overview = await overviewOf(product, holder.migrant);
    expect((await verify(product, overview.body.self.permit!.qr.token)).status).toBe(200);
  });
});

describe('every route the table marks rateLimited', () => {
  const limited = routes.filter((route) => route.rateLimited);

  it('covers permit verification, divisions and every public policy route', () => {
    const publicReads = routes.filter((r) => r.contract.access === 'public' && /^\/api\/(verify|divisions|policies)(\/|$)/.test(r.contract.path));
    expect(publicReads.map((r) => r.id).sort()).toEqual(['GetPolicy', 'ListDivisions', 'ListPolicies', 'PolicyForDivision', 'VerifyPermit']);
    expect(limited.map((r) => r.id).sort()).toEqual(publicReads.map((r) => r.id).sort());
  });

  it.each(limited.map((route) => [route.id, route] as [string, Route]))('%s answers 429 after its limit', async (_, route) => {
    freshWindow();
    const path = fillPath(route.contract.path, Object.fromEntries([...route.contract.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'x'])));
    const limit = LIMITS[route.rateLimited!].requests;
    const answers: number[] = [];
    for (let n = 0; n <= limit; n++) answers.push((await call(product, route.contract.method, path)).status);
    expect(answers.slice(0, limit)).not.toContain(429);
    expect(answers[limit]).toBe(429);
  });
});
