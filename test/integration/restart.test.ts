/** `npm start` twice on one DATA_DIR: DynamoDB Local persists to disk and the first-run data is not written again. */
import { afterAll, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalProduct } from '#infra/local/product';
import { call, signInByPhone } from '#test/support/api-client';

const dataDir = mkdtempSync(join(tmpdir(), 'portal-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function signIn(url: string, phone: string): Promise<string> {
  const token = await signInByPhone({ url }, phone);
  return (await call<{ id: string }>({ url }, 'GET', '/api/me', { token })).body.id;
}

it('keeps accounts, keys and demo sign-ins across a restart', { timeout: 120_000 }, async () => {
  const first = await startLocalProduct({ dataDir, port: 0 });
  let firstId: string;
  let demo: string;
  try {
    expect(first.seeded).toBe(true);
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(true);
    demo = readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8');
    const roles = new Set((JSON.parse(demo) as Array<{ role: string }>).map((a) => a.role));
    expect([...roles].sort()).toEqual(['admin', 'agency', 'landlord', 'migrant', 'officer']);
    firstId = await signIn(first.url, '13700000077');
  } finally {
    await first.close();
  }

  const second = await startLocalProduct({ dataDir, port: 0 });
  try {
    expect(second.seeded).toBe(false);
    expect(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')).toBe(demo);
    expect(second.demoAccounts).toEqual(JSON.parse(demo));
    expect(await signIn(second.url, '13700000077')).toBe(firstId);
    const admin = second.demoAccounts.find((a) => a.role === 'admin')!;
    const signedIn = await call(second, 'POST', '/api/auth/token', { body: { username: admin.username, password: admin.password } });
    expect(signedIn.status).toBe(200);
  } finally {
    await second.close();
  }
});
