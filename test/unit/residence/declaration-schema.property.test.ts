/**
 * The request schemas of residence registration and review, fuzzed: whatever a client sends,
 * parsing answers (never throws), and whatever it accepts keeps the rules the handlers rely on.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ChildInput, DeclarationInput, ProfileInput, UploadRequest } from '#shared/api/residence';
import { DecisionInput } from '#shared/api/review';
import { isIsoDate } from '#shared/policy/civil-time';
import { readCitizenId } from '#shared/residence/citizen-id';
import {
  garbage,
  nearMiss,
  payloadsAround,
  validChild,
  validDeclaration,
  validDecision,
  validProfile,
  validUploadRequest,
} from '#test/support/residence-arbitraries';

const RUNS = 400;

const PHONE = /^1[3-9]\d{9}$/;

/** Own keys of a parsed value are a subset of the schema's: `.strict()` let nothing else through. */
function expectOnlyKeys(value: object, allowed: readonly string[]) {
  for (const key of Reflect.ownKeys(value)) expect(allowed).toContain(key);
}

const expectValidCitizenId = (value: string) => {
  expect(value).toBe(value.trim().toUpperCase());
  expect(readCitizenId(value, '9999-12-31').ok).toBe(true);
};

/** Parses without throwing, and if accepted, checks the invariants on what came out. */
function parsesSafely<S extends z.ZodType>(schema: S, input: unknown, invariants: (data: z.output<S>) => void) {
  let result: ReturnType<S['safeParse']> | undefined;
  expect(() => {
    result = schema.safeParse(input) as ReturnType<S['safeParse']>;
  }).not.toThrow();
  if (result?.success) invariants(result.data as z.output<S>);
  else for (const issue of result?.error.issues ?? []) expect(typeof issue.message).toBe('string');
  return result?.success === true;
}

const declarationInvariants = (d: z.output<typeof DeclarationInput>) => {
  expectOnlyKeys(d, [
    'address',
    'moveInDate',
    'intendedStay',
    'reason',
    'reasonDetail',
    'housing',
    'landlordPhone',
    'proofUploadId',
    'changeOf',
  ]);
  expectOnlyKeys(d.address, ['division', 'detail']);
  expect(d.address.division).toMatch(/^\d{9}$/);
  expect(d.address.detail.trim().length).toBeGreaterThanOrEqual(2);
  expect(isIsoDate(d.moveInDate)).toBe(true);
  if (d.housing === 'rented') expect(d.landlordPhone).toMatch(PHONE);
  if (d.landlordPhone !== undefined) expect(d.landlordPhone).toMatch(PHONE);
  if (d.reason === 'other') expect(d.reasonDetail?.trim()).toBeTruthy();
  if (d.changeOf !== undefined) expect(d.changeOf).toMatch(/^JD\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/);
};

const profileInvariants = (p: z.output<typeof ProfileInput>) => {
  expectOnlyKeys(p, ['name', 'citizenId', 'ethnicity', 'hukou', 'education', 'employment', 'employer', 'version']);
  expectOnlyKeys(p.hukou, ['division', 'detail']);
  expectValidCitizenId(p.citizenId);
  expect(p.hukou.division).toMatch(/^\d{6}$/);
  expect(p.name).toBe(p.name.trim());
  expect(p.name.length).toBeGreaterThan(0);
  expect(p.name.length).toBeLessThanOrEqual(40);
  if (p.version !== undefined) expect(Number.isSafeInteger(p.version) && p.version > 0).toBe(true);
};

const childInvariants = (c: z.output<typeof ChildInput>) => {
  expectOnlyKeys(c, ['name', 'citizenId', 'birthDate', 'sex', 'schoolStatus']);
  expect(c.citizenId !== undefined || c.birthDate !== undefined).toBe(true);
  if (c.citizenId !== undefined) expectValidCitizenId(c.citizenId);
  if (c.birthDate !== undefined) expect(isIsoDate(c.birthDate)).toBe(true);
};

const decisionInvariants = (d: z.output<typeof DecisionInput>) => {
  expectOnlyKeys(d, ['decision', 'reasons', 'note', 'version']);
  if (d.decision === 'return') expect(d.reasons.length).toBeGreaterThanOrEqual(1);
  if (d.decision === 'return' && d.reasons.includes('other')) expect(d.note).toBeTruthy();
  if (d.decision === 'verify') expect(d.reasons).toEqual([]);
};

const uploadInvariants = (u: z.output<typeof UploadRequest>) => {
  expectOnlyKeys(u, ['purpose', 'fileName', 'contentType', 'size']);
  expect(Number.isInteger(u.size) && u.size >= 1 && u.size <= 5 * 1024 * 1024).toBe(true);
};

