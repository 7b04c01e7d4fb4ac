import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type TestProduct } from '#test/support/product';
import { call, latestCode, signInByPassword, signInByPhone } from '#test/support/api-client';
import { ONE_TIME_CODE, PASSWORD_SIGN_IN } from '#shared/identity/sign-in-rules';

let product: TestProduct;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(async () => {
  delete process.env.CLOCK_OFFSET_MS;
  await product?.close();
});

let nextPhone = 13900000000;
const freshPhone = () => String(++nextPhone);

describe('health and API document', () => {
  it('answers ok once the database answers', async () => {
    const answer = await call(product, 'GET', '/api/health');
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('documents every route of the route table in OpenAPI 3.1', async () => {
    const { routes } = await import('#infra/routes');
    const answer = await call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(product, 'GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    for (const route of routes) {
      expect(answer.body.paths[route.contract.path]?.[route.contract.method.toLowerCase()], route.id).toBeDefined();
    }
  });

  it('answers an unknown API path with a translated 404', async () => {
    const answer = await call(product, 'GET', '/api/nowhere', { language: 'en' });
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'Not found' } } });
  });
});

describe('phone sign-in with a one-time code', () => {
  it('signs a new number up at its first sign-in and keeps the same account after', async () => {
    const phone = freshPhone();
    const first = await signInByPhone(product, phone);
    const me = await call(product, 'GET', '/api/me', { token: first });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ roles: ['resident'], phone, displayName: `${phone.slice(0, 3)}****${phone.slice(-4)}` });

    const again = await signInByPhone(product, phone);
    const meAgain = await call(product, 'GET', '/api/me', { token: again });
    expect(meAgain.body.id).toBe(me.body.id);
  });

  it('creates exactly one account when two first sign-ins of one number race', async () => {
    const phone = freshPhone();
    await call(product, 'POST', '/api/auth/otp', { body: { phone } });
    const code = await latestCode(product, phone);
    // The code is single-use, so race account creation through two codes redeemed at once is not
    // possible; race the creation itself instead.
    const { residentForPhone } = await import('#functions/identity/accounts');
    const accounts = await Promise.all([residentForPhone(phone), residentForPhone(phone), residentForPhone(phone)]);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(1);
    const token = await call<{ token: string }>(product, 'POST', '/api/auth/token', { body: { phone, code } });
    const me = await call(product, 'GET', '/api/me', { token: token.body.token });
    expect(me.body.id).toBe(accounts[0]!.id);
  });

  it('sends the code in the caller’s language', async () => {
    const phone = freshPhone();
    await call(product, 'POST', '/api/auth/otp', { body: { phone }, language: 'en' });
    const [message] = await product.readOutbox(phone);
    expect(message?.text).toMatch(/Your sign-in code is \d{6}\. It expires in 5 minutes/);
  });

  it(`allows ${ONE_TIME_CODE.maxRequestsPerHour} code requests per phone per hour, then refuses clearly`, async () => {
    const phone = freshPhone();
    for (let i = 0; i < ONE_TIME_CODE.maxRequestsPerHour; i++) {
      expect((await call(product, 'POST', '/api/auth/otp', { body: { phone } })).status).toBe(202);
    }
    const refused = await call(product, 'POST', '/api/auth/otp', { body: { phone }, language: 'zh-CN' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('code_rate_limited');
    expect(refused.body.error.message).toMatch(/一小时内获取验证码已达 5 次，请 \d+ 分钟后再试/);
    expect(await product.readOutbox(phone)).toHaveLength(ONE_TIME_CODE.maxRequestsPerHour);

    process.env.CLOCK_OFFSET_MS = String(61 * 60_000);
    try {
      expect((await call(product, 'POST', '/api/auth/otp', { body: { phone } })).status).toBe(202);
    } finally {
      delete process.env.CLOCK_OFFSET_MS;
    }
  });

  it('keeps the hourly limit when many requests for one phone arrive at once', async () => {
    const phone = freshPhone();
    const answers = await Promise.all(Array.from({ length: 12 }, () => call(product, 'POST', '/api/auth/otp', { body: { phone } })));
    const sent = answers.filter((a) => a.status === 202).length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(ONE_TIME_CODE.maxRequestsPerHour);
    expect(answers.every((a) => a.status === 202 || a.status === 429)).toBe(true);
    expect(await product.readOutbox(phone)).toHaveLength(sent);
  });

  it(`locks a code after ${ONE_TIME_CODE.maxWrongAttempts} wrong attempts, even against the right code`, async () => {
    const phone = freshPhone();
    await call(product, 'POST', '/api/auth/otp', { body: { phone } });
    const code = await latestCode(product, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i < ONE_TIME_CODE.maxWrongAttempts; i++) {
      const answer = await call(product, 'POST', '/api/auth/token', { body: { phone, code: wrong }, language: 'en' });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'code_invalid', message: `Wrong code: ${ONE_TIME_CODE.maxWrongAttempts - i} attempts left` });
      expect(answer.body.error.fields).toEqual([{ path: 'code', message: 'Code: not valid' }]);
    }
    const last = await call(product, 'POST', '/api/auth/token', { body: { phone, code: wrong } });
    expect(last).toMatchObject({ status: 429, body: { error: { code: 'code_attempts_exhausted' } } });
    const right = await call(product, 'POST', '/api/auth/token', { body: { phone, code } });
    expect(right).toMatchObject({ status: 429, body: { error: { code: 'code_attempts_exhausted' } } });
  });

  it('accepts a code once only', async () => {
    const phone = freshPhone();
    await call(product, 'POST', '/api/auth/otp', { body: { phone } });
    const code = await latestCode(product, phone);
    expect((await call(product, 'POST', '/api/auth/token', { body: { phone, code } })).status).toBe(200);
    const reused = await call(product, 'POST', '/api/auth/token', { body: { phone, code } });
    expect(reused).toMatchObject({ status: 400, body: { error: { code: 'code_expired' } } });
  });

  it(`refuses a code older than ${ONE_TIME_CODE.validForSeconds / 60} minutes`, async () => {
    const phone = freshPhone();
    await call(product, 'POST', '/api/auth/otp', { body: { phone } });
    const code = await latestCode(product, phone);
    process.env.CLOCK_OFFSET_MS = String(ONE_TIME_CODE.validForSeconds * 1000 + 1000);
    try {
      const late = await call(product, 'POST', '/api/auth/token', { body: { phone, code }, language: 'ug' });
      expect(late.status).toBe(400);
      expect(late.body.error.code).toBe('code_expired');
      expect(late.body.error.message).toBe('دەلىللەش نومۇرىنىڭ ۋاقتى ئۆتتى، قايتا ئېلىڭ');
    } finally {
      delete process.env.CLOCK_OFFSET_MS;
    }
  });
});

