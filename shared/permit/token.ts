/**
 * What the permit's QR code carries: a signed token (JWS, ES256) with only what a checker needs —
 * no ID number, no name, no address. The live status is always asked of the API; the token's own
 * status is what it was when shown, and the token expires soon so a screenshot cannot be passed on.
 */
import * as z from 'zod';
import { PERMIT_STATUSES } from './lifecycle.ts';

/** How long a shown QR token verifies, and how often the card fetches a new one. */
export const QR_TOKEN_SECONDS = 120;
export const QR_REFRESH_SECONDS = 60;

export const TOKEN_ISSUER = 'residence-permit';
export const TOKEN_AUDIENCE = 'permit-verification';

export const VerificationClaims = z
  .object({
    /** The permit's id (random; not the ID number). */
    pid: z.string().min(1),
    /** The card number the token was made for: a replaced card's tokens no longer match. */
    num: z.string().min(1),
    st: z.enum(PERMIT_STATUSES),
    /** The issuing city's 4-digit division code. */
    city: z.string().regex(/^\d{4}$/),
    /** Valid until (Shanghai date), when the permit expires. */
    vu: z.string().optional(),
    /** The photo's reference, resolved to a short-lived link by the API. */
    ph: z.string().min(1),
  })
  .passthrough();
export type VerificationClaims = z.infer<typeof VerificationClaims>;

/** The link a QR code holds: the public verification page with the token. */
export const verificationLink = (origin: string, token: string) => `${origin}/verify?t=${encodeURIComponent(token)}`;

/** The token in a scanned or pasted text: a verification link, or the bare token. */
export function tokenFromText(text: string): string | undefined {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    const t = url.searchParams.get('t');
    if (t) return t;
  } catch {
    // not a link: maybe the bare token
  }
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(trimmed) ? trimmed : undefined;
}
