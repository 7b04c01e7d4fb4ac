/** Small HTTP helpers for integration tests: every call goes through the real local server. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { TestProduct } from './product.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '#functions/identity/local-tokens';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  product: { url: string },
  method: string,
  path: string,
  options: { body?: unknown; token?: string; language?: string; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.language) headers['accept-language'] = options.language;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${product.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export interface OutboxMessage {
  phone: string;
  text: string;
  sentAt: string;
}

/** What the local SMS adapter "sent" to a phone, newest first. */
export async function readOutbox(target: { url: string }, phone: string): Promise<OutboxMessage[]> {
  const answer = await call<{ messages: OutboxMessage[] }>(target, 'GET', `/api/dev/outbox?phone=${encodeURIComponent(phone)}`);
  return answer.body.messages;
}

export async function latestCode(target: { url: string }, phone: string): Promise<string> {
  const [message] = await readOutbox(target, phone);
  const code = /\d{6}/.exec(message?.text ?? '')?.[0];
  if (!code) throw new Error(`no code in the outbox of ${phone}`);
  return code;
}

export async function signInByPhone(product: { url: string }, phone: string): Promise<string> {
  const requested = await call(product, 'POST', '/api/auth/otp', { body: { phone } });
  if (requested.status !== 202) throw new Error(`code request failed: ${requested.status} ${JSON.stringify(requested.body)}`);
  const answer = await call<{ token: string }>(product, 'POST', '/api/auth/token', {
    body: { phone, code: await latestCode(product, phone) },
  });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

export async function signInByPassword(product: { url: string }, username: string, password: string): Promise<string> {
  const answer = await call<{ token: string }>(product, 'POST', '/api/auth/token', { body: { username, password } });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

/** A token with the given claims, signed by the product's key (or another key), with any lifetime. */
export async function craftToken(
  product: Pick<TestProduct, 'dataDir'>,
  claims: Record<string, unknown>,
  options: { expiresAt?: number; foreignKey?: boolean } = {},
): Promise<string> {
  const secrets = JSON.parse(readFileSync(join(product.dataDir, 'local-secrets.json'), 'utf8')) as { signingKey: JWK };
  const key = options.foreignKey ? (await generateKeyPair('ES256')).privateKey : await importJWK(secrets.signingKey, 'ES256');
  const issuedAt = Math.floor(Date.now() / 1000) - 7200;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 600)
    .sign(key);
}