describe('username and password sign-in', () => {
  it('signs every staff demo account in and reports its station or organisation', async () => {
    for (const account of product.demoAccounts.filter((a) => a.username)) {
      const token = await signInByPassword(product, account.username!, account.password!);
      const me = await call(product, 'GET', '/api/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.username).toBe(account.username);
      if (account.station) expect(me.body.station).toMatchObject({ id: account.station, divisions: account.divisions });
      if (account.org) expect(me.body.org).toMatchObject({ id: account.org });
    }
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const officer = product.demoAccounts.find((a) => a.role === 'officer')!;
    const wrong = await call(product, 'POST', '/api/auth/token', { body: { username: officer.username, password: 'not-it' }, language: 'en' });
    const unknown = await call(product, 'POST', '/api/auth/token', { body: { username: 'nobody.here', password: 'not-it' }, language: 'en' });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'bad_credentials', message: 'Wrong username or password' } } });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it(`refuses a username for ${PASSWORD_SIGN_IN.windowMinutes} minutes after ${PASSWORD_SIGN_IN.maxFailures} wrong passwords`, async () => {
    const agency = product.demoAccounts.find((a) => a.role === 'agency')!;
    for (let i = 0; i < PASSWORD_SIGN_IN.maxFailures; i++) {
      const wrong = await call(product, 'POST', '/api/auth/token', { body: { username: agency.username, password: `guess-${i}` } });
      expect(wrong.status).toBe(401);
    }
    const locked = await call(product, 'POST', '/api/auth/token', { body: { username: agency.username, password: agency.password }, language: 'en' });
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'password_attempts_exhausted' } } });
    expect(locked.body.error.message).toBe(`Too many wrong passwords: try again in ${PASSWORD_SIGN_IN.windowMinutes} minutes`);

    process.env.CLOCK_OFFSET_MS = String((PASSWORD_SIGN_IN.windowMinutes + 1) * 60_000);
    try {
      expect((await call(product, 'POST', '/api/auth/token', { body: { username: agency.username, password: agency.password } })).status).toBe(200);
      // A success clears the count: one more wrong password does not lock again.
      await call(product, 'POST', '/api/auth/token', { body: { username: agency.username, password: 'one-slip' } });
      expect((await call(product, 'POST', '/api/auth/token', { body: { username: agency.username, password: agency.password } })).status).toBe(200);
    } finally {
      delete process.env.CLOCK_OFFSET_MS;
    }
  });

  it('stores passwords only as slow hashes', async () => {
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { db } = await import('#functions/commons/dynamo');
    const admin = product.demoAccounts.find((a) => a.role === 'admin')!;
    const token = await signInByPassword(product, admin.username!, admin.password!);
    const me = await call(product, 'GET', '/api/me', { token });
    const { Item } = await db().send(new GetCommand({ TableName: product.tableName, Key: { pk: `ACCOUNT#${me.body.id}`, sk: 'ACCOUNT' } }));
    expect(Item?.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(Item)).not.toContain(admin.password);
  });
});

