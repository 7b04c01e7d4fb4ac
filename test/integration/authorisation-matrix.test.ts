/**
 * Every route of the route table × every kind of caller. A route added later is covered without
 * touching this file: its contract's access list decides the expected status, and its `apiKey`
 * flag whether an organisation's API key (`X-Api-Key`, no token) is accepted there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#infra/routes';
import { fillPath } from '#shared/api/route';
import { ROLES, type Role } from '#shared/identity/roles';
import { startProduct, type TestProduct } from '#test/support/product';
import { call, craftToken, signInByPassword, signInByPhone } from '#test/support/api-client';
import { createApiKey } from '#test/support/organisations';

let product: TestProduct;
const tokens = new Map<string, string | undefined>();
const apiKeys = new Map<string, string>();

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
  // The demo organisation's administrator makes the keys; one is revoked at once.
  apiKeys.set('API key', (await createApiKey(product, tokens.get('agency')!, 'matrix')).secret);
  const revoked = await createApiKey(product, tokens.get('agency')!, 'matrix, revoked');
  const revocation = await call(product, 'DELETE', `/api/agency/api-keys/${revoked.key.id}`, { token: tokens.get('agency')! });
  if (revocation.status !== 200) throw new Error(`key not revoked: ${revocation.status}`);
  apiKeys.set('revoked API key', revoked.secret);
});

afterAll(async () => {
  await product?.close();
});

const callers = [...ROLES, 'no token', 'expired token', 'token signed by another key', 'token of no group', 'API key', 'revoked API key'] as const;

function expectedFor(route: (typeof routes)[number], caller: (typeof callers)[number]): 'allowed' | 401 | 403 {
  const { access } = route.contract;
  if (access === 'public') return 'allowed';
  if (caller === 'no token' || caller === 'expired token' || caller === 'token signed by another key') return 401;
  if (caller === 'token of no group') return 403;
  // A key stands in for a token only where the route takes one; elsewhere the request has no token.
  if (caller === 'API key') return route.apiKey ? 'allowed' : 401;
  if (caller === 'revoked API key') return 401;
  return access.includes(caller) ? 'allowed' : 403;
}

it('has routes that take an API key and routes that do not, so the key rows above are not vacuous', () => {
  expect(new Set(routes.filter((r) => r.contract.access !== 'public').map((r) => r.apiKey === true))).toEqual(new Set([true, false]));
});

describe.each(routes.map((r) => [`${r.contract.method} ${r.contract.path}`, r] as const))('%s', (_, route) => {
  it.each(callers.map((c) => [c]))('as %s', async (caller) => {
    const path = fillPath(route.contract.path, Object.fromEntries([...route.contract.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'x'])));
    const token = tokens.get(caller);
    const apiKey = apiKeys.get(caller);
    const answer = await call(product, route.contract.method, path, {
      ...(token ? { token } : {}),
      ...(apiKey ? { headers: { 'x-api-key': apiKey } } : {}),
      ...(route.contract.body ? { body: {} } : {}),
    });
    const expected = expectedFor(route, caller);
    if (expected === 'allowed') {
      expect([401, 403], JSON.stringify(answer.body)).not.toContain(answer.status);
      expect(answer.status).toBeLessThan(500);
    } else {
      expect(answer.status, JSON.stringify(answer.body)).toBe(expected);
      expect(answer.body).toMatchObject({ error: { code: expected === 401 ? 'unauthorized' : 'forbidden' } });
    }
  });
});
