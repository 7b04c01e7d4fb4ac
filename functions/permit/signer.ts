/**
 * Signing and verifying the permit's QR tokens (JWS, ES256). The key is the stack's: a KMS key in
 * AWS (the private half never leaves KMS; the public half is read once per container), a key pair
 * of the data directory for the local product. The adapter is chosen once from `PERMIT_SIGNER`, so
 * handlers do not know which.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { base64url, errors, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, VerificationClaims } from '#shared/permit/token';
import { currentInstant, now } from '#functions/commons/clock';
import { requiredEnv } from '#functions/commons/environment';

const ALG = 'ES256';
/** The byte length of each of r and s in a P-256 signature. */
const COORDINATE_BYTES = 32;

export type TokenProblem = 'invalid' | 'expired';

/** A token that does not verify: forged, altered, malformed, for another audience (`invalid`), or past its time (`expired`). */
export class TokenRejected extends Error {
  constructor(readonly problem: TokenProblem) {
    super(`verification token ${problem}`);
    this.name = 'TokenRejected';
  }
}

export interface PermitSigner {
  /** A token with the claims, issued now and good for `lifetimeSeconds`. */
  sign(claims: VerificationClaims, lifetimeSeconds: number): Promise<{ token: string; expiresAt: Date }>;
  /** The claims of a token this stack signed, still in time; throws TokenRejected otherwise. */
  verify(token: string): Promise<VerificationClaims>;
}

type VerificationKey = CryptoKey | KeyObject | Uint8Array;

/** Verification shared by both adapters: signature, algorithm (never `none`), issuer, audience, lifetime, claim shapes. */
async function verifyWith(key: VerificationKey, token: string): Promise<VerificationClaims> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALG],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      currentDate: currentInstant(),
      requiredClaims: ['iat', 'exp'],
    });
    const claims = VerificationClaims.safeParse(payload);
    if (!claims.success) throw new TokenRejected('invalid');
    return claims.data;
  } catch (error) {
    if (error instanceof TokenRejected) throw error;
    if (error instanceof errors.JWTExpired) throw new TokenRejected('expired');
    if (error instanceof errors.JOSEError || error instanceof TypeError) throw new TokenRejected('invalid');
    throw error;
  }
}

/** Issue and expiry times in seconds from the product's clock (which tests may move). */
function lifetime(lifetimeSeconds: number) {
  const issuedAt = Math.floor(now() / 1000);
  return { issuedAt, expiresAt: issuedAt + lifetimeSeconds };
}

/* ----------------------------------------- local -------------------------------------------- */

interface LocalKeys {
  setting: string;
  signing: CryptoKey | Uint8Array;
  verification: CryptoKey | Uint8Array;
  kid?: string;
}

/** Keyed by the settings they came from: a local product restarted in one process has its own keys. */
let localKeys: LocalKeys | undefined;

async function readLocalKeys(): Promise<LocalKeys> {
  const signingText = requiredEnv('PERMIT_SIGNING_JWK');
  const verificationText = requiredEnv('PERMIT_VERIFICATION_JWK');
  const setting = `${signingText}\n${verificationText}`;
  if (localKeys?.setting === setting) return localKeys;
  const signingJwk = JSON.parse(signingText) as JWK;
  const keys: LocalKeys = {
    setting,
    signing: await importJWK(signingJwk, ALG),
    verification: await importJWK(JSON.parse(verificationText) as JWK, ALG),
    ...(signingJwk.kid ? { kid: signingJwk.kid } : {}),
  };
  localKeys = keys;
  return keys;
}

export const localSigner: PermitSigner = {
  async sign(claims, lifetimeSeconds) {
    const keys = await readLocalKeys();
    const { issuedAt, expiresAt } = lifetime(lifetimeSeconds);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALG, typ: 'JWT', ...(keys.kid ? { kid: keys.kid } : {}) })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(keys.signing);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  },
  async verify(token) {
    return verifyWith((await readLocalKeys()).verification, token);
  },
};

/* ------------------------------------------ KMS --------------------------------------------- */

/**
 * An ECDSA signature as KMS returns it (DER: SEQUENCE of two INTEGERs) in the form JWS uses: r and
 * s, each as exactly 32 big-endian bytes, one after the other.
 */
export function derToJose(der: Uint8Array): Uint8Array {
  const fail = () => new Error('not a DER-encoded ECDSA signature');
  let at = 0;
  const byte = () => {
    if (at >= der.length) throw fail();
    return der[at++]!;
  };
  const length = () => {
    const first = byte();
    if (first < 0x80) return first;
    let value = 0;
    for (let n = first & 0x7f; n > 0; n--) value = (value << 8) | byte();
    return value;
  };
  if (byte() !== 0x30) throw fail();
  const sequenceEnd = length() + at;
  if (sequenceEnd !== der.length) throw fail();
  const out = new Uint8Array(COORDINATE_BYTES * 2);
  for (const offset of [0, COORDINATE_BYTES]) {
    if (byte() !== 0x02) throw fail();
    const size = length();
    let value = der.subarray(at, at + size);
    if (value.length !== size) throw fail();
    at += size;
    // INTEGERs are signed: a leading zero keeps a high first bit positive and is not part of the number.
    while (value.length > COORDINATE_BYTES && value[0] === 0) value = value.subarray(1);
    if (value.length > COORDINATE_BYTES) throw fail();
    out.set(value, offset + COORDINATE_BYTES - value.length);
  }
  if (at !== der.length) throw fail();
  return out;
}

let kms: KMSClient | undefined;
const kmsClient = () => (kms ??= new KMSClient({}));

/** The public key of each KMS key, read once per container: it never changes for a key. */
const publicKeys = new Map<string, Promise<KeyObject>>();

function kmsPublicKey(keyId: string): Promise<KeyObject> {
  let key = publicKeys.get(keyId);
  if (!key) {
    key = kmsClient()
      .send(new GetPublicKeyCommand({ KeyId: keyId }))
      .then(({ PublicKey }) => {
        if (!PublicKey) throw new Error('the permit key has no public key');
        return createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' });
      });
    // A failed read (throttling, a cold network) is not remembered: the next request tries again.
    key.catch(() => publicKeys.delete(keyId));
    publicKeys.set(keyId, key);
  }
  return key;
}

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

export const kmsSigner: PermitSigner = {
  async sign(claims, lifetimeSeconds) {
    const keyId = requiredEnv('PERMIT_KEY_ARN');
    const { issuedAt, expiresAt } = lifetime(lifetimeSeconds);
    const header = encodeJson({ alg: ALG, typ: 'JWT' });
    const payload = encodeJson({ ...claims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: issuedAt, exp: expiresAt });
    const signingInput = `${header}.${payload}`;
    // KMS hashes the message itself (SHA-256): a token's signing input is far below its 4 KB limit.
    const { Signature } = await kmsClient().send(
      new SignCommand({ KeyId: keyId, Message: new TextEncoder().encode(signingInput), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    if (!Signature) throw new Error('KMS returned no signature');
    return { token: `${signingInput}.${base64url.encode(derToJose(Signature))}`, expiresAt: new Date(expiresAt * 1000) };
  },
  async verify(token) {
    return verifyWith(await kmsPublicKey(requiredEnv('PERMIT_KEY_ARN')), token);
  },
};

/** The signer the environment names: `kms` in AWS (the default), `local` for the local product. */
export function permitSigner(): PermitSigner {
  const adapter = process.env.PERMIT_SIGNER ?? 'kms';
  if (adapter === 'local') return localSigner;
  if (adapter === 'kms') return kmsSigner;
  throw new Error(`unknown PERMIT_SIGNER ${adapter}`);
}
