/**
 * GET /api/agency/uploads/{id}/errors.xlsx: the rows of a checked upload that failed, with what is
 * wrong with each, in the caller's language, to fix and upload again.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getUploadErrors, XLSX_CONTENT_TYPE, type UploadStatus } from '#shared/api/agency';
import { contentDisposition } from '#functions/commons/blob-store';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';
import { BinaryReply } from '#functions/commons/http/response';
import { writeErrorSheet, type FailedRow } from './error-sheet.ts';
import { rowErrorKey } from './items.ts';
import { ownUpload } from './uploads.ts';

/** The row errors are complete once the check has finished. */
const CHECKED: readonly UploadStatus[] = ['checked', 'committing', 'committed'];
const PAGE_SIZE = 500;

/** An upload's row errors in sheet order (their sort keys are zero-padded row numbers), page by page. */
async function* rowErrors(uploadId: string): AsyncGenerator<FailedRow> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :errors)',
        ExpressionAttributeValues: { ':pk': rowErrorKey(uploadId, 0).pk, ':errors': 'ERROR#' },
        ProjectionExpression: '#row, cells, problems',
        ExpressionAttributeNames: { '#row': 'row' },
        ConsistentRead: true,
        Limit: PAGE_SIZE,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) yield item as FailedRow;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

export const handler = httpHandler(getUploadErrors, async ({ caller, params, language }) => {
  const upload = await ownUpload(caller, params.id, true);
  if (!CHECKED.includes(upload.status)) throw new ApiError(409, 'upload_not_checked');
  const bytes = await writeErrorSheet(rowErrors(upload.id), language);
  return new BinaryReply(200, bytes, {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': contentDisposition(`${upload.fileName.replace(/\.(xlsx|csv)$/i, '')}-errors.xlsx`),
  });
});
