/**
 * The signed-in caller, read from the claims API Gateway (or the local server) verified: a JWT
 * authorizer's `jwt.claims`, or on routes that also take an organisation's API key, the Lambda
 * authorizer's `lambda` context, which carries the same claim names.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CLAIM, isRole, type Role } from '#shared/identity/roles';

export interface Caller {
  id: string;
  roles: Role[];
  station?: string;
  org?: string;
  /** The phone number the caller signed in with (11 digits, no country code), when the token carries one. */
  phone?: string;
  /** The organisation's administrator: manages its API keys. */
  orgAdmin?: boolean;
  /** Set when the caller is an organisation's API key (its id), not a signed-in user; `id` is then `apikey:<keyId>`. */
  apiKey?: string;
}

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * API Gateway HTTP APIs flatten array claims to a string such as `[officer admin]`; a JSON array
 * string or a real array are accepted too so the same code reads any authorizer's output.
 */
export function parseGroups(value: Claims[string] | undefined): Role[] {
  if (value === undefined) return [];
  let names: string[];
  if (Array.isArray(value)) names = value;
  else {
    const text = String(value).trim();
    if (text.startsWith('[') && text.includes('"')) {
      try {
        names = JSON.parse(text) as string[];
      } catch {
        names = [];
      }
    } else names = text.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  }
  return names.map((n) => n.trim()).filter(isRole);
}

/** Claims as the authorizer in front of the route passed them: a JWT authorizer's, else a Lambda authorizer's context. */
function claimsOf(event: APIGatewayProxyEventV2): { claims: Claims; fromLambda: boolean } | undefined {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims }; lambda?: Claims } }).authorizer;
  if (authorizer?.jwt?.claims) return { claims: authorizer.jwt.claims, fromLambda: false };
  if (authorizer?.lambda) return { claims: authorizer.lambda, fromLambda: true };
  return undefined;
}

/** Only the Lambda authorizer names an API key; a claim of that name in a user's token means nothing. */
export const API_KEY_CLAIM = 'apiKey';

export function callerOf(event: APIGatewayProxyEventV2): Caller | undefined {
  const found = claimsOf(event);
  if (!found) return undefined;
  const { claims, fromLambda } = found;
  if (typeof claims.sub !== 'string' || !claims.sub) return undefined;
  const station = claims[CLAIM.station];
  const org = claims[CLAIM.org];
  const phone = claims[CLAIM.phone];
  const orgAdmin = claims[CLAIM.orgAdmin];
  const apiKey = fromLambda ? claims[API_KEY_CLAIM] : undefined;
  return {
    id: claims.sub,
    roles: parseGroups(claims[CLAIM.groups]),
    ...(typeof station === 'string' && station ? { station } : {}),
    ...(typeof org === 'string' && org ? { org } : {}),
    ...(typeof phone === 'string' && /^\+86\d{11}$/.test(phone) ? { phone: phone.slice(3) } : {}),
    ...(orgAdmin === true || orgAdmin === 'true' ? { orgAdmin: true } : {}),
    ...(typeof apiKey === 'string' && apiKey ? { apiKey } : {}),
  };
}
