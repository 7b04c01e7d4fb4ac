/**
 * Who may act for a house: its owner, or an agent the owner authorised by phone number (whoever
 * signs in with that number). To anyone else a house or a tenancy does not exist: the answer is
 * the same 404 as for a code nobody registered, so another landlord's houses cannot be probed.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { keyedHash } from '#functions/commons/pii';
import { agentHousesPartition, agentKey, houseKey, houseTenanciesPartition, landlordHousesPartition, type AgentItem, type HouseItem, type TenancyItem } from './items.ts';
import { houseNotFound, readHouse, readTenancy, tenancyNotFound } from './records.ts';
import type { Role } from './views.ts';

export interface HouseAccess {
  house: HouseItem;
  role: Role;
}

/** The hash the caller's agent items are keyed by; undefined when the token carries no phone. */
export const callerPhoneHash = async (caller: Caller) => (caller.phone ? keyedHash('phone', caller.phone) : undefined);

async function isAgentOf(code: string, caller: Caller): Promise<boolean> {
  const hash = await callerPhoneHash(caller);
  if (!hash) return false;
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: agentKey(code, hash), ConsistentRead: true }));
  return Item !== undefined;
}

/** The house with the caller's standing, or 404 when the caller is neither its owner nor its agent. */
export async function houseForCaller(caller: Caller, code: string, consistent = false): Promise<HouseAccess> {
  const house = await readHouse(code, consistent);
  if (!house) throw houseNotFound();
  if (house.owner.accountId === caller.id) return { house, role: 'owner' };
  if (await isAgentOf(code, caller)) return { house, role: 'agent' };
  throw houseNotFound();
}

/** The house for its owner only: an agent of it is told so (403), anyone else gets the 404. */
export async function houseForOwner(caller: Caller, code: string): Promise<HouseItem> {
  const { house, role } = await houseForCaller(caller, code, true);
  if (role !== 'owner') throw new ApiError(403, 'owner_only');
  return house;
}

/** A tenancy of one of the caller's houses, with the house; 404 otherwise. */
export async function tenancyForCaller(caller: Caller, id: string): Promise<HouseAccess & { tenancy: TenancyItem }> {
  const tenancy = await readTenancy(id, true);
  if (!tenancy) throw tenancyNotFound();
  try {
    return { tenancy, ...(await houseForCaller(caller, tenancy.houseId, true)) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'house_not_found') throw tenancyNotFound();
    throw error;
  }
}

/** The house's agents, oldest first. */
export async function agentsOf(code: string): Promise<AgentItem[]> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :agent)',
      ExpressionAttributeValues: { ':pk': houseKey(code).pk, ':agent': 'AGENT#' },
      ConsistentRead: true,
    }),
  );
  return (Items as AgentItem[]).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
}

/** Every house the caller owns or is an agent of, oldest first (owned ones first). */
export async function housesOfCaller(caller: Caller): Promise<HouseAccess[]> {
  const hash = await callerPhoneHash(caller);
  const [owned, agencies] = await Promise.all([
    queryAll<HouseItem>({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': landlordHousesPartition(caller.id) },
    }),
    hash
      ? queryAll<AgentItem>({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': agentHousesPartition(hash) },
        })
      : Promise.resolve([]),
  ]);
  const ownedIds = new Set(owned.map((h) => h.id));
  const agentHouses = await Promise.all(agencies.filter((a) => !ownedIds.has(a.houseId)).map((a) => readHouse(a.houseId)));
  return [
    ...owned.map((house) => ({ house, role: 'owner' as const })),
    ...agentHouses.filter((h): h is HouseItem => h !== undefined).map((house) => ({ house, role: 'agent' as const })),
  ];
}

/** A house's tenancies, by move-in date (newest first), optionally only those in `statuses`. */
export function tenanciesOf(code: string, statuses?: readonly TenancyItem['status'][]): Promise<TenancyItem[]> {
  const filter = statuses?.length
    ? {
        FilterExpression: `#status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
      }
    : {};
  return queryAll<TenancyItem>({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': houseTenanciesPartition(code), ...Object.fromEntries((statuses ?? []).map((s, i) => [`:s${i}`, s])) },
    ScanIndexForward: false,
    ...filter,
  });
}
