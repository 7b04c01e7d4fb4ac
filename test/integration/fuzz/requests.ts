/**
 * One fuzz request of a route, planned from its contract and sent to the real server: the path
 * names the subject's own record, a made-up one or hostile text; the query and the body are a good
 * value from the contract, the same with one field changed or one added, garbage, or text that is
 * not JSON. Plans are pure data from a seed; the subject's live values are filled in when sending.
 */
import fc from 'fast-check';
import type { Route } from '#infra/routes';
import { LANGUAGES, type Language } from '#shared/i18n/languages';
import { describeSchema, Live, valuesOf, type Hints } from './contract-values.ts';
import { extraField, fieldMutation, garbage, hostileString, mutate, RAW_BODIES, serialise, type Mutation } from './hostile-values.ts';
import type { Subject } from './world.ts';

type BodyPlan =
  | { kind: 'none' }
  | { kind: 'json'; draft: unknown; mutation?: Mutation; what: string }
  | { kind: 'garbage'; value: unknown; what: string }
  | { kind: 'raw'; text: string; what: string };

export interface RequestPlan {
  /** Whose record the path names: the subject's, one made up in the contract's pattern, or hostile text. */
  target: { kind: 'subject' } | { kind: 'made up'; params: Record<string, unknown> } | { kind: 'hostile'; segment: string };
  /** The subject's own query (a signed URL's) where it has one, else the draft; then the mutation. */
  query?: { own: boolean; draft: unknown; mutation?: Mutation };
  body: BodyPlan;
  language: Language;
  /** An `Idempotency-Key` header: a key used again (a retry), a new one, or one that is no key. */
  idempotencyKey?: string;
}

