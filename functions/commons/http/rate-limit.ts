/**
 * Per-client limits on public routes (settings: shared/api/rate-limits.ts). A route opts in with
 * `rateLimited` in the route table, and both runtimes wrap its module with `rateLimited` below: the
 * generated entry of its Lambda function (infra/stack/bundling.ts) and the local server. The limit
 * is checked before the route's handler runs, so a refused request reaches neither validation nor
 * the route's own writes (a refused permit check is not counted on the permit).
 *
 * The count is kept in the table, so it holds across Lambda instances: one conditional UpdateItem
 * per request adds 1 to the item of the client and the current window unless it has reached the
 * limit, and the item expires (TTL) after its window. Windows are fixed (aligned to multiples of
 * their length), so across a window's edge a client can make up to twice the limit: the price of
 * a single write per request. A throttled counter write lets the request through with a warning:
 * the limit protects the public pages and must not be what takes them down.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  EDGE_HEADERS,
  ORIGIN_SECRET_VARIABLE,
  parseRateLimit,
  RATE_COUNTER_PREFIX,
  RATE_LIMIT_DEFAULTS,
  rateLimitVariable,
  type RateLimit,
  type RateLimitName,
} from '#shared/api/rate-limits';
import { pickLanguage } from '#shared/i18n/languages';
import { now } from '../clock.ts';
import { db } from '../dynamo.ts';
import { tableName } from '../environment.ts';
import { ApiError } from '../errors.ts';
import { logger } from '../logger.ts';
import { keyedHash } from '../pii.ts';
import type { RouteHandler, RouteModule } from './dispatcher.ts';
import { errorResponse, isThrottled } from './error-response.ts';

/** A bad setting is logged once per process and value, not on every request it affects. */
const warnedSettings = new Set<string>();

/**
 * A group's limit: its variable when that holds a valid limit, else the default.
 * @example
 * rateLimitOf('verify') // { requests: 60, windowSeconds: 60 } unless RATE_LIMIT_VERIFY says otherwise
 */
export function rateLimitOf(name: RateLimitName): RateLimit {
  const variable = rateLimitVariable(name);
  const setting = process.env[variable];
  const parsed = parseRateLimit(setting);
  if (setting && !parsed && !warnedSettings.has(`${variable}=${setting}`)) {
    warnedSettings.add(`${variable}=${setting}`);
    logger.warn('rate limit setting is not <requests>/<window seconds>: the default applies', { variable });
  }
  return parsed ?? RATE_LIMIT_DEFAULTS[name];
}

export interface RateWindow {
  /** Epoch milliseconds the window starts at (a multiple of its length) and ends at. */
  startMs: number;
  endMs: number;
  /** Whole seconds until the window ends, at least 1: the `Retry-After` of a refusal. */
  retryAfterSeconds: number;
  /** Epoch seconds after which the window's counter may be deleted (TTL): one window after it ends. */
  expiresAt: number;
}

/**
 * The fixed window `at` falls in.
 * @example
 * rateWindow({ requests: 60, windowSeconds: 60 }, Date.parse('2026-01-01T00:00:42.500Z')).retryAfterSeconds // 18
 */
export function rateWindow(limit: RateLimit, at: number): RateWindow {
  const length = limit.windowSeconds * 1000;
  const startMs = Math.floor(at / length) * length;
  const endMs = startMs + length;
  return { startMs, endMs, retryAfterSeconds: Math.max(1, Math.ceil((endMs - at) / 1000)), expiresAt: Math.ceil((endMs + length) / 1000) };
}

/** The item that counts one client's requests to a group in one window; `client` is the keyed hash of its address. */
export const rateCounterKey = (name: RateLimitName, client: string, window: RateWindow) => ({
  pk: `${RATE_COUNTER_PREFIX}${name}#${client}`,
  sk: String(window.startMs / 1000),
});

/** An IPv6 address's eight groups, without leading zeros (a trailing dotted IPv4 part counts as two). */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const groupsOf = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const left = groupsOf(head);
  const right = groupsOf(tail);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => Number.parseInt(g, 16).toString(16));
}

/**
 * What a client is counted by: an IPv4 address as it is (also when written IPv4-mapped, as Node
 * reports it), an IPv6 address by its /64 (the block one subscriber is given, so that cycling
 * through its addresses gains nothing), anything else as one unknown client.
 * @example
 * addressBlock('2001:db8:0:1:aaaa::7') // '2001:db8:0:1::/64'
 */
export function addressBlock(address: string): string {
  const bare = address.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(bare)) return bare;
  if (isIPv6(bare)) return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** The request came through CloudFront: it carries the origin secret, which no viewer sees. */
function fromEdge(event: APIGatewayProxyEventV2): boolean {
  const secret = process.env[ORIGIN_SECRET_VARIABLE];
  const sent = event.headers?.[EDGE_HEADERS.originSecret];
  if (!secret || !sent) return false;
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit that times the secret.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(secret));
}

/**
 * The address a request is counted against. Through CloudFront, API Gateway's source address is
 * CloudFront's, so the viewer's address CloudFront set is taken instead, but only on a request
 * with the origin secret: a caller of the API's own endpoint, which the stack does not close, is
 * counted by the address of its own connection whatever headers it sends. Locally, the socket's.
 */
export function clientAddress(event: APIGatewayProxyEventV2): string {
  const viewer = fromEdge(event) ? event.headers?.[EDGE_HEADERS.viewerAddress] : undefined;
  return addressBlock(viewer ?? event.requestContext?.http?.sourceIp ?? '');
}

const languageOf = (event: APIGatewayProxyEventV2) => pickLanguage(event.headers?.['accept-language']);

/** Counts the request in its client's window: the 429 answer when the client has used up the window's requests, else undefined. */
async function refusal(name: RateLimitName, event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  const limit = rateLimitOf(name);
  const window = rateWindow(limit, now());
  const client = await keyedHash('clientAddress', clientAddress(event));
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: rateCounterKey(name, client, window),
        UpdateExpression: 'ADD #requests :one SET #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(#requests) OR #requests < :limit',
        ExpressionAttributeNames: { '#requests': 'requests', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit.requests, ':ttl': window.expiresAt },
      }),
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.name === 'ConditionalCheckFailedException') {
      logger.info('rate limit reached', { limit: name });
      const seconds = window.retryAfterSeconds;
      return errorResponse(new ApiError(429, 'rate_limited', { seconds }, [], { 'retry-after': String(seconds) }), languageOf(event));
    }
    if (isThrottled(error)) {
      logger.warn('rate limit not counted: the counter write was throttled, the request is served', { limit: name, errorName: error.name });
      return undefined;
    }
    throw error;
  }
}

/**
 * A route's module whose handler first counts the request against the group's limit.
 * @example
 * dispatcher({ 'GET /api/verify/{token}': rateLimited('verify', () => import('./functions/permit/verify.ts')) })
 */
export function rateLimited(name: RateLimitName, load: RouteModule): RouteModule {
  return async () => {
    const { handler } = await load();
    // The dispatcher reports a module without a handler.
    if (typeof handler !== 'function') return {};
    const limitedHandler: RouteHandler = async (event, context) => {
      let refused: APIGatewayProxyStructuredResultV2 | undefined;
      try {
        refused = await refusal(name, event);
      } catch (error) {
        return errorResponse(error, languageOf(event));
      }
      return refused ?? handler(event, context);
    };
    return { handler: limitedHandler };
  };
}
