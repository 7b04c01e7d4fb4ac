/**
 * Random request bodies against the real API on DynamoDB Local: valid payloads, near misses and
 * garbage for every body a resident sends. The server must answer each with a success that keeps its
 * contract or a 4xx that says why in the caller's language, never a 5xx, and must store nothing
 * that breaks the contract.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '#shared/api/route';
import { ApiErrorBody } from '#shared/api/errors';
import * as residence from '#shared/api/residence';
import { addDays, shanghaiDate } from '#shared/policy/civil-time';
import { checkCharacter } from '#shared/residence/citizen-id';
import { call, signInByPhone, type Answer } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import {
  anyPlaces,
  payloadsAround,
  validChild,
  validDeclaration,
  validProfile,
  validUploadRequest,
  type Places,
} from '#test/support/residence-arbitraries';

/** Payloads sent to each route (four routes: about 150 in all, plus the raw bodies). */
const RUNS_PER_ROUTE = 38;
const LANGUAGES = ['zh-CN', 'en', 'ug'] as const;

const PHONE = '13900071234';
const first17 = '11010519880412003';
const PROFILE = {
  name: '张伟',
  citizenId: `${first17}${checkCharacter(first17)}`,
  ethnicity: '01',
  hukou: { division: '110105', detail: '朝阳路88号' },
  education: 'bachelor',
  employment: 'employed',
} satisfies residence.ProfileInput;

/** Mostly real streets and counties (some under a station, some not), sometimes random codes. */
const places: Places = {
  streets: fc.oneof(
    { arbitrary: fc.constantFrom('440304001', '440304002', '650102002', '110101001', '110105001'), weight: 4 },
    { arbitrary: anyPlaces.streets, weight: 1 },
  ),
  counties: fc.oneof({ arbitrary: fc.constantFrom('110105', '653101', '440304'), weight: 4 }, { arbitrary: anyPlaces.counties, weight: 1 }),
};

/** Mostly no proof (the national pack asks for none); sometimes an upload id nobody issued. */
const uploadIds = fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.uuid({ version: 4 }), weight: 1 });
/** Mostly a first declaration; sometimes a change of one that does not exist. */
const changeOf = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.stringMatching(/^JD\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/), weight: 1 },
);

let product: TestProduct;
let token: string;
const today = shanghaiDate(new Date());

/** The caller's language decides the messages; a key that leaked untranslated looks like one. */
const UNTRANSLATED = /^(codes|validation|fields|errors)[.:]|\{\{/;

const answered = { success: 0, clientError: 0 };

function expectContractAnswer(contract: ApiContract, answer: Answer, sent: unknown) {
  const context = `${contract.method} ${contract.path} ${answer.status} ← ${JSON.stringify(sent)?.slice(0, 500)}\n→ ${JSON.stringify(answer.body)?.slice(0, 500)}`;
  expect(answer.status, context).toBeLessThan(500);
  if (answer.status < 300) {
    answered.success++;
    expect(answer.status, context).toBe(contract.status ?? 200);
    const parsed = contract.response.safeParse(answer.body);
    expect(parsed.success, `${context}\n${parsed.error?.message}`).toBe(true);
    return;
  }
  answered.clientError++;
  expect(answer.status, context).toBeGreaterThanOrEqual(400);
  const error = ApiErrorBody.safeParse(answer.body);
  expect(error.success, context).toBe(true);
  const { code, message, fields } = error.data!.error;
  expect(code, context).toMatch(/^[a-z_]+$/);
  expect(message.trim(), context).not.toBe('');
  expect(message, context).not.toMatch(UNTRANSLATED);
  if (code === 'validation_failed') expect(fields?.length, context).toBeGreaterThan(0);
  for (const field of fields ?? []) {
    expect(field.path, context).not.toBe('');
    expect(field.message.trim(), context).not.toBe('');
    expect(field.message, context).not.toMatch(UNTRANSLATED);
  }
}

const routes: [string, ApiContract, fc.Arbitrary<Record<string, unknown>>][] = [
  ['declarations', residence.submitDeclaration, validDeclaration({ places, moveIn: { from: addDays(today, -60), to: addDays(today, 3) }, uploadIds, changeOf })],
  ['profile', residence.putProfile, validProfile(places)],
  ['children', residence.addChild, validChild],
  ['uploads', residence.createUpload, validUploadRequest],
];

/** An update names the version it read, as the portal's form does; a payload that set its own keeps it. */
async function withCurrentVersion(payload: unknown): Promise<unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || Object.hasOwn(payload, 'version')) return payload;
  const current = await call<{ version: number }>(product, 'GET', '/api/me/profile', { token });
  return { ...payload, version: current.body.version };
}