const cases = [
  ['DeclarationInput', DeclarationInput, validDeclaration(), declarationInvariants],
  ['ProfileInput', ProfileInput, validProfile(), profileInvariants],
  ['ChildInput', ChildInput, validChild, childInvariants],
  ['DecisionInput', DecisionInput, validDecision, decisionInvariants],
  ['UploadRequest', UploadRequest, validUploadRequest, uploadInvariants],
] as const;

describe.each(cases)('%s', { timeout: 60_000 }, (_, schema, valid, invariants) => {
  const check = (input: unknown) => parsesSafely(schema as z.ZodType, input, invariants as (data: unknown) => void);

  it('accepts every valid payload, and what it returns keeps the rules', () => {
    fc.assert(
      fc.property(valid, (payload) => {
        expect(check(payload)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every near miss without throwing; what it accepts keeps the rules', () => {
    fc.assert(fc.property(nearMiss(valid as fc.Arbitrary<Record<string, unknown>>), (payload) => void check(payload)), { numRuns: RUNS });
  });

  it('answers garbage without throwing', () => {
    fc.assert(fc.property(garbage, (payload) => void check(payload)), { numRuns: RUNS });
  });

  it('refuses an unknown key next to valid fields', () => {
    fc.assert(
      fc.property(valid, fc.constantFrom('status', 'owner', '__proto__', 'x'), fc.anything(), (payload, key, value) => {
        const extra = { ...payload };
        Object.defineProperty(extra, key, { value, enumerable: true, configurable: true, writable: true });
        expect(schema.safeParse(extra).success).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the rules, refused when broken', { timeout: 60_000 }, () => {
  const declarations = validDeclaration();

  it('a rented home without the landlord’s phone is refused at landlordPhone', () => {
    fc.assert(
      fc.property(declarations, (d) => {
        const { landlordPhone: _, ...rest } = { ...d, housing: 'rented' as const };
        const result = DeclarationInput.safeParse(rest);
        expect(result.success).toBe(false);
        expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('landlordPhone');
      }),
    );
  });

  it('reason "other" without a detail (or with only spaces) is refused at reasonDetail', () => {
    fc.assert(
      fc.property(declarations, fc.constantFrom(undefined, '', '   '), (d, detail) => {
        const { reasonDetail: _, ...rest } = { ...d, reason: 'other' as const };
        const result = DeclarationInput.safeParse(detail === undefined ? rest : { ...rest, reasonDetail: detail });
        expect(result.success).toBe(false);
        expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('reasonDetail');
      }),
    );
  });

  it('a street code that is not nine digits is refused', () => {
    fc.assert(
      fc.property(
        declarations,
        fc.oneof(fc.stringMatching(/^(\d{0,8}|\d{10,12}|\d{9}\s|\s\d{9}|\d{8}[^\d])$/), fc.string({ maxLength: 12 })).filter((s) => !/^\d{9}$/.test(s)),
        (d, division) => {
          expect(DeclarationInput.safeParse({ ...d, address: { ...d.address, division } }).success).toBe(false);
        },
      ),
    );
  });

  it('returning without a reason is refused at reasons', () => {
    const result = DecisionInput.safeParse({ decision: 'return', reasons: [] });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['reasons']);
    expect(DecisionInput.safeParse({ decision: 'return' }).success).toBe(false);
  });

  it('a profile whose ID number fails its check character is refused at citizenId', () => {
    fc.assert(
      fc.property(validProfile(), fc.integer({ min: 1, max: 10 }), (p, shift) => {
        const chars = '0123456789X';
        const last = chars[(chars.indexOf(p.citizenId[17]!) + shift) % 11]!;
        const result = ProfileInput.safeParse({ ...p, citizenId: `${p.citizenId.slice(0, 17)}${last}` });
        expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['citizenId']);
      }),
    );
  });

  it('a child with neither ID number nor birth date is refused', () => {
    expect(ChildInput.safeParse({ name: '小明', schoolStatus: 'primary' }).success).toBe(false);
  });

  it('payloads around the valid ones are sometimes accepted and sometimes not (the fuzzing is not one-sided)', () => {
    const outcomes = fc.sample(payloadsAround(validDeclaration()), { numRuns: 300, seed: 7 }).map((p) => DeclarationInput.safeParse(p).success);
    expect(outcomes.filter(Boolean).length).toBeGreaterThan(30);
    expect(outcomes.filter((ok) => !ok).length).toBeGreaterThan(30);
  });
});
