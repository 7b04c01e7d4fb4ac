/**
 * The local product on a shared network: DynamoDB Local and the API answer this machine only, and
 * the SMS outbox (one-time codes) answers callers on this machine only, even when HOST opens the
 * server to the network. Tried from the machine's own network address, which is not loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { startLocalProduct, type LocalProduct } from '#infra/local/product';
import { apiGatewayEvent, lambdaContext } from '#infra/local/api-gateway-event';
import { startProduct, type TestProduct } from '#test/support/product';
import { call } from '#test/support/api-client';

/** The first non-internal IPv4 address of this machine, if it has one. */
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;
const noNetwork = networkAddress === undefined;

/** Whether a TCP connection to the address and port is accepted; refusal is the only other outcome expected. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((answer, fail) => {
    const socket = connect({ host, port, timeout: 5_000 });
    socket.once('connect', () => (socket.destroy(), answer(true)));
    socket.once('timeout', () => (socket.destroy(), fail(new Error(`no answer from ${host}:${port} within 5 s`))));
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? answer(false) : fail(error)));
  });
}

const phone = '13912340077';
let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
  expect((await call(product, 'POST', '/api/auth/otp', { body: { phone } })).status).toBe(202);
});
afterAll(async () => product?.close());

describe('by default, from the network', () => {
  // Without a network address there is nothing to connect from but loopback, which must answer.
  it.skipIf(noNetwork)('DynamoDB Local and the API refuse connections to the machine’s network address', async () => {
    const dynamoPort = Number(new URL(inject('dynamoEndpoint')).port);
    expect(await accepts('127.0.0.1', dynamoPort)).toBe(true);
    expect(await accepts('127.0.0.1', product.port)).toBe(true);
    expect(await accepts(networkAddress!, dynamoPort)).toBe(false);
    expect(await accepts(networkAddress!, product.port)).toBe(false);
  });
});

describe('the outbox route, with the caller’s address as the local server takes it from the socket', () => {
  /** The event the local server builds for a request whose socket has this remote address. */
  async function outboxFrom(remoteAddress: string | undefined): Promise<APIGatewayProxyStructuredResultV2> {
    const request = {
      method: 'GET',
      httpVersion: '1.1',
      headers: { 'x-forwarded-for': '127.0.0.1', 'accept-language': 'en' },
      socket: { remoteAddress },
    } as unknown as IncomingMessage;
    const url = new URL(`http://localhost/api/dev/outbox?phone=${phone}`);
    const event = apiGatewayEvent({ request, url, routeKey: 'GET /api/dev/outbox', pathParameters: {}, body: Buffer.alloc(0) });
    const { handler } = await import('#functions/identity/outbox');
    return handler(event, lambdaContext('identity'));
  }

  it.each([
    ['127.0.0.1', 200],
    ['127.8.9.10', 200],
    ['::1', 200],
    ['::ffff:127.0.0.1', 200],
    ['203.0.113.7', 403],
    ['::ffff:192.168.1.20', 403],
    ['fd00::2', 403],
    // A socket already closed has no address: unknown is not local.
    [undefined, 403],
  ])('from %s: %i', async (remoteAddress, status) => {
    const answer = await outboxFrom(remoteAddress);
    expect(answer.statusCode).toBe(status);
    if (status === 403) expect(JSON.parse(answer.body!)).toEqual({ error: { code: 'forbidden', message: 'You are not allowed to do this' } });
    else expect(JSON.parse(answer.body!).messages).toHaveLength(1);
  });
});

// Last: a product started here takes over the process's table and keys for the handlers run in it.
describe('with HOST set to every interface', () => {
  let open: LocalProduct;
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-host-'));
  beforeAll(async () => {
    open = await startLocalProduct({ dataDir, port: 0, host: '0.0.0.0', tableName: `t-${randomUUID()}`, dynamoEndpoint: inject('dynamoEndpoint') });
    expect((await call(open, 'POST', '/api/auth/otp', { body: { phone } })).status).toBe(202);
  });
  afterAll(async () => {
    await open?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(noNetwork)('answers the outbox to this machine and refuses it, translated, to a caller from the network', async () => {
    const path = `/api/dev/outbox?phone=${phone}`;
    const fromHere = await call<{ messages: unknown[] }>({ url: `http://127.0.0.1:${open.port}` }, 'GET', path);
    expect(fromHere.status).toBe(200);
    expect(fromHere.body.messages).toHaveLength(1);

    const fromNetwork = { url: `http://${networkAddress}:${open.port}` };
    // The server is reachable from the network: the refusal is the route's, not the socket's.
    expect((await call(fromNetwork, 'GET', '/api/health')).status).toBe(200);
    // A header a client sets does not make it local.
    const headers = { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1', 'x-real-ip': '127.0.0.1' };
    const refused = await call<{ error: { code: string; message: string } }>(fromNetwork, 'GET', path, { headers, language: 'en' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: 'forbidden', message: 'You are not allowed to do this' });
    expect(JSON.stringify(refused.body)).not.toMatch(/\d{6}/);
    const refusedZh = await call<{ error: { message: string } }>(fromNetwork, 'GET', path, { language: 'zh-CN' });
    expect(refusedZh.body.error.message).toBe('您无权进行此操作');
  });
});