beforeAll(async () => {
  product = await startProduct();
  token = await signInByPhone(product, PHONE);
  const saved = await call(product, 'PUT', '/api/me/profile', { token, body: PROFILE });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}, 120_000);

afterAll(async () => {
  await product?.close();
});

describe('random bodies', () => {
  it('a valid declaration is stored and withdrawn (so there is an ended record to check, and room for one from the fuzzing)', async () => {
    const body = {
      address: { division: '440304001', detail: '福华路8号3单元501室' },
      moveInDate: addDays(today, -2),
      intendedStay: 'from6Months',
      reason: 'work',
      housing: 'rented',
      landlordPhone: '13700000000',
    } satisfies residence.DeclarationInput;
    const answer = await call(product, 'POST', '/api/me/declarations', { token, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expectContractAnswer(residence.submitDeclaration, answer, body);
    // One declaration may be in progress at a time: withdrawing it lets a valid random one be stored too.
    const { id, version } = answer.body as residence.Declaration;
    const withdrawn = await call(product, 'POST', `/api/me/declarations/${id}/move-out`, { token, body: { movedOutOn: today, version } });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expectContractAnswer(residence.moveOut, withdrawn, { movedOutOn: today });
  });

  it.each(routes.map(([name, contract, valid]) => [name, contract, valid] as const))(
    '%s: never a 5xx; successes keep the contract; refusals say why, translated',
    async (_, contract, valid) => {
      await fc.assert(
        fc.asyncProperty(payloadsAround(valid), fc.constantFrom(...LANGUAGES), async (payload, language) => {
          const body = contract === residence.putProfile ? await withCurrentVersion(payload) : payload;
          const answer = await call(product, contract.method, contract.path, { token, language, body });
          expectContractAnswer(contract, answer, body);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
    180_000,
  );

  it.each(routes.map(([name, contract]) => [name, contract] as const))('%s: bodies that are not JSON are refused with 400', async (_, contract) => {
    for (const rawBody of ['{', '{"address":', 'undefined', "{'a':1}", '\u0000\u0001', '[1,2', '"unterminated']) {
      const answer = await call(product, contract.method, contract.path, { token, rawBody, language: 'en' });
      expect(answer.status, rawBody).toBe(400);
      expectContractAnswer(contract, answer, rawBody);
    }
  });

  it('sent both kinds of answer, so neither half of the checks above was vacuous', () => {
    expect(answered.success).toBeGreaterThan(10);
    expect(answered.clientError).toBeGreaterThan(10);
  });
});

describe('what was stored', () => {
  it('every declaration of the caller keeps the Declaration contract and its rules', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(product, 'GET', `/api/me/declarations?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const parsed = residence.listDeclarations.response.safeParse(page.body);
      expect(parsed.success, parsed.error?.message).toBe(true);
      ids.push(...parsed.data!.items.map((item) => item.id));
      cursor = parsed.data!.cursor;
    } while (cursor);
    expect(ids.length).toBeGreaterThanOrEqual(1);

    for (const id of ids) {
      const answer = await call(product, 'GET', `/api/me/declarations/${id}`, { token });
      expect(answer.status, id).toBe(200);
      const parsed = residence.Declaration.safeParse(answer.body);
      expect(parsed.success, `${id}: ${parsed.error?.message}`).toBe(true);
      const declaration = parsed.data!;
      expect(declaration.address.division, id).toMatch(/^\d{9}$/);
      if (declaration.housing === 'rented') expect(declaration.landlordPhone, id).toMatch(/^1[3-9]\d{9}$/);
      if (declaration.reason === 'other') expect(declaration.reasonDetail?.trim(), id).toBeTruthy();
      expect(Object.keys(answer.body as object).filter((key) => !(key in residence.Declaration.shape)), id).toEqual([]);
    }
  });

  it('the profile is still one the contract accepts', async () => {
    const answer = await call(product, 'GET', '/api/me/profile', { token });
    expect(answer.status).toBe(200);
    const parsed = residence.Profile.safeParse(answer.body);
    expect(parsed.success, parsed.error?.message).toBe(true);
    expect(parsed.data!.citizenIdMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$|^\d{6}\*{8}\d{3}[\dX]$/);
  });

  it('the children are ones the contract accepts, no more than the maximum', async () => {
    const answer = await call(product, 'GET', '/api/me/children', { token });
    expect(answer.status).toBe(200);
    const parsed = residence.listChildren.response.safeParse(answer.body);
    expect(parsed.success, parsed.error?.message).toBe(true);
    expect(parsed.data!.children.length).toBeLessThanOrEqual(parsed.data!.max);
  });
});
