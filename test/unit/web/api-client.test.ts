import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';
import { me, outbox, requestCode } from '#shared/api/identity';
import { createCall, type ApiClientOptions } from '../../../web/src/api/client.ts';
import { ApiError, apiErrorFromBody } from '../../../web/src/api/errors.ts';
import { formErrors } from '../../../web/src/api/form-errors.ts';
import { createTestI18n, readTranslations } from './i18n-fixture.ts';
import { rejection } from './expect-api-error.ts';

let t: TFunction;
beforeAll(async () => {
  t = (await createTestI18n('zh-CN')).t;
});

const errors = () => readTranslations('zh-CN', 'errors') as { codes: Record<string, string>; fields: Record<string, string>; validation: Record<string, string> };
const common = () => readTranslations('zh-CN', 'common') as { error: Record<string, string> };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function client(answer: (url: string, init: RequestInit) => Response | Promise<Response>, options: Partial<ApiClientOptions> = {}) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => answer(String(input), init ?? {}));
  const call = createCall({ fetch, language: () => 'zh-CN', token: () => undefined, t, ...options });
  return { call, fetch };
}


describe('API client: requests', () => {
  it('sends the language, the token and a JSON body, and returns the parsed response', async () => {
    const { call, fetch } = client(() => json(202, { expiresInSeconds: 300 }), { token: () => 'token-1', language: () => 'ug' });
    expect(await call(requestCode, { body: { phone: ' 13800000001 ' } })).toEqual({ expiresInSeconds: 300 });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/auth/otp');
    expect(init!.method).toBe('POST');
    expect(init!.headers).toMatchObject({
      'Accept-Language': 'ug',
      Authorization: 'Bearer token-1',
      'Content-Type': 'application/json',
    });
    // The contract's transforms (trim) apply before sending, as on the server.
    expect(JSON.parse(String(init!.body))).toEqual({ phone: '13800000001' });
  });

  it('puts the query in the URL and leaves out the body and token when there are none', async () => {
    const { call, fetch } = client(() => json(200, { messages: [] }));
    await call(outbox, { query: { phone: '13800000001' } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/dev/outbox?phone=13800000001');
    expect(init!.body).toBeUndefined();
    expect(init!.headers).not.toHaveProperty('Authorization');
  });

  it('checks input against the contract before sending, with translated field messages', async () => {
    const { call, fetch } = client(() => json(202, { expiresInSeconds: 300 }));
    const error = await rejection(call(requestCode, { body: { phone: '12345' } }));
    expect(fetch).not.toHaveBeenCalled();
    expect(error.code).toBe('validation_failed');
    expect(error.fieldMessage('phone')).toBe(errors().validation.phone!.replace('{{field}}', errors().fields.phone!));
  });
  it('sends the extra headers a call passes (an idempotency key), without letting them replace its own', async () => {
    const { call, fetch } = client(() => json(200, { expiresInSeconds: 300 }), { token: () => 'token-1' });
    await call(requestCode, {
      body: { phone: '13800000001' },
      headers: { 'Idempotency-Key': 'key-1', Authorization: 'Bearer forged' },
    });
    const [, init] = fetch.mock.calls[0]!;
    expect(init!.headers).toMatchObject({ 'Idempotency-Key': 'key-1', Authorization: 'Bearer token-1' });
  });
});

describe('API client: errors', () => {
  it('keeps the server message and field messages (already in the user language)', async () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: '提交的内容有误，请检查标出的项目',
        fields: [{ path: 'code', message: '验证码：验证码为 6 位数字' }],
      },
    };
    const { call } = client(() => json(400, body));
    const error = await rejection(call(requestCode, { body: { phone: '13800000001' } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(body.error.message);
    expect(error.fieldMessage('code')).toBe('验证码：验证码为 6 位数字');
    expect(error.fieldMessage('phone')).toBeUndefined();
  });

  it('keeps what the server named for the client to act on (the house already registered)', () => {
    const body = { error: { code: 'house_exists', message: '您已登记过这处房屋，房屋编码为 FW 7KQ3 M9A2', details: { houseId: 'FW7KQ3M9A2' } } };
    const error = apiErrorFromBody(409, body, t);
    expect(error).toMatchObject({ status: 409, code: 'house_exists', message: body.error.message, details: { houseId: 'FW7KQ3M9A2' } });
    expect(apiErrorFromBody(409, { error: { code: 'conflict', message: 'x' } }, t).details).toEqual({});
  });

  it('names the error by status when a gateway answers without our body', async () => {
    const { call } = client(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = await rejection(call(me));
    expect(error.code).toBe('service_unavailable');
    expect(error.message).toBe(errors().codes.service_unavailable);

    expect(apiErrorFromBody(429, { unexpected: true }, t).message).toBe(errors().codes.too_many_requests);
    expect(apiErrorFromBody(500, undefined, t).code).toBe('internal');
  });

  it('reports an unreachable server as a network error in the user language', async () => {
    const { call } = client(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await rejection(call(me));
    expect(error.code).toBe('network');
    expect(error.message).toBe(common().error.network);
  });

  it('rejects a 2xx answer that breaks the contract instead of passing it on', async () => {
    const { call } = client(() => json(200, { id: 42 }));
    const error = await rejection(call(me));
    expect(error.code).toBe('bad_response');
    expect(error.message).toBe(common().error.badResponse);
  });

  it('ends the session on 401 only when the request carried a token', async () => {
    const unauthorized = { error: { code: 'unauthorized', message: '请先登录' } };
    const onUnauthorized = vi.fn();
    const signedIn = client(() => json(401, unauthorized), { token: () => 'expired', onUnauthorized });
    expect((await rejection(signedIn.call(me))).code).toBe('unauthorized');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    const anonymous = client(() => json(401, unauthorized), { onUnauthorized });
    await rejection(anonymous.call(me));
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

describe('form errors', () => {
  it('puts field messages under their fields, and the overall message only when none was marked', () => {
    const withField = new ApiError(400, 'code_invalid', '验证码不正确，还可尝试 4 次', [{ path: 'code', message: '验证码不正确' }]);
    expect(formErrors(withField, ['phone', 'code'], t)).toEqual({ code: '验证码不正确' });

    const general = new ApiError(429, 'code_rate_limited', '请 30 分钟后再试');
    expect(formErrors(general, ['phone', 'code'], t)).toEqual({ form: '请 30 分钟后再试' });

    expect(formErrors(new Error('boom'), ['phone'], t)).toEqual({ form: errors().codes.internal });
  });
});
