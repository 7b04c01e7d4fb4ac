/**
 * fast-check arbitraries for the residence request bodies: payloads the contracts accept, and
 * near misses and garbage made from them. Shared by the schema property tests and the API fuzz test.
 */
import fc from 'fast-check';
import { checkCharacter } from '#shared/residence/citizen-id';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  ETHNICITIES,
  HOUSING_TYPES,
  INTENDED_STAYS,
  PROOF_CONTENT_TYPES,
  PROOF_MAX_BYTES,
  RESIDENCE_REASONS,
  RETURN_REASONS,
  SCHOOL_STATUSES,
} from '#shared/residence/vocabulary';

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));

/** A date between two ISO dates, as `YYYY-MM-DD`. */
export const isoDateBetween = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

export const personName = fc.oneof(
  fc.string({ unit: cjk, minLength: 2, maxLength: 4 }),
  fc.constantFrom('阿依古丽·买买提', 'ئەخمەت تۇرسۇن', 'Li Na', '欧阳娜娜'),
);

export const addressDetail = fc
  .tuple(fc.string({ unit: cjk, minLength: 2, maxLength: 20 }), fc.integer({ min: 1, max: 999 }))
  .map(([street, number]) => `${street}${number}号`);

export const phone = fc.stringMatching(/^1[3-9]\d{9}$/);

/** A valid citizen ID number born between the given dates. */
export const citizenId = (born: { from: string; to: string } = { from: '1940-01-01', to: '2006-01-01' }) =>
  fc
    .tuple(fc.stringMatching(/^[1-9]\d{5}$/), isoDateBetween(born.from, born.to), fc.stringMatching(/^\d{3}$/))
    .map(([division, date, sequence]) => {
      const first17 = `${division}${date.replaceAll('-', '')}${sequence}`;
      return `${first17}${checkCharacter(first17)}`;
    });

export interface Places {
  /** 9-digit street codes declarations may name. */
  streets: fc.Arbitrary<string>;
  /** 6-digit county codes a hukou may name. */
  counties: fc.Arbitrary<string>;
}

export const anyPlaces: Places = {
  streets: fc.stringMatching(/^\d{9}$/),
  counties: fc.stringMatching(/^\d{6}$/),
};

export const validProfile = (places: Places = anyPlaces) =>
  fc.record(
    {
      name: personName,
      citizenId: citizenId(),
      ethnicity: fc.constantFrom(...ETHNICITIES),
      hukou: fc.record({ division: places.counties, detail: addressDetail }),
      education: fc.constantFrom(...EDUCATION_LEVELS),
      employment: fc.constantFrom(...EMPLOYMENT_STATUSES),
      // An optional text is left out or has some text: a blank one is refused.
      employer: fc.string({ unit: cjk, minLength: 1, maxLength: 20 }),
    },
    { requiredKeys: ['name', 'citizenId', 'ethnicity', 'hukou', 'education', 'employment'] },
  );

export const validChild = fc.oneof(
  fc.record({
    name: personName,
    citizenId: citizenId({ from: '2011-01-01', to: '2025-12-31' }),
    schoolStatus: fc.constantFrom(...SCHOOL_STATUSES),
  }),
  fc.record(
    {
      name: personName,
      birthDate: isoDateBetween('2011-01-01', '2025-12-31'),
      sex: fc.constantFrom('male', 'female'),
      schoolStatus: fc.constantFrom(...SCHOOL_STATUSES),
    },
    { requiredKeys: ['name', 'birthDate', 'schoolStatus'] },
  ),
);

export interface DeclarationOptions {
  places?: Places;
  moveIn?: { from: string; to: string };
  /** `proofUploadId`: by default mostly some UUID, which the server may not know. */
  uploadIds?: fc.Arbitrary<string | undefined>;
  /** `changeOf`: by default mostly some reference number, which the server may not know. */
  changeOf?: fc.Arbitrary<string | undefined>;
}

