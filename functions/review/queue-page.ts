/**
 * One page of a station's queue: a query of the station's status partition (gsi2), or of one
 * street's (gsi3), in ascending `<actBy>#<id>` order, so the oldest deadline comes first. Pages
 * follow DynamoDB's LastEvaluatedKey, handed to the client as an opaque cursor (the codec the
 * migrant's lists use).
 */
import { decodeCursor } from '#functions/residence/pages';
import { REFERENCE_PATTERN, type DeclarationStatus } from '#shared/residence/declaration';
import { declarationKey } from '#functions/residence/items';
import { QUEUE_ROW_ATTRIBUTES } from './views.ts';

export interface QueueSelection {
  stationId: string;
  status: DeclarationStatus;
  /** A 9-digit street code, already checked to lie in the station's area. */
  street?: string;
}

type IndexName = 'gsi1' | 'gsi2' | 'gsi3';

export interface QueuePartition {
  index: IndexName;
  partitionKey: string;
}

/** The partition a selection reads: the whole station's (gsi2) or one street's (gsi3). */
export function queuePartition(s: QueueSelection): QueuePartition {
  return s.street
    ? { index: 'gsi3', partitionKey: `QUEUE#${s.stationId}#${s.status}#${s.street}` }
    : { index: 'gsi2', partitionKey: `QUEUE#${s.stationId}#${s.status}` };
}

export type StartKey = Record<string, string>;

/**
 * The Query input of a page, shared by the handler and the benchmark so both ask for exactly the
 * same thing. Only the attributes a row shows are read.
 */
export function queueQueryInput(table: string, s: QueueSelection, limit: number, start?: StartKey) {
  return partitionQueryInput(table, queuePartition(s), QUEUE_ROW_ATTRIBUTES, limit, start);
}

/** A narrower range of a partition's sort keys: those starting with a prefix, or those below a bound. */
export type SortRange = { beginsWith: string } | { below: string };

function sortCondition(range: SortRange | undefined): { expression: string; value?: string } {
  if (!range) return { expression: '' };
  if ('beginsWith' in range) return { expression: ' AND begins_with(#sk, :sk)', value: range.beginsWith };
  return { expression: ' AND #sk < :sk', value: range.below };
}

/** One page of an index partition in ascending sort-key order, reading only `attributes` (optionally only a `range` of its sort keys). */
export function partitionQueryInput(
  table: string,
  { index, partitionKey }: QueuePartition,
  attributes: readonly string[],
  limit: number,
  start?: StartKey,
  range?: SortRange,
) {
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  const sort = sortCondition(range);
  return {
    TableName: table,
    IndexName: index,
    KeyConditionExpression: `#pk = :pk${sort.expression}`,
    ExpressionAttributeNames: { '#pk': `${index}pk`, ...(sort.value === undefined ? {} : { '#sk': `${index}sk` }), ...names },
    ExpressionAttributeValues: { ':pk': partitionKey, ...(sort.value === undefined ? {} : { ':sk': sort.value }) },
    ProjectionExpression: Object.keys(names).join(', '),
    ScanIndexForward: true,
    Limit: limit,
    ...(start ? { ExclusiveStartKey: start } : {}),
  };
}

const SORT_KEY = /^\d{4}-\d{2}-\d{2}#(.+)$/;

/**
 * The start key a cursor stands for, accepted only if it is exactly a key of the partition being
 * read: a cursor from another station's or another status's queue, or one edited by hand, is a
 * 400 rather than a query elsewhere, so no cursor can move a query out of its partition.
 */
export function queueStartKey(cursor: string | undefined, s: QueueSelection): StartKey | undefined {
  return partitionStartKey(cursor, queuePartition(s), (sortKey) => {
    const id = SORT_KEY.exec(sortKey)?.[1];
    return id && REFERENCE_PATTERN.test(id) ? declarationKey(id) : undefined;
  });
}

/**
 * A cursor's start key if it is a key of `partition` whose item key is the one `itemOf` finds in
 * its sort key (undefined: no item of this queue has such a sort key); otherwise a 400.
 */
export function partitionStartKey(
  cursor: string | undefined,
  { index, partitionKey }: QueuePartition,
  itemOf: (sortKey: string) => { pk: string; sk: string } | undefined,
): StartKey | undefined {
  return decodeCursor(cursor, ['pk', 'sk', `${index}pk`, `${index}sk`], (key) => {
    if (key[`${index}pk`] !== partitionKey) return false;
    const item = itemOf(key[`${index}sk`] ?? '');
    return item !== undefined && key.pk === item.pk && key.sk === item.sk;
  });
}
