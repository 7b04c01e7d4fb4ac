/**
 * Keys of the local product, made on first start and kept in DATA_DIR so tokens and keyed
 * hashes stay valid across restarts. In AWS, Cognito and Secrets Manager hold these.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface LocalSecrets {
  /** Base64 key of the keyed hash of personal identifiers. */
  piiHashKey: string;
  /** Base64 HMAC key of the local blob store's presigned URLs. */
  blobSigningKey: string;
  signingKey: JWK;
  verificationKey: JWK;
  /** ES256 key pair of the permit's QR tokens (a KMS key in AWS). */
  permitSigningKey: JWK;
  permitVerificationKey: JWK;
}

/** An ES256 key pair as JWKs sharing a fresh key id. */
async function es256KeyPair(): Promise<{ signing: JWK; verification: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  return {
    signing: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    verification: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' },
  };
}

/** Keys a later release added, made for a data directory written before it. */
type AddedLater = 'blobSigningKey' | 'permitSigningKey' | 'permitVerificationKey';

export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets> & Omit<LocalSecrets, AddedLater>;
    if (stored.blobSigningKey && stored.permitSigningKey && stored.permitVerificationKey) return stored as LocalSecrets;
    // Made by an earlier release: add the missing keys, keep the rest (tokens and hashes stay valid).
    const permit = stored.permitSigningKey && stored.permitVerificationKey ? undefined : await es256KeyPair();
    const upgraded: LocalSecrets = {
      ...stored,
      blobSigningKey: stored.blobSigningKey ?? randomBytes(32).toString('base64'),
      permitSigningKey: permit?.signing ?? stored.permitSigningKey!,
      permitVerificationKey: permit?.verification ?? stored.permitVerificationKey!,
    };
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  const identity = await es256KeyPair();
  const permit = await es256KeyPair();
  const secrets: LocalSecrets = {
    piiHashKey: randomBytes(32).toString('base64'),
    blobSigningKey: randomBytes(32).toString('base64'),
    signingKey: identity.signing,
    verificationKey: identity.verification,
    permitSigningKey: permit.signing,
    permitVerificationKey: permit.verification,
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
