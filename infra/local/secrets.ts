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
  signingKey: JWK;
  verificationKey: JWK;
}

export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const secrets: LocalSecrets = {
    piiHashKey: randomBytes(32).toString('base64'),
    signingKey: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    verificationKey: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' },
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
