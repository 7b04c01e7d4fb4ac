/**
 * The permit's QR token signers, offline: the KMS adapter against a mocked KMS that signs with a
 * real P-256 key (node:crypto), the DER-to-JOSE signature conversion, and the local adapter. Both
 * must refuse forged, altered, expired, misaddressed and unsigned tokens.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey, generateKeyPairSync, sign as signWithNode, verify as verifyWithNode, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { base64url, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type VerificationClaims } from '#shared/permit/token';
import { derToJose, kmsSigner, localSigner, permitSigner, TokenRejected, type PermitSigner } from '#functions/permit/signer';
import { loadOrCreateLocalSecrets } from '#infra/local/secrets';

const KEY_ARN = 'arn:aws:kms:cn-north-1:111122223333:key/0a1b2c3d-permit';
const kms = mockClient(KMSClient);
const saved = { ...process.env };

/** The key pair inside the mocked KMS. */
let kmsKey: { privateKey: KeyObject; publicKey: KeyObject };

const claims: VerificationClaims = { pid: 'permit-1', num: '4403-2026-ABCDEF', st: 'valid', city: '4403', ph: 'photo-1' };

beforeAll(async () => {
  kmsKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const local = await generateKeyPair('ES256', { extractable: true });
  Object.assign(process.env, {
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    PERMIT_KEY_ARN: KEY_ARN,
    PERMIT_SIGNING_JWK: JSON.stringify({ ...(await exportJWK(local.privateKey)), kid: 'local-1' }),
    PERMIT_VERIFICATION_JWK: JSON.stringify({ ...(await exportJWK(local.publicKey)), kid: 'local-1' }),
  });
});

afterAll(() => {
  process.env = saved;
  kms.restore();
});

beforeEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
  kms.reset();
  // KMS with ECDSA_SHA_256 over a RAW message: hashes it, signs, answers with a DER signature.
  kms.on(SignCommand).callsFake((input: { KeyId: string; Message: Uint8Array; MessageType: string; SigningAlgorithm: string }) => {
    expect(input).toMatchObject({ KeyId: KEY_ARN, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' });
    return { Signature: signWithNode('sha256', input.Message, { key: kmsKey.privateKey, dsaEncoding: 'der' }), KeyId: KEY_ARN };
  });
  kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ARN, PublicKey: kmsKey.publicKey.export({ type: 'spki', format: 'der' }) });
});

describe('derToJose', () => {
  it('turns DER signatures into the 64-byte r‖s that JWS uses, whatever the lengths of r and s', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const lengths = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const data = Buffer.from(`message ${i}`);
      const der = signWithNode('sha256', data, { key: privateKey, dsaEncoding: 'der' });
      lengths.add(der.length);
      const raw = derToJose(der);
      expect(raw.length).toBe(64);
      // Node verifies the converted form as IEEE P1363 (r‖s): the conversion lost nothing.
      const publicKey = createPublicKey(privateKey);
      expect(verifyWithNode('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
    // Leading zeros (a high first bit, or a short r or s) came up: the padding paths were taken.
    expect(lengths.size).toBeGreaterThan(1);
  });

  it('refuses what is not a DER ECDSA signature', () => {
    expect(() => derToJose(new Uint8Array([0x31, 0x02, 0x02, 0x00]))).toThrow();
    expect(() => derToJose(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01]))).toThrow();
    expect(() => derToJose(new Uint8Array([0x30, 0x25, 0x02, 0x21, ...new Array(33).fill(0x7f), 0x02, 0x00]))).toThrow();
  });
});

describe('the KMS adapter', () => {
  it('signs an ES256 JWT through KMS Sign that verifies with the KMS public key', async () => {
    const { token, expiresAt } = await kmsSigner.sign(claims, 120);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, kmsKey.publicKey, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: ['ES256'] });
    expect(payload).toMatchObject(claims);
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(expiresAt.getTime()).toBe(payload.exp! * 1000);
    expect(kms.commandCalls(SignCommand)).toHaveLength(1);
  });

  it('verifies with the public key from GetPublicKey, read once per container', async () => {
    const { token } = await kmsSigner.sign(claims, 120);
    expect(await kmsSigner.verify(token)).toMatchObject(claims);
    expect(await kmsSigner.verify(token)).toMatchObject(claims);
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
  });

  it('is the adapter when PERMIT_SIGNER says kms, and the default', () => {
    process.env.PERMIT_SIGNER = 'kms';
    expect(permitSigner()).toBe(kmsSigner);
    delete process.env.PERMIT_SIGNER;
    expect(permitSigner()).toBe(kmsSigner);
    process.env.PERMIT_SIGNER = 'local';
    expect(permitSigner()).toBe(localSigner);
    process.env.PERMIT_SIGNER = 'hsm';
    expect(() => permitSigner()).toThrow(/PERMIT_SIGNER/);
    delete process.env.PERMIT_SIGNER;
  });
});

