/**
 * Whether the signed-in user administers their organisation (may manage its API keys). `/api/me`
 * does not say so; the token does, in the claim Cognito and the local identity provider both set.
 * Only to decide what to offer: the API checks the claim itself on every key request.
 */
import { CLAIM } from '#shared/identity/roles';

/** The claims of a JWT, unverified (the page's own token), or undefined when it is not one. */
export function tokenClaims(token: string | undefined): Record<string, unknown> | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function isOrgAdmin(token: string | undefined): boolean {
  const value = tokenClaims(token)?.[CLAIM.orgAdmin];
  return value === 'true' || value === true;
}
