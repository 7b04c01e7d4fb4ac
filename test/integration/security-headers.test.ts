/**
 * The local server sends the portal's one security header set on every answer (pages, hashed
 * assets, /config.json, API answers and errors), as CloudFront does in AWS, with the camera allowed
 * on the permit check's pages only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '#infra/security-headers';
import { startProduct, type TestProduct } from '#test/support/product';

let product: TestProduct;
let asset: string;

beforeAll(async () => {
  product = await startProduct();
  const shell = await (await fetch(`${product.url}/`)).text();
  asset = /src="(\/assets\/[^"]+\.js)"/.exec(shell)?.[1] ?? '';
  if (!asset) throw new Error('the app shell names no script: build the web app first');
});

afterAll(async () => {
  await product?.close();
});

const NAMES = ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy', 'permissions-policy'] as const;

async function headersOf(path: string, init: RequestInit = {}) {
  const response = await fetch(`${product.url}${path}`, init);
  await response.arrayBuffer();
  return {
    status: response.status,
    set: Object.fromEntries(NAMES.map((name) => [name, response.headers.get(name)])),
    hsts: response.headers.get('strict-transport-security'),
  };
}

describe('every answer of the local server', () => {
  it.each([
    ['the portal shell', () => '/', 200],
    ['a client-side route', () => '/sign-in', 200],
    ["the back office's sign-in", () => '/office/sign-in', 200],
    ['a hashed asset', () => asset, 200],
    ['/config.json', () => '/config.json', 200],
    ['an API answer', () => '/api/health', 200],
    ['an API error', () => '/api/no-such-route', 404],
    ['the public check of a permit token (an API call, not a page)', () => '/api/verify/not-a-token', 400],
  ])('carries the header set with the camera off: %s', async (_, path, status) => {
    const answer = await headersOf(path());
    expect(answer.status).toBe(status);
    expect(answer.set).toEqual(securityHeaders({ camera: false }));
    // Plain HTTP: HSTS is CloudFront's alone.
    expect(answer.hsts).toBeNull();
  });

  it.each(['/verify', '/verify?t=eyJhbGciOiJFUzI1NiJ9.e30.c2ln'])('lets the permit check %s use the camera', async (path) => {
    const answer = await headersOf(path);
    expect(answer.status).toBe(200);
    expect(answer.set).toEqual(securityHeaders({ camera: true }));
    expect(answer.set['permissions-policy']).toMatch(/^camera=\(self\),/);
  });

  it('forbids framing, inline and foreign script and plugins, and keeps every address private', async () => {
    const { set } = await headersOf('/');
    const csp = new Map(set['content-security-policy']!.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')] as const));
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'self'");
    expect(set).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    expect(set['permissions-policy']).toMatch(/^camera=\(\),/);
  });

  it('refuses a body that is too large with the same headers', async () => {
    const answer = await headersOf('/api/auth/otp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ' '.repeat(70_000) });
    expect(answer.status).toBe(413);
    expect(answer.set).toEqual(securityHeaders({ camera: false }));
  });
});
