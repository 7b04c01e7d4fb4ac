/**
 * Permit applications for the officer's tests, stored as the migrant's application would store
 * them (the shapes of functions/permit/items.ts), so a queue can be laid out with chosen stations,
 * submission times and kinds; and the officer's calls on them.
 */
import { randomInt } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { PermitApplication, PermitApplicationForReview, PermitQueueItem } from '#shared/api/permit';
import type { z } from 'zod';
import { applicationReference, type ApplicationKind, type ApplicationStatus } from '#shared/permit/lifecycle';
import { shanghaiDate } from '#shared/policy/civil-time';
import type { Duration, PackId } from '#shared/policy/schema';
import { maskCitizenId } from '#shared/residence/citizen-id';
import { db } from '#functions/commons/dynamo';
import { divisionPath } from '#functions/policy/divisions';
import { uploadKey } from '#functions/residence/items';
import {
  applicationIndexKeys,
  applicationKey,
  applyingKey,
  holderPermitKey,
  permitKey,
  type AttachedDocument,
  type HolderRef,
  type PermitApplicationItem,
  type PermitItem,
} from '#functions/permit/items';
import { call } from '#test/support/api-client';
import type { TestProduct } from '#test/support/product';
import { fileOf, putBytes, uploadProof, type Ticket } from '#test/support/residents';
import type { Migrant, OrError } from '../review/migrants.ts';

export { DATONG, newMigrant, officersOf, pinToday, unpinToday, auditOf, type Migrant, type OrError } from '../review/migrants.ts';

export const SHENZHEN = 'shenzhen-futian';

/** Streets of the seeded stations' counties. */
export const PERMIT_STREETS = {
  datong: '140213050',
  shenzhen: '440304001',
} as const;

/** The pack each test station decides by. */
const PACKS: Record<string, PackId> = { '140213': 'datong', '440304': 'national' };

/**
 * A station of the given county in a remote area (偏远地区), added beside the seeded ones with its
 * own officer: applications accepted there get the pack's remote time limit.
 */
export async function remoteStation(product: TestProduct, id: string, county: string) {
  await db().send(
    new PutCommand({
      TableName: product.tableName,
      Item: { pk: `STATION#${id}`, sk: 'STATION', gsi1pk: 'STATIONS', gsi1sk: id, id, name: `${id} 派出所`, divisions: [county], remote: true },
    }),
  );
}

/** A stored photo of the migrant's (a real PNG behind a real upload), as an application's document. */
export async function photoOf(product: TestProduct, migrant: Migrant): Promise<AttachedDocument> {
  const uploadId = await uploadProof(product, migrant, fileOf('png'));
  const { Item } = await db().send(new GetCommand({ TableName: product.tableName, Key: uploadKey(uploadId) }));
  return { id: uploadId, kind: 'photo', fileName: 'photo.png', contentType: 'image/png', size: Number(Item!.size), blobKey: String(Item!.blobKey) };
}

