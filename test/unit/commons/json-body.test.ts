/**
 * The JSON body limits as a Lambda handler enforces them (API Gateway lets 10 MB through): a body
 * over 64 KB, counted in decoded bytes, is refused with 413 and one not declared JSON with 415,
 * each with a translated message, before the route's code runs.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { contract } from '#shared/api/route';
import { httpHandler } from '#functions/commons/http/handler';
import { isJson, JSON_BODY_MAX_BYTES } from '#functions/commons/http/json-body';

const echo = contract({
  method: 'POST',
  path: '/api/echo',
  access: 'public',
  tag: 'test',
  summary: 'Answers with the note it was sent',
  body: z.object({ note: z.string() }),
  response: z.object({ note: z.string() }),
});
const ping = contract({ method: 'POST', path: '/api/ping', access: 'public', tag: 'test', summary: 'Takes no body', response: z.object({ ok: z.literal(true) }) });

let runs = 0;
const echoHandler = httpHandler(echo, async ({ body }) => {
  runs += 1;
  return { note: body.note };
});
const pingHandler = httpHandler(ping, async () => ({ ok: true as const }));

function eventOf(routeKey: string, body: string | undefined, headers: Record<string, string>, isBase64Encoded = false): APIGatewayProxyEventV2 {
  const path = routeKey.split(' ')[1]!;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers,
    ...(body === undefined ? {} : { body }),
    isBase64Encoded,
    requestContext: {
      accountId: 'a',
      apiId: 'a',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  } as APIGatewayProxyEventV2;
}

const context = { functionName: 'Test', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const JSON_TYPE = { 'content-type': 'application/json', 'accept-language': 'en' };

/** `{"note":"x"}` padded with whitespace (still valid JSON) to exactly `size` bytes. */
const noteOfSize = (size: number) => {
  const text = '{"note":"x"}';
  return text + ' '.repeat(size - text.length);
};

async function echoWith(body: string | undefined, headers: Record<string, string> = JSON_TYPE, isBase64Encoded = false) {
  const answer = await echoHandler(eventOf('POST /api/echo', body, headers, isBase64Encoded), context);
  return { status: answer.statusCode, body: JSON.parse(answer.body ?? '{}') as { note?: string; error?: { code: string; message: string } } };
}

describe('the size of a JSON body', () => {
  it('takes a body of exactly 64 KB', async () => {
    expect(JSON_BODY_MAX_BYTES).toBe(64 * 1024);
    expect(await echoWith(noteOfSize(JSON_BODY_MAX_BYTES))).toEqual({ status: 200, body: { note: 'x' } });
  });

  it('refuses a byte more with 413 and a translated message, without running the route', async () => {
    const before = runs;
    const answer = await echoWith(noteOfSize(JSON_BODY_MAX_BYTES + 1));
    expect(answer).toEqual({ status: 413, body: { error: { code: 'payload_too_large', message: 'The request is too large' } } });
    expect(runs).toBe(before);
    const zh = await echoWith(noteOfSize(JSON_BODY_MAX_BYTES + 1), { ...JSON_TYPE, 'accept-language': 'zh-CN' });
    expect(zh.body.error?.message).toBe('上传内容过大');
  });

  it('counts the bytes a character takes in UTF-8, not the characters', async () => {
    const text = `{"note":"${'流'.repeat(22_000)}"}`; // 22,011 characters, 66,011 bytes
    expect((await echoWith(text)).status).toBe(413);
  });

  it('counts a base64-encoded body by its decoded bytes', async () => {
    const fits = Buffer.from(noteOfSize(JSON_BODY_MAX_BYTES)).toString('base64'); // ~87 KB encoded
    expect(await echoWith(fits, JSON_TYPE, true)).toEqual({ status: 200, body: { note: 'x' } });
    const over = Buffer.from(noteOfSize(JSON_BODY_MAX_BYTES + 1)).toString('base64');
    expect((await echoWith(over, JSON_TYPE, true)).status).toBe(413);
  });
});

describe('the type of a JSON body', () => {
  it.each([
    ['text/plain', { 'content-type': 'text/plain', 'accept-language': 'en' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' }],
    ['no content type', { 'accept-language': 'en' }],
  ])('refuses %s with 415 and a translated message', async (_, headers) => {
    const answer = await echoWith('{"note":"x"}', headers);
    expect(answer).toEqual({ status: 415, body: { error: { code: 'unsupported_media_type', message: 'The request body must be sent as JSON' } } });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])('takes %s', async (type) => {
    expect(await echoWith('{"note":"x"}', { 'Content-Type': type })).toEqual({ status: 200, body: { note: 'x' } });
  });

  it('leaves a request without a body to the contract, whatever its headers', async () => {
    const answer = await echoWith(undefined, { 'accept-language': 'en' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('validation_failed');
  });

  it('ignores what is sent to a route whose contract takes no body', async () => {
    const answer = await pingHandler(eventOf('POST /api/ping', 'not json at all', { 'content-type': 'text/plain' }), context);
    expect(answer.statusCode).toBe(200);
  });

  it('reads the media type, not the parameters', () => {
    expect(isJson('application/json ; charset=utf-8')).toBe(true);
    expect(isJson('application/jsonp')).toBe(false);
    expect(isJson('application/vnd.api+json')).toBe(false);
    expect(isJson(undefined)).toBe(false);
  });
});
