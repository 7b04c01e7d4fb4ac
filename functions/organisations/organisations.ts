/**
 * The administrator's organisations: created with a unique, checksum-valid unified social credit
 * code and an address whose division exists; listed newest first; read with their users. A user is
 * created in the user directory in one transaction with the organisation's user item and count.
 */
import { randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { OrganisationInput, OrganisationUser, OrganisationView } from '#shared/api/organisations';
import { readableCode } from '#shared/references';
import { currentInstant } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import { queryAll } from '#functions/commons/dynamo';
import { placeOf, stationFor } from '#functions/residence/places';
import { queryPage } from '#functions/house-watch/records';
import { partitionQueryInput, partitionStartKey, type QueuePartition, type StartKey } from '#functions/review/queue-page';
import { createOrganisationUser, type NewOrganisationUser } from '#functions/identity/user-directory';
import { getAccount } from '#functions/identity/accounts';
import {
  creditCodeKey,
  ORGANISATIONS_PARTITION,
  organisationKey,
  organisationUserKey,
  type OrganisationItem,
  type OrganisationUserItem,
} from '#functions/agency/items';

export const organisationNotFound = () => new ApiError(404, 'organisation_not_found');

/** `org-` and ten lowercase Crockford characters (about 50 bits): not guessable, easy to read out. */
export const newOrganisationId = () => `org-${readableCode(Array.from({ length: 10 }, () => randomInt(32)), 10).toLowerCase()}`;

/** What a list row and a view need of an organisation. */
type OrganisationRow = Pick<OrganisationItem, 'id' | 'type' | 'name' | 'creditCode' | 'address' | 'createdAt' | 'users'>;

export const organisationView = (item: OrganisationRow): OrganisationView => ({
  id: item.id,
  type: item.type,
  name: item.name,
  creditCode: item.creditCode,
  address: item.address,
  createdAt: item.createdAt,
  users: item.users,
});

export const organisationUserView = (item: OrganisationUserItem): z.input<typeof OrganisationUser> => ({
  id: item.accountId,
  username: item.username,
  displayName: item.displayName,
  ...(item.phone ? { phone: item.phone } : {}),
  orgAdmin: item.orgAdmin,
  createdAt: item.createdAt,
});

export async function readOrganisation(id: string): Promise<OrganisationItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: organisationKey(id) }));
  return Item as OrganisationItem | undefined;
}

/** The organisation item and its credit code's look-up item, each only if new. */
export function organisationPuts(item: OrganisationItem): TransactItem[] {
  return [
    { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        TableName: tableName(),
        Item: { ...creditCodeKey(item.creditCode), orgId: item.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** Who made it, as the back office shows it: the administrator's name, else their id. */
async function nameOf(caller: Caller): Promise<string> {
  return (await getAccount(caller.id))?.displayName ?? caller.id;
}

type ParsedOrganisationInput = z.output<typeof OrganisationInput>;

export async function createOrganisation(input: ParsedOrganisationInput, caller: Caller): Promise<OrganisationItem> {
  const address = await placeOf(input.address.division, input.address.detail, 'address.division');
  const station = await stationFor(input.address.division);
  const createdAt = currentInstant().toISOString();
  const id = newOrganisationId();
  const item: OrganisationItem = {
    ...organisationKey(id),
    sk: 'ORG',
    id,
    type: input.type,
    name: input.name,
    creditCode: input.creditCode,
    address,
    ...(station ? { stationId: station.id } : {}),
    createdAt,
    createdBy: await nameOf(caller),
    users: 0,
    gsi1pk: ORGANISATIONS_PARTITION,
    gsi1sk: `${createdAt}#${id}`,
  };
  try {
    await transact(organisationPuts(item));
  } catch (error) {
    if (failedConditions(error)?.[1]) throw new ApiError(409, 'credit_code_taken');
    throw error;
  }
  return item;
}

const organisationsPartition: QueuePartition = { index: 'gsi1', partitionKey: ORGANISATIONS_PARTITION };
const ORGANISATION_SORT_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#(org-[a-z0-9-]{3,60})$/;
const ORGANISATION_ATTRIBUTES = ['id', 'type', 'name', 'creditCode', 'address', 'createdAt', 'users'] as const satisfies readonly (keyof OrganisationRow)[];

/** One page of organisations, newest first; a cursor is accepted only as a key of this list. */
export async function organisationsPage(limit: number, cursor: string | undefined): Promise<{ items: OrganisationRow[]; cursor?: string }> {
  const start: StartKey | undefined = partitionStartKey(cursor, organisationsPartition, (sortKey) => {
    const id = ORGANISATION_SORT_KEY.exec(sortKey)?.[1];
    return id ? organisationKey(id) : undefined;
  });
  return queryPage<OrganisationRow>({ ...partitionQueryInput(tableName(), organisationsPartition, ORGANISATION_ATTRIBUTES, limit, start), ScanIndexForward: false });
}

/** The organisation's users, oldest first (a small partition: read whole). */
export const organisationUsers = (id: string): Promise<OrganisationUserItem[]> =>
  queryAll<OrganisationUserItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :user)',
    ExpressionAttributeValues: { ':pk': organisationKey(id).pk, ':user': 'USER#' },
  });

/**
 * The organisation's user item and one more on its count, in the account's own transaction. The
 * organisation must still exist then (it is read first, but the count's condition decides).
 */
export function organisationUserWrites(orgId: string, user: Omit<OrganisationUserItem, 'pk' | 'sk' | 'accountId'>) {
  return (account: { id: string }): TransactItem[] => [
    {
      Put: {
        TableName: tableName(),
        Item: { ...organisationUserKey(orgId, account.id), accountId: account.id, ...user } satisfies OrganisationUserItem,
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: organisationKey(orgId),
        UpdateExpression: 'ADD #users :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#users': 'users' },
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
}

export async function addOrganisationUser(
  org: OrganisationItem,
  input: Omit<NewOrganisationUser, 'org' | 'password'>,
  password: string,
): Promise<OrganisationUserItem> {
  const createdAt = currentInstant().toISOString();
  const user = {
    username: input.username,
    displayName: input.displayName,
    ...(input.phone ? { phone: input.phone } : {}),
    orgAdmin: input.orgAdmin,
    createdAt,
  };
  try {
    const account = await createOrganisationUser(
      { ...input, org: { id: org.id, name: org.name, type: org.type }, password },
      organisationUserWrites(org.id, user),
    );
    return { ...organisationUserKey(org.id, account.id), accountId: account.id, ...user };
  } catch (error) {
    // The username's condition is the directory's to report; here only the organisation can be gone.
    const failed = failedConditions(error);
    if (failed?.at(-1)) throw organisationNotFound();
    throw error;
  }
}

/**
 * A strong initial password for a new user, handed over once: 20 characters with at least one
 * lower case letter, upper case letter, digit and symbol (Cognito's default policy), without the
 * characters that are easily misread (0/O, 1/l/I).
 */
export function initialPassword(length = 20): string {
  const classes = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#%*+-=?@_'];
  const all = classes.join('');
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [...classes.map(pick), ...Array.from({ length: length - classes.length }, () => pick(all))];
  // Fisher–Yates, so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