/** Uploads a file for a permit application (its photo, or a proof); the upload id. */
export async function uploadFor(product: TestProduct, migrant: Migrant, purpose: 'permitPhoto' | 'permitProof'): Promise<string> {
  const bytes = fileOf('png');
  const ticket = await call<Ticket>(product, 'POST', '/api/me/uploads', {
    token: migrant.token,
    body: { purpose, fileName: `${purpose}.png`, contentType: 'image/png', size: bytes.length },
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  expect((await putBytes(product, ticket.body, bytes)).status).toBe(200);
  return ticket.body.uploadId;
}

/** Applies through the migrant's own route, as the portal does: the photo and a proof the pack lists. */
export async function applyAsMigrant(product: TestProduct, migrant: Migrant, proofKind: string): Promise<PermitApplication> {
  const documents = [
    { kind: 'photo', uploadId: await uploadFor(product, migrant, 'permitPhoto') },
    { kind: proofKind, uploadId: await uploadFor(product, migrant, 'permitProof') },
  ];
  const answer = await call<PermitApplication>(product, 'POST', '/api/me/permit/applications', { token: migrant.token, body: { documents } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

export interface Placing {
  station: string;
  street: string;
  submittedAt?: string;
  kind?: ApplicationKind;
  holder?: HolderRef;
  holderName?: string;
  status?: ApplicationStatus;
  documents?: AttachedDocument[];
  validity?: Duration;
  permitId?: string;
  declarationId?: string;
}

export interface Placed {
  id: string;
  version: number;
  migrant: Migrant;
  item: PermitApplicationItem;
}

/** Stores a submitted application (and the holder's open-application pointer) as applying would. */
export async function placeApplication(product: TestProduct, migrant: Migrant, placing: Placing): Promise<Placed> {
  const submittedAt = placing.submittedAt ?? new Date().toISOString();
  const id = applicationReference(shanghaiDate(new Date(submittedAt)), Array.from({ length: 6 }, () => randomInt(32)));
  const holder = placing.holder ?? 'self';
  const packId = PACKS[placing.street.slice(0, 6)]!;
  // Datong's permit is valid five years; the national one has no end of validity.
  const validity: Duration | undefined = placing.validity ?? (packId === 'datong' ? { amount: 5, unit: 'years' } : undefined);
  const fields = {
    ...applicationKey(id),
    sk: 'PAPP' as const,
    id,
    kind: placing.kind ?? 'first',
    status: placing.status ?? 'submitted',
    accountId: migrant.accountId,
    holder,
    holderName: placing.holderName ?? migrant.name,
    holderBirthDate: '1990-03-07',
    person: { name: migrant.name, citizenIdMasked: maskCitizenId(migrant.citizenId) },
    packId,
    stationId: placing.station,
    stationName: `${placing.station} 派出所`,
    remote: false,
    declarationId: placing.declarationId ?? 'JD20261101-0000AA',
    address: { division: placing.street, path: (await divisionPath(placing.street))!, detail: `幸福小区 ${randomInt(1, 30)} 号楼` },
    ...(validity ? { validity } : {}),
    documents: placing.documents ?? [await photoOf(product, migrant)],
    ...(placing.permitId ? { permitId: placing.permitId } : {}),
    submittedAt,
    updatedAt: submittedAt,
    version: 1,
    history: [{ at: submittedAt, event: 'submitted' as const, actor: 'migrant' as const }],
  };
  const item: PermitApplicationItem = { ...fields, ...applicationIndexKeys(fields) };
  await db().send(new PutCommand({ TableName: product.tableName, Item: item }));
  await db().send(new PutCommand({ TableName: product.tableName, Item: { ...applyingKey(migrant.accountId, holder), applicationId: id } }));
  return { id, version: 1, migrant, item };
}

/** What the migrant's correction (补正) stores: submitted again, one version on. */
export async function resubmit(product: TestProduct, placed: Placed, version: number): Promise<number> {
  const { Item } = await db().send(new GetCommand({ TableName: product.tableName, Key: applicationKey(placed.id), ConsistentRead: true }));
  const current = Item as PermitApplicationItem;
  expect(current.version).toBe(version);
  const at = new Date().toISOString();
  const { corrections: _c, ...rest } = current;
  const next = { ...rest, status: 'submitted' as const, updatedAt: at, version: version + 1, history: [...current.history, { at, event: 'resubmitted' as const, actor: 'migrant' as const }] };
  await db().send(new PutCommand({ TableName: product.tableName, Item: { ...next, ...applicationIndexKeys(next) } }));
  return version + 1;
}

export const readItem = async <T>(product: TestProduct, key: { pk: string; sk: string }) =>
  (await db().send(new GetCommand({ TableName: product.tableName, Key: key, ConsistentRead: true }))).Item as T | undefined;

export const storedApplication = (product: TestProduct, id: string) => readItem<PermitApplicationItem>(product, applicationKey(id));
export const storedPermit = (product: TestProduct, id: string) => readItem<PermitItem>(product, permitKey(id));
export const holderPointer = (product: TestProduct, accountId: string, holder: HolderRef = 'self') =>
  readItem<{ permitId: string }>(product, holderPermitKey(accountId, holder));
export const applyingPointer = (product: TestProduct, accountId: string, holder: HolderRef = 'self') =>
  readItem<{ applicationId: string }>(product, applyingKey(accountId, holder));

/** The person's 消息 items, newest first, as stored. */
export async function messagesOf(product: TestProduct, accountId: string) {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: product.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
      ExpressionAttributeValues: { ':pk': `PERSON#${accountId}`, ':msg': 'MSG#' },
      ScanIndexForward: false,
      ConsistentRead: true,
    }),
  );
  return Items as Array<{ kind: string; applicationId?: string; values: Record<string, string> }>;
}

export type Page = { items: PermitQueueItem[]; cursor?: string };
export type ForReview = z.infer<typeof PermitApplicationForReview>;

/** The officer's calls. */
export function officerCalls(product: TestProduct) {
  return {
    queue: (token: string, query = '') => call<OrError<Page>>(product, 'GET', `/api/officer/permit-applications${query}`, { token }),
    detail: (token: string, id: string, language = 'en') =>
      call<OrError<ForReview>>(product, 'GET', `/api/officer/permit-applications/${id}`, { token, language }),
    decide: (token: string, id: string, body: unknown) =>
      call<OrError<PermitApplication>>(product, 'POST', `/api/officer/permit-applications/${id}/decision`, { token, body, language: 'en' }),
    bulk: (token: string, items: Array<{ id: string; version: number }>) =>
      call<OrError<{ results: Array<{ id: string; outcome: string; permitNumber?: string }> }>>(product, 'POST', '/api/officer/permit-applications/approvals', {
        token,
        body: { items },
      }),
  };
}

/** Accepts an application at its version; the accepted application. */
export async function accept(product: TestProduct, token: string, placed: { id: string; version: number }): Promise<PermitApplication> {
  const answer = await officerCalls(product).decide(token, placed.id, { action: 'accept', version: placed.version });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}
