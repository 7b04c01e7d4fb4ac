/**
 * GET /api/agency/uploads/{id}: an upload of the caller's organisation, its progress, counts and
 * first errors in the caller's language. A phase that looks interrupted (its worker stopped saving
 * progress, or the file arrived and no check began) is sent to the import queue again, so an upload
 * never waits forever on a lost message.
 */
import { getUpload } from '#shared/api/agency';
import { blobStore } from '#functions/commons/blob-store';
import { httpHandler } from '#functions/commons/http/handler';
import { sendImport } from '#functions/commons/import-queue';
import { logger } from '#functions/commons/logger';
import { claimRevival, ownUpload, uploadView } from './uploads.ts';

export const handler = httpHandler(getUpload, async ({ caller, params, language }) => {
  const upload = await ownUpload(caller, params.id);
  const phase = await claimRevival(upload, async () => (await blobStore().head(upload.blobKey)) !== undefined);
  if (phase) {
    logger.info('import sent again', { uploadId: upload.id, phase, status: upload.status });
    await sendImport({ uploadId: upload.id, phase });
  }
  return uploadView(upload, language);
});
