/**
 * What an attacker sends instead of a good value: hidden characters, wrong types, huge and empty
 * values, deep nesting, prototype keys and fields the client must never set (with sentinel values
 * a scan of the table looks for afterwards), and bodies that are not JSON at all. A request plan is
 * a good value from the contract with at most one of these put in, or one of these alone.
 */
import fc from 'fast-check';
import { personName } from '#test/support/residence-arbitraries';

/** Marks a value the client may not choose; found anywhere in the table, it was stored. */
export const SENTINEL = 'zzfuzz-sentinel';
/** The sentinel where a number is expected (`version`). */
export const SENTINEL_NUMBER = 31_415_926;

/** Characters that must not be stored: C0 and C1 controls (but tab, LF and CR: a text area keeps line breaks), bidi overrides and isolates, lone surrogates. */
export const HIDDEN_CHARACTER =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const HIDDEN = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ud800', '\udfff'];

/** A value nested `depth` times, written out as JSON text: serialising a value that deep would overflow the test's own stack. */
class Deep {
  constructor(
    readonly shape: 'array' | 'object',
    readonly depth: number,
  ) {}

  text(): string {
    return this.shape === 'array' ? `${'['.repeat(this.depth)}${']'.repeat(this.depth)}` : `${'{"a":'.repeat(this.depth)}1${'}'.repeat(this.depth)}`;
  }
}

const HUGE = 100_000;
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '   ',
    '\t\n\r\n',
    '\u3000',
    '\u0000',
    '\ud800',
    'a\udc00b',
    'invoice\u202efdp.exe',
    '\u202dcode\u202c',
    '\u2066x\u2069',
    'x'.repeat(HUGE),
    '张'.repeat(HUGE),
    '<script>alert(1)</script>',
    '{{constructor.constructor("return 1")()}}',
    '${7*7}',
    '../../../etc/passwd',
    'null',
    '__proto__',
    '１１０１０５',
    '𠀀𠀀',
  ),
  // Good text with one hidden character inside passes length and trim checks: the case that is stored.
  fc.tuple(personName, fc.constantFrom(...HIDDEN), personName).map(([before, hidden, after]) => `${before}${hidden}${after}`),
  fc.string({ unit: anyCodeUnit, minLength: 1, maxLength: 30 }),
);

const wrongType: fc.Arbitrary<unknown> = fc.constantFrom(0, -1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null, [], {}, [null], ['a'], { a: 1 }, '1', 'true');

const manyKeys = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
const hugeOrEmpty: fc.Arbitrary<unknown> = fc.constantFrom('x'.repeat(HUGE), Array.from({ length: 10_000 }, () => 'x'), manyKeys, '', [], {}, 0);

const deep: fc.Arbitrary<Deep> = fc.constantFrom(new Deep('array', 10_000), new Deep('object', 10_000));

/** Keys of JavaScript's object machinery: a merge that honours them pollutes every object. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** Looked for on `Object.prototype` after the run. */
export const POLLUTION_MARK = 'zzfuzzPolluted';
const pollution = { [POLLUTION_MARK]: `${SENTINEL}-proto`, isAdmin: true, roles: ['admin'] };

/** Fields the server sets itself; a client that sends them must not be believed. */
const SERVER_FIELDS = ['status', 'version', 'ownerId', 'accountId', 'id', 'createdAt', 'pk', 'sk', 'gsi1pk', 'role', 'roles', 'stationId', 'orgId', 'registeredAt'] as const;
const sentinelFor = (key: string): unknown =>
  key === 'version' ? SENTINEL_NUMBER : key === 'roles' ? [`${SENTINEL}-roles`] : `${SENTINEL}-${key}`;

/** One change to a good value: a field replaced or removed, or a field added. `at` picks the path when the value is known. */
export type Mutation =
  | { kind: 'set'; at: number; to: unknown; what: string }
  | { kind: 'delete'; at: number; what: string }
  | { kind: 'extra'; key: string; to: unknown; what: string };

const replacement: fc.Arbitrary<{ to: unknown; what: string }> = fc.oneof(
  { arbitrary: hostileString.map((to) => ({ to, what: 'hostile string' })), weight: 5 },
  { arbitrary: wrongType.map((to) => ({ to, what: 'wrong type' })), weight: 3 },
  { arbitrary: hugeOrEmpty.map((to) => ({ to, what: 'huge or empty' })), weight: 2 },
  { arbitrary: deep.map((to) => ({ to, what: `${to.depth}-deep ${to.shape}` })), weight: 1 },
);

