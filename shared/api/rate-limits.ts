/**
 * The per-client limits of the public routes (no sign-in), as settings: how many requests one
 * client may make to a group of routes within a window. The route table names a route's group
 * (`rateLimited`), the CDK stack passes each group's setting to the functions that serve it as
 * `RATE_LIMIT_<GROUP>=<requests>/<window seconds>`, and a function without the variable (the local
 * product, unless it is set) counts with the default here.
 */

export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

export const RATE_LIMIT_DEFAULTS = {
  /**
   * Checking shown permits (`GET /api/verify/{token}`, each counted on the permit): a checkpoint
   * scanning one person after another stays well below one a second.
   */
  verify: { requests: 60, windowSeconds: 60 },
  /**
   * Reference data (`GET /api/divisions`, `GET /api/policies*`): a division picker asks for one
   * level per tap, the guide for one pack per division chosen. Measured in the browser tests: a
   * resident's profile, declaration and its correction make 8 such requests, a landlord's house
   * form 5, two residents' journeys in one minute 15. The limit is far above that, to leave room
   * for the many people one carrier-grade NAT address stands for on mainland mobile networks.
   */
  reference: { requests: 600, windowSeconds: 60 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS;

/**
 * The environment variable that sets a group's limit.
 * @example
 * rateLimitVariable('verify') // 'RATE_LIMIT_VERIFY'
 */
export const rateLimitVariable = (name: RateLimitName) => `RATE_LIMIT_${name.toUpperCase()}`;

/** A limit as its variable holds it: `60/60` is 60 requests a minute. */
export const formatRateLimit = (limit: RateLimit) => `${limit.requests}/${limit.windowSeconds}`;

/** A variable's value as a limit; undefined unless it is two positive whole numbers, `<requests>/<window seconds>`. */
export function parseRateLimit(text: string | undefined): RateLimit | undefined {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,7})\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const limit = { requests: Number(match[1]), windowSeconds: Number(match[2]) };
  return limit.requests > 0 && limit.windowSeconds > 0 ? limit : undefined;
}

/** The partitions of the counters (`RATE#<group>#<client>`): all a rate-limited function may write for its limit. */
export const RATE_COUNTER_PREFIX = 'RATE#';

/**
 * Headers between CloudFront and the API. CloudFront sets `viewerAddress` to the address it saw
 * the viewer connect from (a viewer-request function, replacing whatever the viewer sent) and
 * adds `originSecret` on every request to the API; only a request carrying that secret has its
 * viewer address believed, so a caller of the API's own endpoint cannot choose whom it counts as.
 */
export const EDGE_HEADERS = {
  viewerAddress: 'x-viewer-address',
  originSecret: 'x-origin-verify',
} as const;

/** The variable that gives the rate-limited functions the origin secret; unset locally, where there is no CloudFront. */
export const ORIGIN_SECRET_VARIABLE = 'EDGE_ORIGIN_SECRET';
