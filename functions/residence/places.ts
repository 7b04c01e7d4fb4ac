/** Addresses of the residence rules: a division code that must exist, named from province down, and its station. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PlaceView } from '#shared/api/residence';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { invalidField } from '#functions/commons/errors';
import { divisionPath } from '#functions/policy/divisions';
import { stationOfCountyKey } from './items.ts';

/** A place with its names, or a 400 on `field` when the division code does not exist. */
export async function placeOf(division: string, detail: string, field: string): Promise<PlaceView> {
  const path = await divisionPath(division);
  if (!path) throw invalidField(field, 'validation.unknownDivision');
  return { division, path, detail };
}

/** The police station that registers residents of a street: the county's (first six digits) station. */
export async function stationFor(street: string): Promise<{ id: string; name: string } | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: stationOfCountyKey(street.slice(0, 6)) }));
  return Item ? { id: String(Item.stationId), name: String(Item.stationName) } : undefined;
}

/** The address as one line for messages: names from province down, then the detail. */
export const addressLine = (place: PlaceView) => `${place.path.join('')}${place.detail}`;
