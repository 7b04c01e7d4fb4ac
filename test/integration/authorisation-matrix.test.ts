/**
 * Every route of the route table × every kind of caller. A route added later is covered without
 * touching this file: its contract's access list decides the expected status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#infra/routes';
import { fillPath } from '#shared/api/route';
import { ROLES, type Role } from '#shared/identity/roles';
import { startProduct, type TestProduct } from '#test/support/product';
import { call, craftToken, signInByPassword, signInByPhone } from '#test/support/api-client';

let product: TestProduct;
const tokens = new Map<string, string | undefined>();

const demoRoleOf: Record<Role, string> = { resident: 'migrant', agency: 'agency', officer: 'officer', admin: 'admin' };

beforeAll(async () => {
  product = await startProduct();
  for (const role of ROLES) {
    const account = product.demoAccounts.find((a) => a.role === demoRoleOf[role])!;
    tokens.set(
      role,
      account.phone ? await signInByPhone(product, account.phone) : await signInByPassword(product, account.username!, account.password!),
    );
  }
  const officerClaims = { sub: 'someone', 'cognito:groups': ['officer', 'admin', 'resident', 'agency'] };
  tokens.set('no token', undefined);
  tokens.set('expired token', await craftToken(product, officerClaims, { expiresAt: Math.floor(Date.now() / 1000) - 60 }));
  tokens.set('token signed by another key', await craftToken(product, officerClaims, { foreignKey: true }));
  tokens.set('token of no group', await craftToken(product, { sub: 'someone', 'cognito:groups': [] }));
});

afterAll(async () => {
  await product?.close();
});

const callers = [...ROLES, 'no token', 'expired token', 'token signed by another key', 'token of no group'] as const;

function expectedFor(access: 'public' | readonly Role[], caller: (typeof callers)[number]): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed';
  if (caller === 'no token' || caller === 'expired token' || caller === 'token signed by another key') return 401;
  if (caller === 'token of no group') return 403;
  return access.includes(caller) ? 'allowed' : 403;
}

describe.each(routes.map((r) => [`${r.contract.method} ${r.contract.path}`, r] as const))('%s', (_, route) => {
  it.each(callers.map((c) => [c]))('as %s', async (caller) => {
    const path = fillPath(route.contract.path, Object.fromEntries([...route.contract.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'x'])));
    const token = tokens.get(caller);
    const answer = await call(product, route.contract.method, path, {
      ...(token ? { token } : {}),
      ...(route.contract.body ? { body: {} } : {}),
    });
    const expected = expectedFor(route.contract.access, caller);
    if (expected === 'allowed') {
      expect([401, 403], JSON.stringify(answer.body)).not.toContain(answer.status);
      expect(answer.status).toBeLessThan(500);
    } else {
      expect(answer.status, JSON.stringify(answer.body)).toBe(expected);
      expect(answer.body).toMatchObject({ error: { code: expected === 401 ? 'unauthorized' : 'forbidden' } });
    }
  });
});