export const validDeclaration = ({
  places = anyPlaces,
  moveIn = { from: '2000-01-01', to: '2030-12-31' },
  uploadIds = fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
  changeOf = fc.option(fc.stringMatching(/^JD\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/), { nil: undefined }),
}: DeclarationOptions = {}) =>
  fc
    .record({
      address: fc.record({ division: places.streets, detail: addressDetail }),
      moveInDate: isoDateBetween(moveIn.from, moveIn.to),
      intendedStay: fc.constantFrom(...INTENDED_STAYS),
      reason: fc.constantFrom(...RESIDENCE_REASONS),
      housing: fc.constantFrom(...HOUSING_TYPES),
      reasonDetail: fc.string({ unit: cjk, minLength: 1, maxLength: 20 }),
      landlordPhone: phone,
      changeOf,
      proofUploadId: uploadIds,
    })
    // Detail and phone are sent when the reason and housing need them, and sometimes anyway.
    .chain((d) =>
      fc.tuple(fc.boolean(), fc.boolean()).map(([extraDetail, extraPhone]) => {
        const { reasonDetail, landlordPhone, changeOf, proofUploadId, ...rest } = d;
        return {
          ...rest,
          ...(d.reason === 'other' || extraDetail ? { reasonDetail } : {}),
          ...(d.housing === 'rented' || extraPhone ? { landlordPhone } : {}),
          ...(changeOf ? { changeOf } : {}),
          ...(proofUploadId ? { proofUploadId } : {}),
        };
      }),
    );

export const validUploadRequest = fc.record({
  purpose: fc.constant('residenceProof' as const),
  fileName: fc.tuple(fc.string({ unit: cjk, minLength: 1, maxLength: 10 }), fc.constantFrom('.jpg', '.png', '.pdf')).map(([n, e]) => `${n}${e}`),
  contentType: fc.constantFrom(...PROOF_CONTENT_TYPES),
  size: fc.integer({ min: 1, max: PROOF_MAX_BYTES }),
});

export const validDecision = fc.oneof(
  fc.record({ decision: fc.constant('verify' as const), note: fc.string({ minLength: 1, maxLength: 100 }).filter((note) => note.trim() !== '') }, { requiredKeys: ['decision'] }),
  fc
    .record({
      decision: fc.constant('return' as const),
      reasons: fc.uniqueArray(fc.constantFrom(...RETURN_REASONS), { minLength: 1 }),
      note: fc.string({ unit: cjk, minLength: 1, maxLength: 50 }),
      version: fc.integer({ min: 1, max: 1000 }),
    }),
);

/* ------------------------------------ near misses and garbage ------------------------------------ */

/** Values of every JSON type and then some: wrong types, unicode, huge and blank strings, odd numbers. */
export const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '𠀀𠀀', 'x'.repeat(100_000), '１１０１０５', '<script>', 'null', '__proto__'),
  fc.constantFrom(0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null, [], {}),
  fc.constantFrom('rented', 'other', 'return', 'verify', '110105001', '110105', '2026-02-30', '11010519491231002X'),
);

const unknownKey = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'status', 'version', 'id', 'pk', 'sk', 'owner', 'registeredAt'),
);

type Json = Record<string, unknown>;

/** A path into a payload: a top-level key, or a key of a nested object. */
function keysOf(value: Json): string[][] {
  return Object.entries(value).flatMap(([key, inner]) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? [[key], ...Object.keys(inner as Json).map((k) => [key, k])]
      : [[key]],
  );
}

function withChange(value: Json, path: string[], change: { kind: 'delete' } | { kind: 'set'; to: unknown }): Json {
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Json = { ...value };
  if (rest.length === 0) {
    if (change.kind === 'delete') delete copy[head];
    else Object.defineProperty(copy, head, { value: change.to, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const inner = copy[head];
  if (inner === null || typeof inner !== 'object') return copy;
  Object.defineProperty(copy, head, { value: withChange(inner as Json, rest, change), enumerable: true, writable: true, configurable: true });
  return copy;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), to: strangeValue }),
  fc.record({ kind: fc.constant('extra' as const), key: unknownKey, to: strangeValue }),
);

/** A valid payload with one to four of its fields deleted, replaced by strange values, or joined by unknown keys. */
export function nearMiss(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([payload, changes]) =>
    changes.reduce<Json>((current, change) => {
      if (change.kind === 'extra') return withChange(current, [change.key], { kind: 'set', to: change.to });
      const paths = keysOf(current);
      if (paths.length === 0) return current;
      const path = paths[change.at % paths.length]!;
      return withChange(current, path, change.kind === 'delete' ? { kind: 'delete' } : { kind: 'set', to: change.to });
    }, payload),
  );
}

/** Anything a client could send as a JSON body, and a few things JSON cannot say. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  strangeValue,
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(unknownKey, strangeValue, { maxKeys: 8 }),
);

/** Valid payloads, near misses and garbage, about a third each. */
export const payloadsAround = (valid: fc.Arbitrary<Json>): fc.Arbitrary<unknown> => fc.oneof(valid, nearMiss(valid), garbage);