/** Path text that is not a value's encoding: broken escapes, encoded NUL and surrogates, traversal. */
const RAW_SEGMENTS = ['%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF%FE', '%00', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%u202E', '__proto__', 'constructor', 'toString'];

/** A lone surrogate cannot be percent-encoded; the broken escapes above send its bytes instead. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...RAW_SEGMENTS),
  // Kept short: a path longer than the server's header limit is refused before any route sees it.
  hostileString.filter((s) => s.length > 0).map((s) => encodeURIComponent(wellFormed(s.slice(0, 300)))),
);

/** Header values must be Latin-1 without line breaks (a client cannot send others), so these stay ASCII. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const idempotencyKeys: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom('fuzz-retry-0001', 'fuzz-retry-0002'), weight: 1 },
  { arbitrary: fc.stringMatching(IDEMPOTENCY_KEY), weight: 1 },
  { arbitrary: fc.constantFrom('', ' ', 'short', 'a key with spaces', '../../etc/passwd', 'x'.repeat(5000), '__proto__'), weight: 1 },
);

const paramNamesOf = (path: string) => [...path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]!);

function bodyPlans(route: Route, hints: Hints): fc.Arbitrary<BodyPlan> {
  const { body } = route.contract;
  const junk = garbage.map(({ value, what }) => ({ kind: 'garbage' as const, value, what }));
  if (!body) {
    // A route without a body must ignore one.
    return fc.oneof({ arbitrary: fc.constant({ kind: 'none' as const }), weight: 6 }, { arbitrary: junk, weight: 1 });
  }
  const draft = valuesOf(describeSchema(body), hints);
  return fc.oneof(
    { arbitrary: draft.map((value) => ({ kind: 'json' as const, draft: value, what: 'valid' })), weight: 30 },
    { arbitrary: fc.tuple(draft, fieldMutation).map(([value, mutation]) => ({ kind: 'json' as const, draft: value, mutation, what: mutation.what })), weight: 35 },
    { arbitrary: fc.tuple(draft, extraField).map(([value, mutation]) => ({ kind: 'json' as const, draft: value, mutation, what: mutation.what })), weight: 15 },
    { arbitrary: junk, weight: 10 },
    { arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ kind: 'raw' as const, text, what: 'not JSON, or JSON to parse with care' })), weight: 10 },
  );
}

/** Requests for one route, from its contract and hints. */
export function plansFor(route: Route, hints: Hints): fc.Arbitrary<RequestPlan> {
  const { contract } = route;
  const target: fc.Arbitrary<RequestPlan['target']> =
    contract.params && paramNamesOf(contract.path).length > 0
      ? fc.oneof(
          { arbitrary: fc.constant({ kind: 'subject' as const }), weight: 15 },
          { arbitrary: valuesOf(describeSchema(contract.params), hints).map((params) => ({ kind: 'made up' as const, params: params as Record<string, unknown> })), weight: 3 },
          { arbitrary: hostileSegment.map((segment) => ({ kind: 'hostile' as const, segment })), weight: 2 },
        )
      : fc.constant({ kind: 'subject' as const });
  const query: fc.Arbitrary<RequestPlan['query']> = contract.query
    ? fc.record({
        own: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
        draft: valuesOf(describeSchema(contract.query), hints),
        mutation: fc.option(fc.oneof(fieldMutation, extraField), { nil: undefined, freq: 2 }),
      })
    : fc.constant(undefined);
  return fc.record({ target, query, body: bodyPlans(route, hints), language: fc.constantFrom(...LANGUAGES), idempotencyKey: idempotencyKeys });
}

/**
 * Why the contract alone refuses the plan, whatever the server holds: a key added to a body or
 * query whose schema is strict (a client naming a field the server sets must be told no, not
 * ignored). Undefined when only the server's state can say.
 */
export function mustBeRefused(route: Route, plan: RequestPlan): string | undefined {
  const parts = [
    ['body', route.contract.body, plan.body.kind === 'json' ? plan.body.mutation : undefined],
    ['query', route.contract.query, plan.query?.mutation],
  ] as const;
  for (const [part, schema, mutation] of parts) {
    if (!schema || mutation?.kind !== 'extra') continue;
    const described = describeSchema(schema);
    if (described.additionalProperties === false && !Object.hasOwn(described.properties ?? {}, mutation.key)) return `the unknown ${part} key ${mutation.key}`;
  }
  return undefined;
}

/** What was done to the request, for the report; `valid` when nothing was. */
export const describePlan = (plan: RequestPlan, subject: Subject): string =>
  [
    plan.target.kind === 'subject' ? '' : `${plan.target.kind} path`,
    plan.query && !plan.query.own && subject.query ? 'query from the contract, not the signed one' : '',
    plan.query?.mutation ? `query: ${plan.query.mutation.what}` : '',
    plan.body.kind === 'none' ? '' : plan.body.what,
    plan.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(plan.idempotencyKey) ? 'malformed Idempotency-Key' : '',
  ]
    .filter(Boolean)
    .join('; ') || 'valid';

/**
 * Live values a subject gave, kept until the record may have changed (a success, a conflict): asking
 * the server for the version before every request would double the run.
 */
const known = new WeakMap<Subject, Map<string, unknown>>();

export const forgetLiveValues = (subject: Subject) => known.delete(subject);

async function liveValue(subject: Subject, name: string): Promise<unknown> {
  const values = known.get(subject) ?? new Map<string, unknown>();
  known.set(subject, values);
  if (!values.has(name)) values.set(name, await subject.live?.(name));
  return values.get(name);
}

async function filled(value: unknown, subject: Subject): Promise<unknown> {
  if (value instanceof Live) return liveValue(subject, value.name);
  if (Array.isArray(value)) return Promise.all(value.map((inner) => filled(inner, subject)));
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await filled(inner, subject)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : serialise(value));

function pathOf(route: Route, plan: RequestPlan, subject: Subject): string {
  return route.contract.path.replace(/\{(\w+)(\+?)\}/g, (_, name: string, greedy: string) => {
    if (plan.target.kind === 'hostile') return plan.target.segment;
    const value = plan.target.kind === 'subject' && subject.params?.[name] !== undefined ? subject.params[name] : asText((plan.target as { params?: Record<string, unknown> }).params?.[name] ?? 'x');
    const encode = (part: string) => encodeURIComponent(wellFormed(part));
    return greedy ? value.split('/').map(encode).join('/') : encode(value);
  });
}

async function queryOf(plan: RequestPlan, subject: Subject): Promise<string> {
  if (!plan.query) return '';
  const base = plan.query.own && subject.query ? subject.query : await filled(plan.query.draft, subject);
  const value = plan.query.mutation ? mutate(base, plan.query.mutation).value : base;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `?${encodeURIComponent(wellFormed(asText(value).slice(0, 300)))}`;
  const search = new URLSearchParams();
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    // Kept within the server's header limit (16 KB), which refuses a longer request line before any route sees it.
    for (const one of Array.isArray(inner) ? inner.slice(0, 10) : [inner]) search.append(key, asText(one).slice(0, 300));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface Sent {
  method: string;
  path: string;
  /** The body as sent, or how it was made when it was bytes. */
  body?: string;
  status: number;
  text: string;
}

/** Sends the plan as the subject's caller; the exchange, for the verdicts. */
export async function send(baseUrl: string, route: Route, plan: RequestPlan, subject: Subject): Promise<Sent> {
  const { method } = route.contract;
  const path = `${pathOf(route, plan, subject)}${await queryOf(plan, subject)}`;
  const headers: Record<string, string> = { 'accept-language': plan.language };
  if (subject.caller.token) headers.authorization = `Bearer ${subject.caller.token}`;
  if (plan.idempotencyKey !== undefined) headers['idempotency-key'] = plan.idempotencyKey;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  let shown: string | undefined;
  switch (plan.body.kind) {
    case 'none':
      if (subject.file) {
        Object.assign(headers, subject.file.headers);
        body = subject.file.bytes;
        shown = `(${subject.file.bytes.length} bytes of ${subject.file.headers['content-type'] ?? 'a file'})`;
      }
      break;
    case 'json': {
      const value = await filled(plan.body.draft, subject);
      body = serialise(plan.body.mutation ? mutate(value, plan.body.mutation).value : value);
      break;
    }
    case 'garbage':
      body = serialise(plan.body.value);
      break;
    case 'raw':
      body = plan.body.text;
      break;
  }
  if (typeof body === 'string') {
    headers['content-type'] = 'application/json';
    shown = body;
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { method, path, ...(shown !== undefined ? { body: shown } : {}), status: response.status, text: await response.text() };
}
