/**
 * What a checker is given and what the QR code holds: the claims carry no personal data, the link
 * opens the public page with the token, a scanned text yields the token back, names are masked, and
 * the link's origin is the site's, never a fixed host.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenFromText, VerificationClaims, verificationLink } from '#shared/permit/token';
import { siteOrigin } from '#functions/permit/card';
import { maskName } from '#functions/permit/verification';

const event = (headers: Record<string, string>) => ({ headers, requestContext: { domainName: 'abc123.execute-api.cn-north-1.amazonaws.com.cn' } }) as unknown as APIGatewayProxyEventV2;

afterEach(() => {
  delete process.env.SITE_ORIGIN;
});

describe('the QR link', () => {
  it('round-trips any compact JWS through the link and back, from a scan or a paste', () => {
    const part = fc.stringMatching(/^[\w-]{1,80}$/);
    fc.assert(
      fc.property(part, part, part, (h, p, s) => {
        const token = `${h}.${p}.${s}`;
        const link = verificationLink('https://portal.example.cn', token);
        expect(link.startsWith('https://portal.example.cn/verify?t=')).toBe(true);
        expect(tokenFromText(link)).toBe(token);
        expect(tokenFromText(`  ${token}\n`)).toBe(token);
      }),
    );
  });

  it('finds no token in other text', () => {
    expect(tokenFromText('https://portal.example.cn/verify')).toBeUndefined();
    expect(tokenFromText('hello world')).toBeUndefined();
  });
});

describe('the claims', () => {
  it('need the permit, number, status, city and photo reference, and nothing personal', () => {
    const claims = { pid: 'p1', num: '4403-2026-ABCDEF', st: 'valid', city: '4403', ph: 'u1' };
    expect(VerificationClaims.safeParse(claims).success).toBe(true);
    expect(VerificationClaims.safeParse({ ...claims, city: '440304' }).success).toBe(false);
    expect(VerificationClaims.safeParse({ ...claims, st: 'revoked' }).success).toBe(false);
    expect(VerificationClaims.safeParse({ ...claims, ph: '' }).success).toBe(false);
  });
});

describe('maskName', () => {
  it('keeps the first character and masks the rest, at least one', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('阿依古丽')).toBe('阿***');
    expect(maskName('王')).toBe('王*');
    // Characters outside the BMP count as one.
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });

  it('never shows more than the first character', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 20, unit: 'grapheme-ascii' }), (name) => {
        const masked = maskName(name);
        expect(masked.slice(1)).toMatch(/^\*+$/);
        expect(masked[0]).toBe(name[0]);
      }),
    );
  });
});

describe('siteOrigin', () => {
  it('is the configured site origin where the stack sets one', () => {
    process.env.SITE_ORIGIN = 'https://d111111abcdef8.cloudfront.net/';
    expect(siteOrigin(event({ host: 'abc123.execute-api.cn-north-1.amazonaws.com.cn' }))).toBe('https://d111111abcdef8.cloudfront.net');
  });

  it('is the host the browser used otherwise: plain HTTP only on the local machine', () => {
    expect(siteOrigin(event({ host: 'localhost:5173' }))).toBe('http://localhost:5173');
    expect(siteOrigin(event({ Host: '127.0.0.1:8080' }))).toBe('http://127.0.0.1:8080');
    expect(siteOrigin(event({ host: 'portal.example.cn' }))).toBe('https://portal.example.cn');
    expect(siteOrigin(event({ host: 'internal:3000', 'x-forwarded-host': 'portal.example.cn, proxy', 'x-forwarded-proto': 'https' }))).toBe('https://portal.example.cn');
  });
});
