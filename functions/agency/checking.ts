/**
 * The check (the dry run): every row of the file judged and counted, nothing written but the
 * upload and its row errors. A file that cannot be read as an upload at all fails whole, and keeps
 * nothing of what its rows had shown before the failure.
 */
import type { UPLOAD_FAILURES } from '#shared/api/agency';
import { deleteItems } from '#functions/commons/batch-write';
import { currentInstant } from '#functions/commons/clock';
import { tableName } from '#functions/commons/environment';
import { queryAll } from '#functions/commons/dynamo';
import { uploadKey } from './items.ts';
import type { Lease, PassOutcome } from './import-pass.ts';
import { updateUpload } from './uploads.ts';

const ACTIVE_IMPORT_KEYS = ['gsi2pk', 'gsi2sk'] as const;

/** The check is over: the counts are the dry run's, the row count the commit's measure of progress. */
export async function finishCheck(lease: Lease, result: PassOutcome & { outcome: 'finished' }): Promise<void> {
  const { progress, sheet } = result;
  const basis = lease.upload.checkBasis;
  lease.upload = await updateUpload(
    lease.upload,
    {
      ...progress,
      ...sheet,
      status: 'checked',
      totalRows: progress.counts.rows,
      checkedAt: currentInstant().toISOString(),
      // The commit may skip looking records up only if none of these rows was reported.
      ...(basis ? { checkBasis: { ...basis, clean: basis.clean && progress.counts.alreadyReported === 0 } } : {}),
    },
    ACTIVE_IMPORT_KEYS,
  );
}

/** The file is not an upload (or is gone): the upload fails with why, its row errors are removed. */
export async function failUpload(lease: Lease, code: (typeof UPLOAD_FAILURES)[number]): Promise<void> {
  const errors = await queryAll<{ pk: string; sk: string }>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :errors)',
    ExpressionAttributeValues: { ':pk': uploadKey(lease.upload.id).pk, ':errors': 'ERROR#' },
    ProjectionExpression: 'pk, sk',
  });
  await deleteItems(errors);
  lease.upload = await updateUpload(lease.upload, { status: 'failed', failure: { code } }, ACTIVE_IMPORT_KEYS);
}
