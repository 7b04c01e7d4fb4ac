/**
 * The HTTP API's Lambda authorizer (REQUEST, simple responses) of the routes an organisation may
 * also call with its API key. `Authorization: Bearer <ID token>` is verified as the JWT authorizer
 * of the other routes verifies it (this pool's keys, issuer, audience, expiry); otherwise
 * `X-Api-Key` is looked up. The context carries the claims under their token names
 * (`sub`, `cognito:groups` as `[agency]`, `custom:org`, `custom:org_admin`, …), which handlers
 * read from `requestContext.authorizer.lambda` as they read a JWT authorizer's claims.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { CLAIM } from '#shared/identity/roles';
import { requiredEnv } from '#functions/commons/environment';
import { logger } from '#functions/commons/logger';
import { callerForApiKey } from './api-key-auth.ts';

export type AuthorizerContext = Record<string, string>;
type Result = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;

/** The claims handlers read, passed on from a verified ID token. */
const PASSED_CLAIMS = ['sub', CLAIM.groups, CLAIM.username, CLAIM.station, CLAIM.org, CLAIM.orgAdmin, CLAIM.phone] as const;

/** One key set per issuer, kept across invocations (jose refreshes it when a token names an unknown key). */
let keySet: { issuer: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;

function keysOf(issuer: string) {
  if (keySet?.issuer !== issuer) keySet = { issuer, keys: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)) };
  return keySet.keys;
}

/** As API Gateway passes JWT claims: strings, arrays as `[a b]`. */
export function contextOf(payload: JWTPayload): AuthorizerContext {
  const context: AuthorizerContext = {};
  for (const name of PASSED_CLAIMS) {
    const value = payload[name];
    if (value === undefined || value === null) continue;
    context[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
  }
  return context;
}

async function verifyIdToken(token: string): Promise<AuthorizerContext | undefined> {
  const issuer = requiredEnv('ISSUER');
  const audience = requiredEnv('AUDIENCE').split(',');
  try {
    const { payload } = await jwtVerify(token, keysOf(issuer), { issuer, audience });
    // Only ID tokens carry the groups and custom attributes handlers read.
    if (payload.token_use !== 'id' || typeof payload.sub !== 'string') return undefined;
    return contextOf(payload);
  } catch {
    return undefined;
  }
}

function header(event: APIGatewayRequestAuthorizerEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  return headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

export async function handler(event: APIGatewayRequestAuthorizerEventV2): Promise<Result> {
  const bearer = /^Bearer\s+(.+)$/i.exec(header(event, 'authorization') ?? '')?.[1];
  const apiKey = header(event, 'x-api-key');
  const context = bearer ? await verifyIdToken(bearer) : apiKey ? await callerForApiKey(apiKey) : undefined;
  if (!context) {
    logger.info('request not authorized', { routeKey: event.routeKey, by: bearer ? 'token' : apiKey ? 'apiKey' : 'nothing' });
    return { isAuthorized: false, context: {} };
  }
  return { isAuthorized: true, context };
}
