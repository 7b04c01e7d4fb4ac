/**
 * Every write route of the route table (POST, PUT, PATCH, DELETE; the local-only ones too), fuzzed
 * against the real product on DynamoDB Local, so a route added later is fuzzed without a line here.
 * Each gets FUZZ_RUNS requests (200) generated from its contract with a fixed seed (FUZZ_SEED to
 * hunt with another): good values that reach the domain code and the table, the same with one field
 * hostile or one field the client may not set, garbage, and text that is not JSON. Every answer
 * must be a success that keeps the contract or a translated refusal, never a server error or a
 * glimpse of the inside; afterwards every record reads back through the GET routes within their
 * contracts, and the table holds no hidden character and no sentinel of a forbidden field.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type Route } from '#infra/routes';
import { startProduct, type TestProduct } from '#test/support/product';
import { describeSchema } from './contract-values.ts';
import { POLLUTION_MARK } from './hostile-values.ts';
import { describePlan, forgetLiveValues, mustBeRefused, plansFor, send, type RequestPlan, type Sent } from './requests.ts';
import { problemsWith, scanTable, visible, type StoredFinding } from './verdicts.ts';
import { World, type Caller, type Subject } from './world.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 16_2026);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const writeRoutes = routes.filter((route) => route.contract.method !== 'GET');
const readRoutes = routes.filter((route) => route.contract.method === 'GET' && route.contract.access !== 'public');
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

let product: TestProduct;
let world: World;

/** Ids the run saw in successes, with the first caller that saw each: read back afterwards. */
const seen = new Map<string, Caller>();
const ID_FIELDS = new Set(['id', 'houseId', 'tenancyId', 'declarationId', 'applicationId', 'uploadId']);

interface Tally {
  requests: number;
  success: number;
  refused: number;
  serverError: number;
  /** Refusal codes of requests planned valid: why good values did not get through. */
  validRefusals: Map<string, number>;
  validSent: number;
}
const tallies = new Map<string, Tally>();

/** A stream of its own per route, so a route added later changes no other route's requests. */
function seedOf(route: Route): number {
  let hash = 0x811c9dc5;
  for (const char of route.id) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (SEED ^ hash) >>> 0;
}

function groupBy<T>(list: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

const clip = (text: string | undefined, length = 400) => (text === undefined ? '(none)' : text.length > length ? `${text.slice(0, length)}…(${text.length} chars)` : text);

function harvest(caller: Caller, value: unknown, depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (ID_FIELDS.has(key) && typeof inner === 'string' && !seen.has(inner)) seen.set(inner, caller);
    else harvest(caller, inner, depth + 1);
  }
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Problems grouped by kind, each with its first request and answer: the failure message. */
function report(route: Route, failures: Array<{ problem: string; plan: RequestPlan; sent: Sent; subject: Subject }>): string {
  const groups = groupBy(failures, (f) => f.problem);
  return [...groups]
    .map(([problem, [first, ...rest]]) =>
      [
        `${route.id}: ${problem} (${rest.length + 1}×; seed ${seedOf(route)})`,
        `  ${first!.sent.method} ${clip(first!.sent.path, 200)} as ${first!.subject.caller.label}, ${first!.plan.language}: ${describePlan(first!.plan, first!.subject)}`,
        `  body: ${clip(first!.sent.body)}`,
        `  → ${first!.sent.status} ${clip(first!.sent.text)}`,
      ].join('\n'),
    )
    .join('\n');
}

beforeAll(async () => {
  console.log(`fuzz: seed ${SEED}, ${RUNS} requests per write route (set FUZZ_SEED and FUZZ_RUNS to hunt with others)`);
  product = await startProduct();
  world = new World(product);
}, 120_000);

afterAll(async () => {
  const rows = [...tallies].map(([id, t]) => ({
    route: id,
    requests: t.requests,
    '2xx %': Math.round((100 * t.success) / t.requests),
    '4xx %': Math.round((100 * t.refused) / t.requests),
    '5xx': t.serverError,
    'valid plans refused with': [...t.validRefusals].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([code, n]) => `${code} ${n}/${t.validSent}`).join(', '),
  }));
  if (rows.length) console.table(rows);
  await product?.close();
});

it('fuzzes routes of every write method', () => {
  expect(new Set(writeRoutes.map((route) => route.contract.method))).toEqual(new Set(['POST', 'PUT', 'PATCH', 'DELETE']));
});

// Routes run a few at a time (each route's requests one after another, so its seed replays them).
describe.concurrent(`${RUNS} generated requests to each write route: never a 5xx, nothing of the inside shown, successes keep the contract`, () => {
  it.each(writeRoutes.map((route) => [`${route.contract.method} ${route.contract.path}`, route] as const))('%s', async (_, route) => {
    const plans = fc.sample(plansFor(route, world.hints(route)), { seed: seedOf(route), numRuns: RUNS });
    const pool = world.pool(route);
    const tally: Tally = { requests: 0, success: 0, refused: 0, serverError: 0, validRefusals: new Map(), validSent: 0 };
    tallies.set(route.id, tally);
    const failures: Array<{ problem: string; plan: RequestPlan; sent: Sent; subject: Subject }> = [];
    for (const plan of plans) {
      const subject = await pool.current();
      const sent = await send(product.url, route, plan, subject);
      const body = parse(sent.text);
      tally.requests++;
      if (sent.status < 300 || sent.status === 409) forgetLiveValues(subject);
      const valid = describePlan(plan, subject) === 'valid';
      if (valid) tally.validSent++;
      if (sent.status < 300) {
        tally.success++;
        harvest(subject.caller, body);
        for (const id of Object.values(subject.params ?? {})) if (!seen.has(id)) seen.set(id, subject.caller);
        await pool.settle?.(body);
      } else if (sent.status < 500) {
        tally.refused++;
        if (valid) {
          const error = (body as { error?: { code?: string; fields?: Array<{ path: string }> } } | undefined)?.error;
          const code = `${error?.code ?? sent.status}${error?.fields ? ` (${error.fields.map((f) => f.path).join(' ')})` : ''}`;
          tally.validRefusals.set(code, (tally.validRefusals.get(code) ?? 0) + 1);
        }
      } else tally.serverError++;
      const problems = problemsWith(route.contract, sent.status, sent.text);
      const refusable = mustBeRefused(route, plan);
      if (refusable && sent.status < 400) problems.push(`accepted ${refusable}`);
      for (const problem of problems) failures.push({ problem, plan, sent, subject });
    }
    expect(failures.length, report(route, failures)).toBe(0);
  }, 240_000);
});

