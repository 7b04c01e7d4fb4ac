/**
 * ID tokens of the local identity provider: ES256 JWTs whose claims mirror a Cognito ID token,
 * so handlers read identity the same way locally and in AWS. The signing key (a private JWK) is
 * handed over by the local server in `LOCAL_IDP_SIGNING_KEY`.
 */
import { importJWK, SignJWT, type JWK } from 'jose';
import { CLAIM } from '#shared/identity/roles';
import { TOKEN_LIFETIME_SECONDS } from '#shared/identity/sign-in-rules';
import { requiredEnv } from '#functions/commons/environment';
import { now } from '#functions/commons/clock';
import type { Account } from './accounts.ts';

export const LOCAL_ISSUER = 'urn:portal:local-identity-provider';
export const LOCAL_AUDIENCE = 'portal-web';

/** Keyed by the JWK it was imported from, like the other per-setting caches of a function. */
let cached: { jwk: string; key: CryptoKey | Uint8Array; kid: string | undefined } | undefined;

async function key() {
  const text = requiredEnv('LOCAL_IDP_SIGNING_KEY');
  if (cached?.jwk !== text) {
    const jwk = JSON.parse(text) as JWK;
    cached = { jwk: text, key: await importJWK(jwk, 'ES256'), kid: jwk.kid };
  }
  return cached;
}

/** E.164, as Cognito stores phone_number. */
const e164 = (phone: string) => `+86${phone}`;

export async function signIdToken(account: Account, lifetimeSeconds = TOKEN_LIFETIME_SECONDS): Promise<string> {
  const { key: privateKey, kid } = await key();
  const issuedAt = Math.floor(now() / 1000);
  return new SignJWT({
    token_use: 'id',
    [CLAIM.groups]: account.roles,
    [CLAIM.username]: account.username ?? account.id,
    ...(account.phone ? { [CLAIM.phone]: e164(account.phone) } : {}),
    ...(account.station ? { [CLAIM.station]: account.station.id } : {}),
    ...(account.org ? { [CLAIM.org]: account.org.id } : {}),
    // A string, as Cognito puts a custom attribute in a token.
    ...(account.org && account.orgAdmin ? { [CLAIM.orgAdmin]: 'true' } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...(kid ? { kid } : {}) })
    .setSubject(account.id)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(privateKey);
}
