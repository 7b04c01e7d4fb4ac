/**
 * The officer's station: which declarations an officer may see and decide. The station comes from
 * the token's `custom:station` claim; its counties come from the station item, not from the token,
 * so moving a county between stations takes effect without re-issuing tokens.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError, forbidden } from '#functions/commons/errors';
import { now } from '#functions/commons/clock';
import type { Caller } from '#functions/commons/http/caller';

export interface OfficerStation {
  id: string;
  name: string;
  /** County codes (6 digits) the station covers. */
  divisions: string[];
  /** In a remote area: the pack's remote time limit for issuing a permit applies. */
  remote: boolean;
}

export const stationKey = (id: string) => ({ pk: `STATION#${id}`, sk: 'STATION' });

/**
 * Station items are reference data that change a few times a year; every queue page reads one, so
 * a function instance keeps them for a minute instead of paying a read per page.
 */
const CACHE_MS = 60_000;
const cache = new Map<string, { table: string; readAt: number; station: OfficerStation | undefined }>();

async function readStation(id: string): Promise<OfficerStation | undefined> {
  const table = tableName();
  const cached = cache.get(id);
  if (cached && cached.table === table && now() - cached.readAt < CACHE_MS) return cached.station;
  const { Item } = await db().send(new GetCommand({ TableName: table, Key: stationKey(id) }));
  const station = Item
    ? { id: String(Item.id), name: String(Item.name), divisions: (Item.divisions as string[]) ?? [], remote: Item.remote === true }
    : undefined;
  cache.set(id, { table, readAt: now(), station });
  return station;
}

/** The caller's station; 403 when the token names none or one that does not exist. */
export async function stationOf(caller: Caller): Promise<OfficerStation> {
  if (!caller.station) throw forbidden();
  const station = await readStation(caller.station);
  if (!station) throw forbidden();
  return station;
}

export const notYourStation = () => new ApiError(403, 'not_your_station');

/** A street code (9 digits) lies in the station's area when its county (first 6 digits) does. */
export function coversStreet(station: OfficerStation, street: string): boolean {
  return station.divisions.includes(street.slice(0, 6));
}
