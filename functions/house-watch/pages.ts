/**
 * The pages of the officer's house lists, each a query of one partition of the station, paged by
 * DynamoDB's LastEvaluatedKey with the review queue's cursor checks: a cursor is accepted only if
 * it is exactly a key of the partition (and range) being read, so it cannot move a query to
 * another station, another street or another list.
 *
 * - houses: gsi2 `STATION#<station>#HOUSES` / `<street>#<code>` (a street: `begins_with`);
 * - houses over capacity: gsi3 `OVERCAP#<station>` / `<street>#<code>` (same sort key);
 * - late reports: `LATE#<station>` / `<lastDay>#<tenancyId>#<report>`, oldest last day first;
 * - unconfirmed requests: gsi3 `WATCH#<station>` / `<confirmBy>#<tenancyId>` below now.
 */
import { decodeCursor } from '#functions/residence/pages';
import { partitionQueryInput, partitionStartKey, type QueuePartition, type StartKey } from '#functions/review/queue-page';
import {
  houseKey,
  latePartition,
  lateReportKey,
  overCapacityPartition,
  stationHousesPartition,
  tenancyKey,
  watchPartition,
} from '#functions/landlord/items';
import { HOUSE_CODE_PATTERN, TENANCY_REFERENCE_PATTERN } from '#shared/landlord/house';
import type { TenancyEventKind } from '#shared/landlord/reporting';
import { STATION_HOUSE_ATTRIBUTES, UNCONFIRMED_ATTRIBUTES } from './views.ts';

export interface HouseSelection {
  stationId: string;
  /** A street already checked to lie in the station's area. */
  street?: string;
  overCapacity: boolean;
}

export const housesPartition = (s: HouseSelection): QueuePartition =>
  s.overCapacity
    ? { index: 'gsi3', partitionKey: overCapacityPartition(s.stationId) }
    : { index: 'gsi2', partitionKey: stationHousesPartition(s.stationId) };

const streetPrefix = (street: string) => `${street}#`;

export const housesQueryInput = (table: string, s: HouseSelection, limit: number, start?: StartKey) =>
  partitionQueryInput(table, housesPartition(s), STATION_HOUSE_ATTRIBUTES, limit, start, s.street ? { beginsWith: streetPrefix(s.street) } : undefined);

/** `<street>#<code>` → the house's key, for a street of the selection only. */
export function housesStartKey(cursor: string | undefined, s: HouseSelection): StartKey | undefined {
  return partitionStartKey(cursor, housesPartition(s), (sortKey) => {
    const [street = '', code = '', ...rest] = sortKey.split('#');
    if (rest.length > 0 || !/^\d{9}$/.test(street) || !HOUSE_CODE_PATTERN.test(code)) return undefined;
    if (s.street && street !== s.street) return undefined;
    return houseKey(code);
  });
}

export const unconfirmedPartition = (stationId: string): QueuePartition => ({ index: 'gsi3', partitionKey: watchPartition(stationId) });

/** Requests whose time to answer ran out before `now` (ISO), the longest waiting first. */
export const unconfirmedQueryInput = (table: string, stationId: string, now: string, limit: number, start?: StartKey) =>
  partitionQueryInput(table, unconfirmedPartition(stationId), UNCONFIRMED_ATTRIBUTES, limit, start, { below: now });

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** `<confirmBy>#<tenancyId>` below `now` → the tenancy's key. */
export function unconfirmedStartKey(cursor: string | undefined, stationId: string, now: string): StartKey | undefined {
  return partitionStartKey(cursor, unconfirmedPartition(stationId), (sortKey) => {
    const [confirmBy = '', id = '', ...rest] = sortKey.split('#');
    if (rest.length > 0 || !INSTANT.test(confirmBy) || !TENANCY_REFERENCE_PATTERN.test(id) || sortKey >= now) return undefined;
    return tenancyKey(id);
  });
}

/** The station's late reports, oldest last day first (a table query: the items live in the station's partition). */
export function lateQueryInput(table: string, stationId: string, limit: number, start?: StartKey) {
  return {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': latePartition(stationId) },
    ScanIndexForward: true,
    Limit: limit,
    ...(start ? { ExclusiveStartKey: start } : {}),
  };
}

const REPORTS: readonly TenancyEventKind[] = ['moveIn', 'moveOut'];

/** A late report's own key `<lastDay>#<tenancyId>#<report>` in the station's partition. */
export function lateStartKey(cursor: string | undefined, stationId: string): StartKey | undefined {
  return decodeCursor(cursor, ['pk', 'sk'], (key) => {
    const [lastDay = '', id = '', report = '', ...rest] = (key.sk ?? '').split('#');
    if (rest.length > 0 || !/^\d{4}-\d{2}-\d{2}$/.test(lastDay) || !TENANCY_REFERENCE_PATTERN.test(id)) return false;
    const kind = REPORTS.find((r) => r === report);
    if (!kind) return false;
    const own = lateReportKey(stationId, lastDay, id, kind);
    return key.pk === own.pk && key.sk === own.sk;
  });
}
