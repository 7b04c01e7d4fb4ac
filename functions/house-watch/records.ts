/**
 * Reading the station's houses for the officer: a house only of the officer's own station, its
 * history, and the houses an unconfirmed request's row names.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readItems } from '#functions/commons/batch-read';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { notYourStation, type OfficerStation } from '#functions/review/station';
import { queryAll } from '#functions/commons/dynamo';
import { agentsOf, tenanciesOf } from '#functions/landlord/access';
import { houseKey, type HouseEventItem, type HouseItem } from '#functions/landlord/items';
import { houseNotFound, readHouse } from '#functions/landlord/records';
import type { StartKey } from '#functions/review/queue-page';
import { encodeCursor } from '#functions/residence/pages';
import type { HouseParts } from './views.ts';

/**
 * The house if it belongs to the station: 404 when nobody registered the code, 403 when it is
 * another station's (the officer learns that it exists, not what it holds).
 */
export async function houseOfStation(code: string, station: OfficerStation): Promise<HouseItem> {
  const house = await readHouse(code);
  if (!house) throw houseNotFound();
  if (house.stationId !== station.id) throw notYourStation();
  return house;
}

/** The house's history (registered, corrected, agents added and removed), oldest first. */
export const houseEventsOf = (code: string): Promise<HouseEventItem[]> =>
  queryAll<HouseEventItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
    ExpressionAttributeValues: { ':pk': houseKey(code).pk, ':event': 'EVENT#' },
  });

/** Everything the officer's view of a house shows besides the house itself. */
export async function houseParts(house: HouseItem, now: Date): Promise<HouseParts> {
  const [agents, tenancies, events] = await Promise.all([agentsOf(house.id), tenanciesOf(house.id), houseEventsOf(house.id)]);
  return { house, agents, tenancies, events, now };
}

/** The houses of a page's rows, by code (each read once). */
export async function housesById(codes: readonly string[]): Promise<Map<string, HouseItem>> {
  const houses = await readItems<HouseItem>(codes.map(houseKey));
  return new Map(houses.map((h) => [h.id, h]));
}

/** One page of a query: its items and the cursor of the next page. */
export async function queryPage<T>(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<{ items: T[]; cursor?: string }> {
  const page = await db().send(new QueryCommand(input));
  const cursor = encodeCursor(page.LastEvaluatedKey as StartKey | undefined);
  return { items: (page.Items ?? []) as T[], ...(cursor ? { cursor } : {}) };
}