describe('what the run stored', () => {
  it('got past validation on nearly every route, so the checks above judged the domain code too', () => {
    // Endorsing and renewing a fresh permit are refused by the calendar (the window opens a year on).
    const through = [...tallies.values()].filter((tally) => tally.success > 0).length;
    expect(through, [...tallies].map(([id, t]) => `${id} ${t.success}/${t.requests}`).join(', ')).toBeGreaterThanOrEqual(Math.floor(writeRoutes.length * 0.85));
  });

  it('reads back through every GET route the callers may use, within the route’s contract', async () => {
    const failures: string[] = [];
    const read = new Map<string, number>();
    const get = async (route: Route, caller: Caller, path: string) => {
      const answer = await fetch(`${product.url}${path}`, { headers: { authorization: `Bearer ${caller.token}`, 'accept-language': 'en' } });
      const text = await answer.text();
      for (const problem of problemsWith(route.contract, answer.status, text)) failures.push(`${route.id} GET ${clip(path, 200)} as ${caller.label}: ${problem}\n  → ${answer.status} ${clip(text)}`);
      if (answer.status === 200) read.set(route.id, (read.get(route.id) ?? 0) + 1);
      return answer.status === 200 ? parse(text) : undefined;
    };
    const allowed = (route: Route, caller: Caller) => caller.token !== undefined && route.contract.access !== 'public' && route.contract.access.some((role) => role === caller.role);

    for (const route of readRoutes) {
      const { contract } = route;
      // Routes that need a question (a street and a date…) compute an answer; they read nothing the run stored.
      if (contract.query && !contract.query.safeParse({}).success) continue;
      const names = [...contract.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (names.length === 0) {
        const callers = new Map(world.callers.filter((caller) => allowed(route, caller)).map((caller) => [caller.token, caller]));
        // A list by status (a queue) is read in each status, not only the default one.
        const filters = Object.entries(contract.query ? (describeSchema(contract.query).properties ?? {}) : {}).flatMap(([key, property]) =>
          (property.enum ?? []).map((value) => `${key}=${encodeURIComponent(String(value))}&`),
        );
        for (const caller of callers.values()) {
          for (const filter of ['', ...filters]) {
            let cursor: string | undefined;
            let pages = 0;
            do {
              const query = `${filter}${cursor ? `cursor=${encodeURIComponent(cursor)}` : ''}`;
              const page = await get(route, caller, `${contract.path}${query ? `?${query}` : ''}`);
              cursor = (page as { cursor?: string } | undefined)?.cursor;
            } while (cursor && ++pages < 10);
          }
        }
        continue;
      }
      if (names.length !== 1 || !contract.params) continue;
      const [name] = names as [string];
      const choices = describeSchema(contract.params).properties?.[name]?.enum ?? [];
      const candidates: Array<[string, Caller | undefined]> = [...seen, ...choices.map((value) => [String(value), undefined] as [string, undefined])];
      for (const [id, owner] of candidates) {
        if (!contract.params.safeParse({ [name]: id }).success) continue;
        const caller = owner && allowed(route, owner) ? owner : await world.callerFor(route);
        await get(route, caller, contract.path.replace(`{${name}}`, encodeURIComponent(id)));
      }
    }
    console.log(`read back: ${[...read].map(([id, n]) => `${id} ${n}`).join(', ')}`);
    expect(failures.length, failures.slice(0, 20).join('\n')).toBe(0);
    expect(read.size, 'some GET route read something back').toBeGreaterThan(0);
  }, 120_000);

  describe('in the table', () => {
    let scanned: { items: number; findings: StoredFinding[] };
    beforeAll(async () => {
      scanned = await scanTable(product.tableName);
      console.log(`scanned ${scanned.items} items`);
    }, 60_000);

    const shown = (findings: StoredFinding[]) =>
      [...groupBy(findings, (f) => `${f.key.replace(/#[^ #]+/g, '#…')} ${f.attribute.replace(/\[\d+\]/g, '[]')}`)]
        .map(([where, list]) => `${where}: ${list.length}× e.g. ${visible(list[0]!.value)}`)
        .join('\n');

    it('no field the client may not set was stored: no sentinel anywhere', () => {
      const sentinels = scanned.findings.filter((f) => f.what === 'sentinel');
      expect(sentinels.length, shown(sentinels)).toBe(0);
    });

    it('no hidden character was stored (controls, bidi overrides and isolates, lone surrogates)', () => {
      const hidden = scanned.findings.filter((f) => f.what === 'hidden character');
      expect(hidden.length, shown(hidden)).toBe(0);
    });
  });

  it('no prototype was polluted by a `__proto__` or `constructor` key', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>)[POLLUTION_MARK]).toBeUndefined();
  });
});
