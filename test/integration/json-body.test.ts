/**
 * Request bodies at the local server: a JSON route's body is refused with 413 as soon as it passes
 * 64 KB, from its declared length or as its bytes arrive, without the server holding what was sent;
 * a body not declared JSON gets 415; the local blob store's PUT, which carries a file, keeps its
 * larger limit. Messages are translated.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_BODY_MAX_BYTES } from '#functions/commons/http/json-body';
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

let nextPhone = 13900000000;
const freshPhone = () => String(++nextPhone);

/** A code request for a new phone, padded with whitespace (still valid JSON) to exactly `size` bytes. */
function codeRequestOfSize(size: number): string {
  const text = JSON.stringify({ phone: freshPhone() });
  return text + ' '.repeat(size - text.length);
}

const postCodeRequest = (body: string, headers: Record<string, string> = {}) =>
  call(product, 'POST', '/api/auth/otp', { rawBody: body, headers, language: headers['accept-language'] ?? 'en' });

/** A POST sent with node's own client, which adds no header it was not given. */
function rawPost(path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${product.url}${path}`, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: response.headers });
      });
    });
    request.on('error', reject);
    if (body === undefined) request.flushHeaders();
    else request.end(body);
  });
}

/** `total` bytes of spaces sent as they are pulled, so the sender never holds more than one chunk. */
function streamedBody(total: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

async function postStreamed(total: number): Promise<number> {
  const response = await fetch(`${product.url}/api/auth/otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: streamedBody(total),
    duplex: 'half',
  } as RequestInit);
  await response.arrayBuffer();
  return response.status;
}

describe('the size of a JSON body', () => {
  it('takes a body of exactly 64 KB', async () => {
    const answer = await postCodeRequest(codeRequestOfSize(JSON_BODY_MAX_BYTES));
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  });

  it('refuses a byte more with 413 and a translated message', async () => {
    const en = await postCodeRequest(codeRequestOfSize(JSON_BODY_MAX_BYTES + 1));
    expect(en).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large', message: 'The request is too large' } } });
    const zh = await postCodeRequest(codeRequestOfSize(JSON_BODY_MAX_BYTES + 1), { 'accept-language': 'zh-CN' });
    expect(zh.body.error.message).toBe('上传内容过大');
    const ug = await postCodeRequest(codeRequestOfSize(JSON_BODY_MAX_BYTES + 1), { 'accept-language': 'ug' });
    expect(ug.body.error.message).toBe('ئىلتىماس بەك چوڭ');
  });

  it('refuses a body whose declared length is over the limit before a byte of it arrives', async () => {
    // Nothing follows the headers: only an answer from the declared length can come.
    const answer = await rawPost('/api/auth/otp', { 'content-type': 'application/json', 'content-length': String(JSON_BODY_MAX_BYTES + 1) });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload_too_large');
    expect(answer.headers.connection).toBe('close');
  });

  it('refuses four parallel 45 MB bodies sent without a length while holding none of them', async () => {
    // Warm-up: the first large body the process handles sizes its buffers.
    expect(await postStreamed(1024 * 1024)).toBe(413);
    const before = process.memoryUsage().rss;
    const statuses = await Promise.all(Array.from({ length: 4 }, () => postStreamed(45 * 1024 * 1024)));
    const grownMb = (process.memoryUsage().rss - before) / (1024 * 1024);
    expect(statuses).toEqual([413, 413, 413, 413]);
    console.info(`memory growth over four 45 MB bodies: ${grownMb.toFixed(1)} MB`);
    expect(grownMb).toBeLessThan(40);
  });
});

describe('the type of a JSON body', () => {
  it('refuses text/plain with 415 and a translated message', async () => {
    const body = JSON.stringify({ phone: freshPhone() });
    const en = await rawPost('/api/auth/otp', { 'content-type': 'text/plain', 'accept-language': 'en' }, body);
    expect(en).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type', message: 'The request body must be sent as JSON' } } });
    const zh = await rawPost('/api/auth/otp', { 'content-type': 'text/plain;charset=UTF-8', 'accept-language': 'zh-CN' }, body);
    expect(zh.body.error.message).toBe('请求内容必须以 JSON 格式发送');
  });

  it('refuses a body with no content type with 415', async () => {
    const answer = await rawPost('/api/auth/otp', { 'accept-language': 'en' }, JSON.stringify({ phone: freshPhone() }));
    expect(answer.status).toBe(415);
  });

  it('takes application/json with a charset', async () => {
    const answer = await rawPost('/api/auth/otp', { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ phone: freshPhone() }));
    expect(answer.status).toBe(202);
  });
});

describe("the local blob store's PUT", () => {
  it('still takes a file larger than a JSON body', async () => {
    const resident = await newResident(product, '71');
    const bytes = fileOf('pdf', 300 * 1024);
    const ticket = await requestUpload(product, resident, 'application/pdf', bytes.length);
    expect(ticket.status).toBe(201);
    expect((await putBytes(product, ticket.body, bytes)).status).toBe(200);
  });
});
