/** The signed-in caller, read from the JWT claims that API Gateway (or the local server) verified. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CLAIM, isRole, type Role } from '#shared/identity/roles';

export interface Caller {
  id: string;
  roles: Role[];
  station?: string;
  org?: string;
  /** The phone number the caller signed in with (11 digits, no country code), when the token carries one. */
  phone?: string;
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

export function callerOf(event: APIGatewayProxyEventV2): Caller | undefined {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer;
  const claims = authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const station = claims[CLAIM.station];
  const org = claims[CLAIM.org];
  const phone = claims[CLAIM.phone];
  return {
    id: claims.sub,
    roles: parseGroups(claims[CLAIM.groups]),
    ...(typeof station === 'string' && station ? { station } : {}),
    ...(typeof org === 'string' && org ? { org } : {}),
    ...(typeof phone === 'string' && /^\+86\d{11}$/.test(phone) ? { phone: phone.slice(3) } : {}),
  };
}
