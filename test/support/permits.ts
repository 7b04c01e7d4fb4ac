/**
 * Residence-permit helpers for the integration suites, all through the real API: a migrant with a
 * registered residence (declared, then verified by the station's officer), photo and proof uploads
 * for an application, applying, and an officer accepting and approving so a permit is issued.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { PermitApplication, PermitCard, PermitOverview } from '#shared/api/permit';
import type { DeclarationInput } from '#shared/api/residence';
import { call, type Answer } from '#test/support/api-client';
import type { TestProduct } from '#test/support/product';
import { fileOf, putBytes, type Ticket } from '#test/support/residents';
import { declare, newMigrant, officersOf, type Migrant } from '#test/integration/review/migrants';

/** Streets of the seeded stations, one per pack the suites need. */
export const PERMIT_STREETS = {
  /** 深圳市福田区: the national pack. */
  shenzhen: '440304001',
  /** 沈阳市和平区: Liaoning (validity of 1, 2 or 3 years, renewal). */
  shenyang: '210102001',
  /** 大同市平城区: Datong (guardians do not apply; 30-day return grace). */
  datong: '140213050',
} as const;

const STATION_OF: Record<string, string> = { '440304': 'shenzhen-futian', '210102': 'shenyang-taiyuanjie', '140213': 'datong-xinjianlu' };

export type Officer = Awaited<ReturnType<typeof officersOf>>;
const officers = new Map<string, Promise<Officer>>();

/** The demo officer of the station of a street, signed in once per product. */
export function officerFor(product: TestProduct, street: string): Promise<Officer> {
  const station = STATION_OF[street.slice(0, 6)]!;
  const key = `${product.url} ${station}`;
  if (!officers.has(key)) officers.set(key, officersOf(product, station));
  return officers.get(key)!;
}

/** A migrant whose residence at `street` since `moveInDate` is registered (declared and verified). */
export async function registeredMigrant(
  product: TestProduct,
  street: string,
  moveInDate: string,
  extra: Partial<DeclarationInput> = {},
): Promise<Migrant & { declarationId: string }> {
  const migrant = await newMigrant(product);
  const declared = await declare(product, migrant, street, moveInDate, extra);
  const officer = await officerFor(product, street);
  const verified = await call(product, 'POST', `/api/officer/declarations/${declared.id}/decision`, {
    token: officer.token,
    body: { decision: 'verify', version: declared.version },
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return { ...migrant, declarationId: declared.id };
}

export type UploadPurpose = 'permitPhoto' | 'permitProof' | 'residenceProof';

/** Uploads a small file of `kind` for `purpose`; the upload id. */
export async function uploadFor(
  product: TestProduct,
  migrant: Pick<Migrant, 'token'>,
  purpose: UploadPurpose,
  kind: 'png' | 'jpeg' | 'pdf' = purpose === 'permitPhoto' ? 'jpeg' : 'pdf',
): Promise<string> {
  const contentType = { png: 'image/png', jpeg: 'image/jpeg', pdf: 'application/pdf' }[kind];
  const bytes = fileOf(kind);
  const ticket = await call<Ticket>(product, 'POST', '/api/me/uploads', {
    token: migrant.token,
    body: { purpose, fileName: `${purpose}.${kind}`, contentType, size: bytes.length },
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const stored = await putBytes(product, ticket.body, bytes);
  expect(stored.status).toBe(200);
  return ticket.body.uploadId;
}

/** A photo and one proof of `proofKind`, uploaded for an application. */
export async function applicationDocuments(product: TestProduct, migrant: Pick<Migrant, 'token'>, proofKind = 'residenceProof') {
  return [
    { kind: 'photo', uploadId: await uploadFor(product, migrant, 'permitPhoto') },
    { kind: proofKind, uploadId: await uploadFor(product, migrant, 'permitProof') },
  ];
}

type ErrorBody = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };
export type OrError<T> = T & ErrorBody;

/** POST an application, with an Idempotency-Key when given. */
export async function apply(
  product: TestProduct,
  migrant: Pick<Migrant, 'token'>,
  body: unknown,
  options: { key?: string; language?: string } = {},
): Promise<Answer<OrError<PermitApplication>>> {
  const response = await fetch(`${product.url}/api/me/permit/applications`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${migrant.token}`,
      'content-type': 'application/json',
      'accept-language': options.language ?? 'en',
      ...(options.key ? { 'idempotency-key': options.key } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export const overviewOf = (product: TestProduct, migrant: Pick<Migrant, 'token'>, language = 'en') =>
  call<OrError<PermitOverview>>(product, 'GET', '/api/me/permit', { token: migrant.token, language });

/** Applies with a photo and a proof; the application. */
export async function applyWithDocuments(product: TestProduct, migrant: Pick<Migrant, 'token'>, extra: Record<string, unknown> = {}, proofKind?: string) {
  const answer = await apply(product, migrant, { documents: await applicationDocuments(product, migrant, proofKind), ...extra }, { key: randomUUID() });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** The officer of the application's station accepts it, then approves it: the permit is issued. */
export async function issue(product: TestProduct, street: string, application: Pick<PermitApplication, 'id' | 'version'>): Promise<PermitApplication> {
  const officer = await officerFor(product, street);
  const decide = (body: unknown) =>
    call<OrError<PermitApplication>>(product, 'POST', `/api/officer/permit-applications/${application.id}/decision`, { token: officer.token, body, language: 'en' });
  const accepted = await decide({ action: 'accept', version: application.version });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  const approved = await decide({ action: 'approve', version: accepted.body.version });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(approved.body.status).toBe('issued');
  return approved.body;
}

/** A migrant holding a permit issued today under the pack of `street`, and the card as the permit page shows it. */
export async function permitHolder(product: TestProduct, street: string, moveInDate: string, extra: Record<string, unknown> = {}) {
  const migrant = await registeredMigrant(product, street, moveInDate);
  const application = await applyWithDocuments(product, migrant, extra, street.startsWith('1402') ? 'leaseFilingCertificate' : 'residenceProof');
  await issue(product, street, application);
  const overview = await overviewOf(product, migrant);
  expect(overview.status, JSON.stringify(overview.body)).toBe(200);
  const card = overview.body.self.permit as PermitCard;
  expect(card).toBeDefined();
  return { migrant, application, card };
}

/** GET the public verification of a token, as a checker without an account. */
export const verify = (product: TestProduct, token: string, language = 'en') =>
  call<OrError<{ result: string; number: string; city: string; validUntil?: string; holder: { nameMasked: string; photoUrl: string }; checkedAt: string }>>(
    product,
    'GET',
    `/api/verify/${encodeURIComponent(token)}`,
    { language },
  );
