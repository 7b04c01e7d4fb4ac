/**
 * Reading what the permit rules decide on: the person's registered residence, their children, their
 * permits and applications. Every read is a key look-up or an index query of one person.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { listChildren } from '#functions/residence/children';
import { personKey, type ChildItem, type DeclarationItem, type ProfileItem } from '#functions/residence/items';
import { readProfile } from '#functions/residence/profiles';
import {
  applicationKey,
  applyingKey,
  holderPermitKey,
  permitKey,
  type ApplyingItem,
  type HolderRef,
  type PermitApplicationItem,
  type PermitItem,
  type PermitPointerItem,
} from './items.ts';

export const applicationNotFound = () => new ApiError(404, 'permit_application_not_found');
export const permitNotFound = () => new ApiError(404, 'permit_not_found');
/** Someone else changed the application since it was read (a stale version, or a concurrent decision). */
export const applicationChanged = () => new ApiError(409, 'application_changed');

const get = async <T>(Key: { pk: string; sk: string }, consistent = true): Promise<T | undefined> => {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key, ConsistentRead: consistent }));
  return Item as T | undefined;
};

export const readApplication = (id: string) => get<PermitApplicationItem>(applicationKey(id));
export const readPermit = (permitId: string) => get<PermitItem>(permitKey(permitId));

/** The caller's application; another person's answers exactly as a missing one, so ids cannot be probed. */
export async function ownApplication(accountId: string, id: string): Promise<PermitApplicationItem> {
  const application = await readApplication(id);
  if (!application || application.accountId !== accountId) throw applicationNotFound();
  return application;
}

/** The holder's permit (the caller's own, or a child's), if one was ever issued. */
export async function holderPermit(accountId: string, holder: HolderRef): Promise<PermitItem | undefined> {
  const pointer = await get<PermitPointerItem>(holderPermitKey(accountId, holder));
  return pointer ? readPermit(pointer.permitId) : undefined;
}

/** The holder's application in progress (submitted, accepted or returned), if any. */
export async function openApplication(accountId: string, holder: HolderRef): Promise<PermitApplicationItem | undefined> {
  const pointer = await get<ApplyingItem>(applyingKey(accountId, holder));
  return pointer ? readApplication(pointer.applicationId) : undefined;
}

/**
 * A person's index partition on gsi1, newest first, page by page; stops early when `enough` says so.
 * A person has a handful of declarations and applications, so this reads a few index entries.
 */
async function newestFirst<T>(partition: string, enough: (items: T[]) => boolean, filter?: { status: string }): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ...(filter
          ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
          : {}),
        ExpressionAttributeValues: { ':pk': partition, ...(filter ? { ':status': filter.status } : {}) },
        ScanIndexForward: false,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(Items as T[]));
    start = LastEvaluatedKey;
  } while (start && !enough(items));
  return items;
}

/** The person's registered residence (居住登记 verified and not ended): the newest registered declaration. */
export async function registeredResidence(accountId: string): Promise<DeclarationItem | undefined> {
  const found = await newestFirst<DeclarationItem>(`${personKey(accountId)}#DECLS`, (items) => items.length > 0, { status: 'registered' });
  return found[0];
}

/** Every application of the person, newest first. */
export const applicationsOf = (accountId: string): Promise<PermitApplicationItem[]> =>
  newestFirst<PermitApplicationItem>(`${personKey(accountId)}#PAPPS`, () => false);

/** Everything the permit page and the entitlements decide on for one person. */
export interface PersonRecord {
  profile: ProfileItem | undefined;
  residence: DeclarationItem | undefined;
  children: ChildItem[];
  /** By holder (`self` or child id). */
  permits: Map<HolderRef, PermitItem>;
  /** The latest application by holder. */
  latestApplications: Map<HolderRef, PermitApplicationItem>;
}

export async function personRecord(accountId: string): Promise<PersonRecord> {
  const [profile, residence, children, applications] = await Promise.all([
    readProfile(accountId),
    registeredResidence(accountId),
    listChildren(accountId),
    applicationsOf(accountId),
  ]);
  const holders: HolderRef[] = ['self', ...children.map((c) => c.id)];
  const permitList = await Promise.all(holders.map((h) => holderPermit(accountId, h)));
  const permits = new Map<HolderRef, PermitItem>();
  holders.forEach((h, i) => permitList[i] && permits.set(h, permitList[i]!));
  const latestApplications = new Map<HolderRef, PermitApplicationItem>();
  for (const a of applications) if (!latestApplications.has(a.holder)) latestApplications.set(a.holder, a);
  return { profile, residence, children, permits, latestApplications };
}
