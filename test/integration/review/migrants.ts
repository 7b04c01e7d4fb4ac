/**
 * Migrants and their declarations for the officer's tests, made through the real migrant API:
 * sign in by phone, fill in the profile, upload proof where the pack asks for it, declare.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect, vi } from 'vitest';
import type { DeclarationInput, ProfileInput } from '#shared/api/residence';
import { db } from '#functions/commons/dynamo';
import { call, craftToken, signInByPassword, signInByPhone, type Answer } from '#test/support/api-client';
import type { TestProduct } from '#test/support/product';
import { citizenId, declarationBody, fileOf, uploadProof as uploadResidentProof } from '#test/support/residents';

/** Streets (街道) of the seeded stations' counties, from the GB/T 2260 street list. */
export const STREETS = {
  datongYongtai: '140213050',
  datongGucheng: '140213051',
  urumqiYanerwo: '650102002',
} as const;

export const DATONG = 'datong-xinjianlu';
export const URUMQI = 'urumqi-hepinglu';

let nextPhone = 13700000000 + Math.floor(Math.random() * 1_000_000) * 100;
let nextSequence = 100;

/** A valid citizen ID number (GB 11643 checksum) born 1990-03-07, different on every call. */
export function citizenIdNumber(): string {
  return citizenId('110101', '19900307', String(++nextSequence % 1000).padStart(3, '0'));
}

export interface Migrant {
  token: string;
  phone: string;
  accountId: string;
  citizenId: string;
  name: string;
}

export async function newMigrant(product: TestProduct, name = '张三'): Promise<Migrant> {
  const phone = String(++nextPhone);
  const token = await signInByPhone(product, phone);
  const citizenId = citizenIdNumber();
  const profile: ProfileInput = {
    name,
    citizenId,
    ethnicity: '01',
    hukou: { division: '110101', detail: '东华门街道南池子大街 1 号' },
    education: 'bachelor',
    employment: 'employed',
    employer: '示例公司',
  };
  const saved = await call(product, 'PUT', '/api/me/profile', { token, body: profile });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const me = await call<{ id: string }>(product, 'GET', '/api/me', { token });
  return { token, phone, accountId: me.body.id, citizenId, name };
}

/** A 1×1 PNG as proof of residence (the upload check reads the file's signature). */
export const uploadProof = (product: TestProduct, migrant: Migrant): Promise<string> => uploadResidentProof(product, migrant, fileOf('png'));

/** Owned housing (no landlord) and a detail address that tells rows apart. */
export const declarationInput = (street: string, moveInDate: string, extra: Partial<DeclarationInput> = {}): DeclarationInput =>
  declarationBody(street, moveInDate, {
    address: { division: street, detail: `幸福小区 ${Math.floor(Math.random() * 30) + 1} 号楼` },
    intendedStay: 'from1Year',
    housing: 'own',
    landlordPhone: undefined,
    ...extra,
  });

/** POST with an Idempotency-Key, as the portal sends a submission. */
async function submit(product: TestProduct, token: string, body: DeclarationInput): Promise<Answer<any>> {
  const response = await fetch(`${product.url}/api/me/declarations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export interface Declared {
  id: string;
  version: number;
  actBy?: string;
}

/** Declares a residence; Xinjiang (65…) asks for proof of residence, so one is uploaded first. */
export async function declare(product: TestProduct, migrant: Migrant, street: string, moveInDate: string, extra: Partial<DeclarationInput> = {}): Promise<Declared> {
  const proof = street.startsWith('65') ? { proofUploadId: await uploadProof(product, migrant) } : {};
  const answer = await submit(product, migrant.token, declarationInput(street, moveInDate, { ...proof, ...extra }));
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return { id: answer.body.id, version: answer.body.version, actBy: answer.body.deadline?.lastDay };
}

/** The demo officer of a station (signed in with the password) and a second officer of it (a crafted token). */
export async function officersOf(product: TestProduct, station: string) {
  const demo = product.demoAccounts.find((a) => a.role === 'officer' && a.station === station)!;
  const token = await signInByPassword(product, demo.username!, demo.password!);
  const me = await call<{ id: string }>(product, 'GET', '/api/me', { token });
  const colleagueId = `colleague-${randomUUID()}`;
  const colleague = await craftToken(product, { sub: colleagueId, 'cognito:groups': ['officer'], 'custom:station': station });
  return { token, id: me.body.id, colleague, colleagueId };
}

/** The audit events stored under a person, oldest first (read from the table: the API for them is the person's, later). */
export async function auditOf(product: TestProduct, accountId: string) {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: product.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': `PERSON#${accountId}`, ':audit': 'AUDIT#' },
      ConsistentRead: true,
    }),
  );
  return Items;
}

/**
 * Makes every audit write fail (the table's client is the product's, in this process) until the
 * returned spy is restored: what an officer reads must not be shown unaudited.
 */
export function auditStoreDown() {
  const client = db();
  const send = client.send.bind(client);
  return vi.spyOn(client, 'send').mockImplementation(((command: { input?: { Item?: { sk?: string } } }) => {
    if (command instanceof PutCommand && String(command.input.Item?.sk).startsWith('AUDIT#')) return Promise.reject(new Error('audit store down'));
    return send(command as never);
  }) as never);
}

/** An officer's audit events through gsi1. */
export async function auditByOfficer(product: TestProduct, officerId: string) {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: product.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `OFFICER#${officerId}#AUDIT` },
    }),
  );
  return Items;
}

/** Shanghai noon of a date, as a CLOCK_OFFSET_MS that makes it "today" for the in-process product. */
export function pinToday(date: string): void {
  process.env.CLOCK_OFFSET_MS = String(Date.parse(`${date}T04:00:00Z`) - Date.now());
}

export function unpinToday(): void {
  delete process.env.CLOCK_OFFSET_MS;
}

/** A body that is the success shape on 2xx and the error shape otherwise; tests check the status first. */
export type OrError<T> = T & { error: { code: string; fields?: Array<{ path: string; message: string }> } };
