/**
 * One page of a station's permit queue: a query of the station's status partition (gsi2
 * `PERMITQ#<station>#<status>`) in ascending order — accepted applications by the last day to
 * issue, the others by submission time — with the residence review's cursor checks, so a cursor
 * cannot leave the partition it came from.
 */
import type { ApplicationStatus } from '#shared/permit/lifecycle';
import { APPLICATION_REFERENCE_PATTERN } from '#shared/permit/lifecycle';
import { partitionQueryInput, partitionStartKey, type QueuePartition, type StartKey } from '#functions/review/queue-page';
import { applicationKey } from '#functions/permit/items';
import { PERMIT_QUEUE_ROW_ATTRIBUTES } from './views.ts';

export interface PermitQueueSelection {
  stationId: string;
  status: ApplicationStatus;
}

export const permitQueuePartition = (s: PermitQueueSelection): QueuePartition => ({
  index: 'gsi2',
  partitionKey: `PERMITQ#${s.stationId}#${s.status}`,
});

export const permitQueueQueryInput = (table: string, s: PermitQueueSelection, limit: number, start?: StartKey) =>
  partitionQueryInput(table, permitQueuePartition(s), PERMIT_QUEUE_ROW_ATTRIBUTES, limit, start);

/** `<last day to issue>#<id>` or `<submission instant>#<id>`. */
const SORT_KEY = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)?#(.+)$/;

export function permitQueueStartKey(cursor: string | undefined, s: PermitQueueSelection): StartKey | undefined {
  return partitionStartKey(cursor, permitQueuePartition(s), (sortKey) => {
    const id = SORT_KEY.exec(sortKey)?.[1];
    return id && APPLICATION_REFERENCE_PATTERN.test(id) ? applicationKey(id) : undefined;
  });
}
