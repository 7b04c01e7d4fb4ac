/** Logs must never carry personal data (PIPL): run a sign-in with every log level on and read what was written. */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { TestProduct } from '#test/support/product';

let product: TestProduct;
const written: string[] = [];

beforeAll(async () => {
  // Before the logger's module loads, so the handlers log at their most verbose.
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'DEBUG');
  const { startProduct } = await import('#test/support/product');
  product = await startProduct();
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await product?.close();
});

it('never writes a phone number, a code or a password to the logs', async () => {
  const { call, latestCode, signInByPassword } = await import('#test/support/api-client');
  const phone = '13912345678';
  await call(product, 'POST', '/api/auth/otp', { body: { phone } });
  const code = await latestCode(product, phone);
  const wrongCode = String((Number(code) + 500_001) % 1_000_000).padStart(6, '8');
  await call(product, 'POST', '/api/auth/token', { body: { phone, code: wrongCode } });
  const { body } = await call(product, 'POST', '/api/auth/token', { body: { phone, code } });
  await call(product, 'GET', '/api/me', { token: body.token });
  const officer = product.demoAccounts.find((a) => a.role === 'officer')!;
  await signInByPassword(product, officer.username!, officer.password!);
  await call(product, 'POST', '/api/auth/token', { body: { username: officer.username, password: 'wrong-password-123' } });

  const log = written.join('');
  expect(log).toContain('"route":"POST /api/auth/token"');
  expect(log).toContain('"status":401');
  for (const secret of [phone, code, wrongCode, officer.password!, 'wrong-password-123', body.token]) {
    expect(log).not.toContain(secret);
  }
});