export const fieldMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.tuple(fc.nat(), replacement).map(([at, { to, what }]) => ({ kind: 'set' as const, at, to, what })), weight: 4 },
  { arbitrary: fc.nat().map((at) => ({ kind: 'delete' as const, at, what: 'field removed' })), weight: 1 },
);

export const extraField: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.constantFrom(...SERVER_FIELDS).map((key) => ({ kind: 'extra' as const, key, to: sentinelFor(key), what: `extra ${key}` })), weight: 3 },
  {
    arbitrary: fc.constantFrom(...PROTOTYPE_KEYS).map((key) => ({
      kind: 'extra' as const,
      key,
      to: key === 'constructor' ? { prototype: pollution } : pollution,
      what: `extra ${key}`,
    })),
    weight: 2,
  },
);

/** A whole body that is not the object the route takes. */
export const garbage: fc.Arbitrary<{ value: unknown; what: string }> = fc.oneof(
  wrongType.map((value) => ({ value, what: 'wrong type' })),
  hostileString.map((value) => ({ value, what: 'hostile string' })),
  hugeOrEmpty.map((value) => ({ value, what: 'huge or empty' })),
  deep.map((value) => ({ value, what: `${value.depth}-deep ${value.shape}` })),
  fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value, what: 'random JSON' })),
);

/** Bodies a JSON parser must refuse, or accept only with care. */
export const RAW_BODIES: readonly string[] = [
  '{',
  '{"a":',
  'undefined',
  "{'a':1}",
  '[1,2',
  '"unterminated',
  '\u0000\u0001',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '{"size":1e999}',
  '{"version":-0}',
  `{"version":1,"version":"${SENTINEL}-version"}`,
  `{"__proto__":{"${POLLUTION_MARK}":"${SENTINEL}-proto"}}`,
  `{"constructor":{"prototype":{"${POLLUTION_MARK}":"${SENTINEL}-proto"}}}`,
  '{"a":"\\ud800"}',
  new Deep('array', 10_000).text(),
  new Deep('object', 10_000).text(),
  new Deep('array', 100_000).text(),
];

/**
 * JSON text of a value: `Deep` markers become their nesting, and keys such as `__proto__` stay the
 * object's own keys (the value is built with `defineProperty`, so `JSON.stringify` writes them).
 */
export function serialise(value: unknown): string {
  const deeps: Deep[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Deep ? `\u0000deep${deeps.push(inner) - 1}\u0000` : inner)) ?? '';
  return text.replace(/"\\u0000deep(\d+)\\u0000"/g, (_, index: string) => deeps[Number(index)]!.text());
}

type Path = Array<string | number>;

/** Every path into a value: each object key and array index, to `maxDepth`. */
function pathsOf(value: unknown, maxDepth = 4, prefix: Path = []): Path[] {
  if (prefix.length >= maxDepth || value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((inner, i) => [i, inner]) : Object.entries(value);
  return entries.flatMap(([key, inner]) => [[...prefix, key], ...pathsOf(inner, maxDepth, [...prefix, key])]);
}

const own = (target: object, key: string | number, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

function changedAt(value: unknown, path: Path, change: { to: unknown } | 'delete'): unknown {
  if (path.length === 0) return change === 'delete' ? undefined : change.to;
  if (value === null || typeof value !== 'object') return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Record<string | number, unknown>;
  const inner = changedAt(copy[head], rest, change);
  if (rest.length === 0 && change === 'delete') {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head];
  } else own(copy, head, inner);
  return copy;
}

/** The value with the mutation applied; `describe` says where, for the report. */
export function mutate(value: unknown, mutation: Mutation): { value: unknown; where: string } {
  if (mutation.kind === 'extra') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { value, where: mutation.key };
    return { value: own({ ...value }, mutation.key, mutation.to), where: mutation.key };
  }
  const paths = pathsOf(value);
  if (paths.length === 0) return { value, where: '(nothing to change)' };
  const path = paths[mutation.at % paths.length]!;
  return { value: changedAt(value, path, mutation.kind === 'delete' ? 'delete' : { to: mutation.to }), where: path.join('.') };
}