/** The token with its payload changed and the original signature kept. */
function withPayload(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url.encode(JSON.stringify(change(decodeJwt(token))))}.${signature}`;
}

/** A token with the claims, signed with `key` (another key when none is given), for the issuer and audience given. */
async function signedBy(payload: Record<string, unknown>, options: { key?: CryptoKey | KeyObject; issuer?: string; audience?: string } = {}) {
  const key = options.key ?? (await generateKeyPair('ES256')).privateKey;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(options.issuer ?? TOKEN_ISSUER)
    .setAudience(options.audience ?? TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(key);
}

/** Each adapter's own signing key, as a test may use it to sign what the adapter would not. */
const ownKey = {
  kms: async () => kmsKey.privateKey,
  local: async () => (await importJWK(JSON.parse(process.env.PERMIT_SIGNING_JWK!), 'ES256')) as CryptoKey,
};

const rejection = async (signer: PermitSigner, token: string) => {
  try {
    await signer.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenRejected);
    return (error as TokenRejected).problem;
  }
  return 'accepted';
};

describe.each([
  ['kms', kmsSigner],
  ['local', localSigner],
] as const)('the %s adapter refuses', (name, signer) => {
  it('a token signed with another key', async () => {
    expect(await rejection(signer, await signedBy({ ...claims }))).toBe('invalid');
  });

  it('a token with a payload byte changed', async () => {
    const { token } = await signer.sign(claims, 120);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const bytes = base64url.decode(payload);
    bytes[bytes.length - 3]! ^= 0x01;
    expect(await rejection(signer, `${header}.${base64url.encode(bytes)}.${signature}`)).toBe('invalid');
    expect(await rejection(signer, withPayload(token, (p) => ({ ...p, st: 'valid', num: 'OTHER' })))).toBe('invalid');
    expect(await rejection(signer, withPayload(token, (p) => ({ ...p, exp: Number(p.exp) + 3600 })))).toBe('invalid');
  });

  it('an expired token, by the product clock', async () => {
    const { token } = await signer.sign(claims, 120);
    expect(await rejection(signer, token)).toBe('accepted');
    process.env.CLOCK_OFFSET_MS = String(121_000);
    expect(await rejection(signer, token)).toBe('expired');
  });

  it('a token for another issuer or audience, even when signed with its own key', async () => {
    const key = await ownKey[name]();
    expect(await rejection(signer, await signedBy({ ...claims }, { key }))).toBe('accepted');
    expect(await rejection(signer, await signedBy({ ...claims }, { key, issuer: 'local-idp' }))).toBe('invalid');
    expect(await rejection(signer, await signedBy({ ...claims }, { key, audience: 'portal' }))).toBe('invalid');
    const { token } = await signer.sign(claims, 120);
    expect(await rejection(signer, withPayload(token, (p) => ({ ...p, aud: 'portal' })))).toBe('invalid');
  });

  it('an unsigned token (alg none) and one whose claims are not a permit’s', async () => {
    const { token } = await signer.sign(claims, 120);
    const [, payload] = token.split('.');
    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
    expect(await rejection(signer, unsigned)).toBe('invalid');
    expect(await rejection(signer, 'a.b.c')).toBe('invalid');
    const { token: noPhoto } = await signer.sign({ ...claims, ph: '' }, 120);
    expect(await rejection(signer, noPhoto)).toBe('invalid');
  });
});

describe('the local key pair', () => {
  it('is added to a data directory written before permits, keeping every other key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'permit-keys-'));
    try {
      const earlier = await loadOrCreateLocalSecrets(dir);
      const { permitSigningKey: _s, permitVerificationKey: _v, ...older } = earlier;
      writeFileSync(join(dir, 'local-secrets.json'), JSON.stringify(older));

      const upgraded = await loadOrCreateLocalSecrets(dir);
      expect(upgraded).toMatchObject(older);
      expect(upgraded.permitSigningKey).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: upgraded.permitVerificationKey.kid });
      expect(upgraded.permitSigningKey.d).toBeDefined();
      expect(upgraded.permitVerificationKey.d).toBeUndefined();
      expect(JSON.parse(readFileSync(join(dir, 'local-secrets.json'), 'utf8'))).toEqual(upgraded);
      expect(await loadOrCreateLocalSecrets(dir)).toEqual(upgraded);

      // The pair signs and verifies as the local adapter uses it.
      process.env.PERMIT_SIGNING_JWK = JSON.stringify(upgraded.permitSigningKey);
      process.env.PERMIT_VERIFICATION_JWK = JSON.stringify(upgraded.permitVerificationKey);
      const { token } = await localSigner.sign(claims, 120);
      expect(decodeProtectedHeader(token).kid).toBe(upgraded.permitSigningKey.kid);
      expect(await localSigner.verify(token)).toMatchObject(claims);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
