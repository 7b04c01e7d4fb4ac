/**
 * Tenants for the tenancy suites, through the real API: a tenant's declaration at a house (as the
 * portal sends it after a scan), the caller's tenancies, the answer to a landlord's report, and the
 * clock moved for the hourly referral job.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { TenantTenancy } from '#shared/api/landlord';
import type { DeclarationInput } from '#shared/api/residence';
import { call, signInByPhone } from '#test/support/api-client';
import { newLandlord, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { declare, type Migrant, type OrError } from '#test/integration/review/migrants';

/** The file's product and a landlord in it, once `startForFile` has run its `beforeAll`. */
export let product: TestProduct;
export let landlord: Landlord;

/** Starts the product and a landlord before the file's tests; closes it (and puts the clock back) after them. */
export function startForFile(): void {
  beforeAll(async () => {
    product = await startProduct();
    landlord = await newLandlord(product);
  });
  afterAll(async () => {
    delete process.env.CLOCK_OFFSET_MS;
    await product?.close();
  });
}

/** Today in Shanghai by the product's clock (which the suites move). */
export const today = () => new Date(Date.now() + Number(process.env.CLOCK_OFFSET_MS ?? 0) + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** Moves the product's clock `ms` further on. */
export function moveClock(ms: number): void {
  process.env.CLOCK_OFFSET_MS = String(Number(process.env.CLOCK_OFFSET_MS ?? 0) + ms);
}

export const DAY_MS = 24 * 3600 * 1000;

/** A declaration at the house with `houseId` (at its street), as the portal sends it after the scan. */
export async function declareAtHouse(product: TestProduct, tenant: Migrant, houseId: string, street: string, extra: Partial<DeclarationInput> = {}) {
  const declared = await declare(product, tenant, street, today(), { houseCode: houseId, housing: 'rented', landlordPhone: undefined, ...extra });
  const read = await call(product, 'GET', `/api/me/declarations/${declared.id}`, { token: tenant.token });
  expect(read.status).toBe(200);
  return { id: declared.id, tenancyId: read.body.tenancyId as string, declaration: read.body };
}

export const tenanciesOf = async (product: TestProduct, token: string) => {
  const answer = await call<{ items: TenantTenancy[] }>(product, 'GET', '/api/me/tenancies', { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.items;
};

/** The tenant's answer to a landlord's report (confirm: staying a year, for work). */
export const answer = (product: TestProduct, token: string, tenancyId: string, version: number, decision: 'confirm' | 'decline' = 'confirm') =>
  call<OrError<TenantTenancy>>(product, 'POST', `/api/me/tenancies/${tenancyId}/confirmation`, {
    token,
    language: 'en',
    body: decision === 'confirm' ? { decision, intendedStay: 'from1Year', reason: 'work', version } : { decision, version },
  });

export const declarationsOf = async (product: TestProduct, token: string) =>
  (await call(product, 'GET', '/api/me/declarations', { token })).body.items as Array<{ id: string; status: string }>;

export const messagesOf = async (product: TestProduct, token: string) =>
  (await call(product, 'GET', '/api/me/messages?limit=50', { token, language: 'en' })).body.items as Array<{
    kind: string;
    title: string;
    body: string;
    declarationId?: string;
    tenancyId?: string;
    houseId?: string;
  }>;

/** A person who signs in with `phone` for the first time: an account, no profile yet. */
export async function signedInAs(product: TestProduct, phone: string) {
  const token = await signInByPhone(product, phone);
  const me = await call<{ id: string }>(product, 'GET', '/api/me', { token });
  return { token, phone, accountId: me.body.id };
}
