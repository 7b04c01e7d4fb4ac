/** The electronic permit and its QR code: the card, the signed token, and the public check of it by anyone. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { base64url, decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '#shared/permit/token';
import { addYears } from '#shared/policy/civil-time';
import { db } from '#functions/commons/dynamo';
import { todayInShanghai } from '#functions/commons/clock';
import { permitKey } from '#functions/permit/items';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { PERMIT_STREETS, apply, applicationDocuments, issue, overviewOf, permitHolder, verify } from '#test/support/permits';

let product: TestProduct;
let holder: Awaited<ReturnType<typeof permitHolder>>;

beforeAll(async () => {
  product = await startProduct();
  holder = await permitHolder(product, PERMIT_STREETS.shenzhen, '2026-05-01');
});

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

afterAll(async () => {
  await product?.close();
});

const verificationsOf = async (permitId: string) =>
  ((await db().send(new GetCommand({ TableName: product.tableName, Key: permitKey(permitId), ConsistentRead: true }))).Item?.verifications as number | undefined) ?? 0;

/** The token with its payload replaced and the original signature kept. */
function withPayload(token: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url.encode(JSON.stringify(change(decodeJwt(token))))}.${signature}`;
}

describe('the card', () => {
  it('shows the permit issued today under the national pack: number, city, photo, next endorsement, QR', async () => {
    const { card, migrant } = holder;
    const today = todayInShanghai();
    expect(card).toMatchObject({
      status: 'valid',
      holder: 'self',
      holderName: migrant.name,
      packId: 'national',
      city: '深圳市',
      issuedOn: today,
      yearsFrom: today,
      endorsements: [],
      missedEndorsement: { effect: 'suspended', residenceYears: 'restartAtEndorsement' },
      nextEndorsement: { anniversary: addYears(today, 1), closes: addYears(today, 1), open: false },
      version: 1,
    });
    expect(card.number).toMatch(/^4403-\d{4}-[0-9A-Z]{6}$/);
    expect(card.validUntil).toBeUndefined();
    expect(card.renewBy).toBeUndefined();

    const photo = await fetch(`${product.url}${card.photoUrl}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
  });

  it('carries a short-lived ES256 token with only what a checker needs, inside a link to the public page', async () => {
    const { qr, id, number } = holder.card;
    expect(qr.refreshSeconds).toBe(60);
    expect(Date.parse(qr.expiresAt) - Date.now()).toBeGreaterThan(100_000);
    expect(Date.parse(qr.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    expect(qr.link).toBe(`${product.url}/verify?t=${encodeURIComponent(qr.token)}`);
    expect(decodeProtectedHeader(qr.token).alg).toBe('ES256');
    const claims = decodeJwt(qr.token);
    expect(claims).toMatchObject({ pid: id, num: number, st: 'valid', city: '4403', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'city', 'exp', 'iat', 'iss', 'num', 'ph', 'pid', 'st']);
    expect(String(claims.ph)).not.toContain('/');
    expect(JSON.stringify(claims)).not.toContain(holder.migrant.citizenId);
  });

  it('signs a new token on every read of the page', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await overviewOf(product, holder.migrant);
    expect(again.body.self.permit?.qr.token).not.toBe(holder.card.qr.token);
  });
});

describe('GET /api/verify/{token}', () => {
  it('answers anyone with the live status, the masked name, a photo link and the city, and counts each check', async () => {
    const before = await verificationsOf(holder.card.id);
    const answer = await verify(product, holder.card.qr.token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ result: 'valid', number: holder.card.number, city: '深圳市', holder: { nameMasked: '张*' } });
    expect(answer.body.validUntil).toBeUndefined();
    expect(Date.parse(answer.body.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(answer.body)).not.toContain(holder.migrant.citizenId);
    expect((await fetch(`${product.url}${answer.body.holder.photoUrl}`)).status).toBe(200);

    await verify(product, holder.card.qr.token);
    expect(await verificationsOf(holder.card.id)).toBe(before + 2);
  });

  it('rejects a forged token (another key), an altered one, an unsigned one and a token for another audience', async () => {
    const { token } = holder.card.qr;
    const claims = decodeJwt(token);
    const foreign = (await generateKeyPair('ES256')).privateKey;
    const forged = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'ES256' }).sign(foreign);
    const altered = withPayload(token, (c) => ({ ...c, st: 'valid', num: `${c.num}X` }));
    const extended = withPayload(token, (c) => ({ ...c, exp: Number(c.exp) + 3600 }));
    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${token.split('.')[1]}.`;
    const before = await verificationsOf(holder.card.id);
    for (const bad of [forged, altered, extended, unsigned, 'not-a-token-at-all']) {
      const answer = await verify(product, bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error.code).toBe('verification_token_invalid');
    }
    // A refused token reads nothing and counts nothing.
    expect(await verificationsOf(holder.card.id)).toBe(before);
  });

  it('rejects a token whose two minutes have passed', async () => {
    const { token } = holder.card.qr;
    process.env.CLOCK_OFFSET_MS = String(121_000);
    const answer = await verify(product, token, 'zh-CN');
    expect(answer.status).toBe(410);
    expect(answer.body.error.code).toBe('verification_token_expired');
    expect(answer.body.error.message).toContain('过期');
  });

  it('says "cancelled" for the lost card’s tokens once a replacement is issued', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.shenzhen, '2026-05-01');
    const lost = await apply(product, migrant, { kind: 'replacement', documents: await applicationDocuments(product, migrant) });
    expect(lost.status, JSON.stringify(lost.body)).toBe(201);
    await issue(product, PERMIT_STREETS.shenzhen, lost.body);
    const fresh = (await overviewOf(product, migrant)).body.self.permit!;
    expect(fresh.number).not.toBe(card.number);
    expect((await verify(product, card.qr.token)).body.result).toBe('cancelled');
    expect((await verify(product, fresh.qr.token)).body).toMatchObject({ result: 'valid', number: fresh.number });
  });

  it('says "cancelled" in the very next request after the holder cancels on leaving', async () => {
    const { migrant, card } = await permitHolder(product, PERMIT_STREETS.shenzhen, '2026-05-01');
    expect((await verify(product, card.qr.token)).body.result).toBe('valid');
    const cancelled = await call(product, 'POST', '/api/me/permit/cancellation', {
      token: migrant.token,
      body: { leavingOn: todayInShanghai(), version: card.version },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await verify(product, card.qr.token)).body.result).toBe('cancelled');
  });
});
