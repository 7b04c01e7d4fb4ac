/**
 * Every cloud route reached through the function Lambda runs for it: each function of
 * infra/functions.ts bundled exactly as the stack bundles it (with its data files), imported, and
 * invoked with the API Gateway event of each of its routes, as the signed-in caller the route
 * admits, on this run's DynamoDB Local. Also: a route key a function does not serve is a server
 * error (the stack is wired wrong), and the data files shipped beside a bundle are the ones read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeFunctions } from '#infra/functions';
import { flattenClaims, lambdaContext } from '#infra/local/api-gateway-event';
import { cloudRoutes, type Route } from '#infra/routes';
import { BUNDLE_FILE, bundleFunction } from '#infra/stack/bundling';
import { fillPath, routeKeyOf } from '#shared/api/route';
import type { Role } from '#shared/identity/roles';
import type { Dispatcher } from '#functions/commons/http/dispatcher';
import { signInByPassword, signInByPhone } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';

const functions = routeFunctions(cloudRoutes);
let product: TestProduct;
let bundles: string;
const handlers = new Map<string, Dispatcher>();
const claimsOf = new Map<Role, Record<string, string>>();

const demoRoleOf: Record<Role, string> = { resident: 'migrant', agency: 'agency', officer: 'officer', admin: 'admin' };

beforeAll(async () => {
  product = await startProduct();
  for (const role of Object.keys(demoRoleOf) as Role[]) {
    const account = product.demoAccounts.find((a) => a.role === demoRoleOf[role])!;
    const token = account.phone ? await signInByPhone(product, account.phone) : await signInByPassword(product, account.username!, account.password!);
    claimsOf.set(role, flattenClaims(decodeJwt(token)));
  }
  bundles = mkdtempSync(join(tmpdir(), 'portal-bundles-'));
  for (const fn of functions) {
    const outDir = mkdtempSync(join(bundles, `${fn.id}-`));
    bundleFunction({ name: fn.id, entry: fn.routes }, outDir);
    const bundle = (await import(pathToFileURL(join(outDir, BUNDLE_FILE)).href)) as { handler: Dispatcher };
    handlers.set(fn.id, bundle.handler);
  }
}, 180_000);

afterAll(async () => {
  await product?.close();
  if (bundles) rmSync(bundles, { recursive: true, force: true });
});

/** The event API Gateway sends for `route`, after its authorizer admitted `role` (none on a public route). */
function eventFor(route: Route, role: Role | undefined, options: { path?: string; query?: Record<string, string>; language?: string } = {}): APIGatewayProxyEventV2 {
  const params = Object.fromEntries([...route.contract.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'x']));
  const path = options.path ?? fillPath(route.contract.path, params);
  const routeKey = routeKeyOf(route.contract);
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'accept-language': options.language ?? 'zh-CN', 'content-type': 'application/json' },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    ...(route.contract.body ? { body: '{}' } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: route.contract.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'test',
      routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      ...(role ? { authorizer: { jwt: { claims: claimsOf.get(role)!, scopes: [] } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

const admitted = (route: Route): Role | undefined => (route.contract.access === 'public' ? undefined : route.contract.access[0]);
const invoke = (functionId: string, event: APIGatewayProxyEventV2) =>
  handlers.get(functionId)!(event, lambdaContext(functionId)) as Promise<APIGatewayProxyStructuredResultV2>;
const bodyOf = (answer: APIGatewayProxyStructuredResultV2) => JSON.parse(answer.body ?? '{}') as Record<string, any>;

describe.each(functions.map((fn) => [fn.id, fn] as const))('the %s function', (id, fn) => {
  it('serves exactly its routes', () => {
    expect([...handlers.get(id)!.routeKeys].sort()).toEqual(fn.routes.map((route) => routeKeyOf(route.contract)).sort());
  });

  it.each(fn.routes.map((route) => [routeKeyOf(route.contract), route] as const))('hands %s to its handler', async (_, route) => {
    const answer = await invoke(id, eventFor(route, admitted(route)));
    expect(answer.statusCode, answer.body).toBeLessThan(500);
  });

  it('answers a route it does not serve with a server error, which the API alarms on', async () => {
    const stranger = cloudRoutes.find((route) => !fn.routes.includes(route))!;
    const answer = await invoke(id, eventFor(stranger, admitted(stranger)));
    expect(answer.statusCode).toBe(500);
    expect(bodyOf(answer)).toMatchObject({ error: { code: 'internal' } });
  });
});

describe('the data files beside a bundle', () => {
  const listDivisions = cloudRoutes.find((route) => route.id === 'ListDivisions')!;
  const divisionsFunction = () => functions.find((fn) => fn.routes.includes(listDivisions))!.id;

  it('name the streets of a county (a province file read on demand)', async () => {
    const answer = await invoke(divisionsFunction(), eventFor(listDivisions, undefined, { query: { parent: '110101' } }));
    expect(answer.statusCode, answer.body).toBe(200);
    expect(bodyOf(answer).divisions).toContainEqual(expect.objectContaining({ code: '110101001', name: '东华门街道' }));
  });

  it('translate errors into the caller’s language', async () => {
    const answer = await invoke(divisionsFunction(), eventFor(listDivisions, undefined, { query: { parent: '999999' }, language: 'en' }));
    expect(answer.statusCode).toBe(404);
    expect(bodyOf(answer).error.message).toMatch(/^There is no administrative division with code/);
  });
});
