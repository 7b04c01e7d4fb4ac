/** GET /api/agency/uploads: the caller's organisation's uploads, newest first, a page at a time. */
import { listUploads } from '#shared/api/agency';
import { tableName } from '#functions/commons/environment';
import { httpHandler } from '#functions/commons/http/handler';
import { queryPage } from '#functions/house-watch/records';
import { partitionQueryInput, partitionStartKey, type QueuePartition } from '#functions/review/queue-page';
import { organisationUploadsPartition, uploadKey } from './items.ts';
import { organisationOf, UPLOAD_ID_PATTERN, UPLOAD_VIEW_ATTRIBUTES, uploadView, type UploadViewSource } from './uploads.ts';

const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const handler = httpHandler(listUploads, async ({ caller, query, language }) => {
  const partition: QueuePartition = { index: 'gsi1', partitionKey: organisationUploadsPartition(organisationOf(caller)) };
  // `<createdAt>#<id>` of the caller's own list only.
  const start = partitionStartKey(query.cursor, partition, (sortKey) => {
    const [createdAt = '', id = '', ...rest] = sortKey.split('#');
    return rest.length === 0 && CREATED_AT.test(createdAt) && UPLOAD_ID_PATTERN.test(id) ? uploadKey(id) : undefined;
  });
  const page = await queryPage<UploadViewSource>({
    ...partitionQueryInput(tableName(), partition, UPLOAD_VIEW_ATTRIBUTES, query.limit, start),
    ScanIndexForward: false,
  });
  return { items: page.items.map((u) => uploadView(u, language)), ...(page.cursor ? { cursor: page.cursor } : {}) };
});