describe('bad input', () => {
  it.each([
    ['zh-CN', '提交的内容有误，请检查标出的项目', '手机号：请输入 11 位中国大陆手机号'],
    ['en', 'Some answers need correcting: see the marked fields', 'Phone number: enter an 11-digit mainland China mobile number'],
    ['ug', 'بەزى جاۋابلارنى تۈزىتىش كېرەك، بەلگە قويۇلغان تۈرلەرنى تەكشۈرۈڭ', 'تېلېفون نومۇرى: 11 خانىلىق جۇڭگو قۇرۇقلۇق يانفون نومۇرىنى كىرگۈزۈڭ'],
  ])('names the field in %s', async (language, message, field) => {
    const answer = await call(product, 'POST', '/api/auth/otp', { body: { phone: '12345' }, language });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'validation_failed', message, fields: [{ path: 'phone', message: field }] });
  });

  it('reports missing fields and a mixed sign-in', async () => {
    const missing = await call(product, 'POST', '/api/auth/token', { body: { phone: '13800000001' }, language: 'en' });
    expect(missing.body.error.fields).toEqual([{ path: 'code', message: 'Code: required' }]);
    const mixed = await call(product, 'POST', '/api/auth/token', { body: { phone: '13800000001', password: 'x' }, language: 'en' });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.fields[0].message).toContain('sign in with a phone number and code');
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await call(product, 'POST', '/api/auth/otp', { rawBody: '{"phone":', language: 'en' });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
  });

  it('writes nothing for a refused request', async () => {
    const phone = freshPhone();
    await call(product, 'POST', '/api/auth/token', { body: { phone, code: '123456' } });
    expect(await product.readOutbox(phone)).toEqual([]);
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { db } = await import('#functions/commons/dynamo');
    const { keyedHash } = await import('#functions/commons/pii');
    const { Item } = await db().send(
      new GetCommand({ TableName: product.tableName, Key: { pk: `PHONE#${await keyedHash('phone', phone)}`, sk: 'PHONE' } }),
    );
    expect(Item).toBeUndefined();
  });
});
