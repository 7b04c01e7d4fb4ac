/**
 * Values a route's contract accepts, generated from the contract itself, so a new route is fuzzed
 * without a line written for it: its zod schema is described as JSON Schema (zod's own portable
 * description) and walked into fast-check arbitraries. What a schema cannot say — a checksum, a
 * street some police station serves, a date near today — comes from a hint for the field's name;
 * what only the server knows when the request leaves (the version it holds, an upload the caller
 * made) is a `Live` marker, filled in just before sending.
 */
import fc from 'fast-check';
import * as z from 'zod';
import type { ZodType } from 'zod';
import { creditCodeCheck } from '#shared/agency/organisation';
import { addDays, shanghaiDate } from '#shared/policy/civil-time';
import { REFERENCE_PATTERN } from '#shared/residence/declaration';
import { addressDetail, citizenId, isoDateBetween, personName, phone } from '#test/support/residence-arbitraries';

/** The part of JSON Schema that zod writes for the contracts' request schemas. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

/** The schema as the client must send it (input side: defaults are optional, transforms not yet applied). */
export const describeSchema = (schema: ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A value only the server's state gives at sending time, by name (`version`, `documents`…). */
export class Live {
  constructor(readonly name: string) {}
}

/**
 * Field values by the end of their path (`hukou.division` before `division`; `''` is the whole
 * value); the first that fits wins, so a route's own hints go before the defaults.
 */
export type Hints = ReadonlyArray<readonly [suffix: string, value: fc.Arbitrary<unknown>]>;

const today = shanghaiDate(new Date());

/** Streets of the seeded stations, one per pack: Shenzhen (national), Urumqi (Xinjiang), Datong, Shenyang (Liaoning). */
const STATION_STREETS = ['440304001', '650102002', '140213050', '210102001'] as const;

const creditCode = fc.stringMatching(/^91440304\d{9}$/).map((first17) => `${first17}${creditCodeCheck(first17)}`);

export const DEFAULT_HINTS: Hints = [
  ['hukou.division', fc.constantFrom('110105', '653101', '440304')],
  ['division', fc.constantFrom(...STATION_STREETS)],
  ['detail', addressDetail],
  ['citizenId', citizenId()],
  ['name', personName],
  ['displayName', personName],
  ['phone', phone],
  ['landlordPhone', phone],
  ['birthDate', isoDateBetween('2012-01-01', addDays(today, -30))],
  ['creditCode', creditCode],
  ['holder', fc.constant('self')],
  // Offered only where the pack lets the applicant choose (not the national pack of most subjects).
  ['validityYears', fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 })],
  // A departure is reported at most ten days ahead; a move-out on or before today, after the move-in.
  ['leavingOn', isoDateBetween(today, addDays(today, 9))],
  ['movedOutOn', isoDateBetween(addDays(today, -9), today)],
  ['moveInDate', isoDateBetween(addDays(today, -30), today)],
  // A change of address names a registered declaration of the caller's: mostly none, sometimes one nobody has.
  ['changeOf', fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.stringMatching(REFERENCE_PATTERN), weight: 1 })],
  ['version', fc.constant(new Live('version'))],
  ['documents', fc.constant(new Live('documents'))],
  ['proofUploadId', fc.constant(new Live('proofUploadId'))],
  // A declaration names a house only when rented there: mostly none.
  ['houseCode', fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.constant(new Live('houseCode')), weight: 1 })],
  ['items', fc.constant(new Live('approvals'))],
];

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
const textUnit = fc.oneof({ arbitrary: cjk, weight: 3 }, { arbitrary: fc.constantFrom(...'abcXYZ019 -·'), weight: 1 });
const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';

function hintFor(path: readonly string[], hints: Hints): fc.Arbitrary<unknown> | undefined {
  const dotted = path.filter((part) => part !== '[]').join('.');
  return hints.find(([suffix]) => dotted === suffix || (suffix !== '' && dotted.endsWith(`.${suffix}`)))?.[1];
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10_000;
  if (schema.format === 'uuid') return fc.uuid({ version: 4 });
  // A date-shaped field gets a day that exists, near today (back far enough to be before, ahead enough to be after).
  if (schema.pattern === ISO_DATE) return isoDateBetween(addDays(today, -40), addDays(today, 10));
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
  return fc
    .string({ unit: textUnit, minLength: Math.max(min, 1), maxLength: Math.max(Math.min(max, 24), min, 1) })
    .filter((s) => s.trim().length >= min && s.length <= max);
}

function integerOf(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
  const max = Math.min(schema.maximum ?? min + 1000, min + 1000);
  return fc.integer({ min, max });
}

/**
 * An arbitrary of values the schema describes, with hints by field path. Optional fields come and
 * go; arrays are short; free text is Chinese with some ASCII, within the schema's lengths.
 */
export function valuesOf(schema: JsonSchema, hints: Hints = DEFAULT_HINTS, path: readonly string[] = []): fc.Arbitrary<unknown> {
  const hinted = hintFor(path, hints);
  if (hinted) return hinted;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => valuesOf(choice, hints, path)));
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return integerOf(schema);
    case 'number':
      return fc.oneof(integerOf(schema), fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true }));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 3, Math.max(minLength, 3));
      return fc.array(valuesOf(schema.items ?? {}, hints, [...path, '[]']), { minLength, maxLength });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, inner]) => [key, valuesOf(inner, hints, [...path, key])]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
