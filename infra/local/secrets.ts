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
}

export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets> & Omit<LocalSecrets, 'blobSigningKey'>;
    if (stored.blobSigningKey) return stored as LocalSecrets;
    // Made by a release before the blob store: add the key, keep the rest (tokens stay valid).
    const upgraded: LocalSecrets = { ...stored, blobSigningKey: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const secrets: LocalSecrets = {
    piiHashKey: randomBytes(32).toString('base64'),
    blobSigningKey: randomBytes(32).toString('base64'),
    signingKey: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    verificationKey: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' },
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
