/**
 * The commit: the checked file read again with the same checks, and a record written for every
 * valid row the organisation has not reported yet (invalid, duplicate and already reported rows
 * are skipped). The commit route starts it; asking again changes nothing.
 */
import { currentInstant } from '#functions/commons/clock';
import type { Lease, PassOutcome } from './import-pass.ts';
import { activeImportKeys, updateUpload, zeroCounts } from './uploads.ts';
import type { UploadItem } from './items.ts';

/**
 * A checked upload moved to committing, at the version read, its progress and counts from zero
 * (the commit counts the file again); the upload as it now is, or LeaseLost when it moved meanwhile.
 */
export function startCommit(upload: UploadItem): Promise<UploadItem> {
  const heartbeatAt = currentInstant().toISOString();
  return updateUpload(
    upload,
    { status: 'committing', processedRows: 0, processedBytes: 0, counts: zeroCounts(), firstErrors: [], heartbeatAt, ...activeImportKeys(upload.id, heartbeatAt) },
    [],
    { expression: '#was = :checked', names: { '#was': 'status' }, values: { ':checked': 'checked' } },
  );
}

/** The commit is over: every valid row not reported before is a record. */
export async function finishCommit(lease: Lease, result: PassOutcome & { outcome: 'finished' }): Promise<void> {
  lease.upload = await updateUpload(
    lease.upload,
    { ...result.progress, status: 'committed', committedAt: currentInstant().toISOString() },
    ['gsi2pk', 'gsi2sk'],
  );
}
