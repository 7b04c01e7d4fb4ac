/**
 * POST /api/agency/uploads/{id}/commit: a checked upload's valid rows are written (by the import
 * worker; this answers at once with the upload committing). Asking again while it commits, or once
 * it has, changes nothing; an upload not checked yet (or failed) cannot be committed.
 */
import { commitUpload } from '#shared/api/agency';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';
import { sendImport } from '#functions/commons/import-queue';
import { startCommit } from './committing.ts';
import { LeaseLost, ownUpload, uploadView } from './uploads.ts';

const notChecked = () => new ApiError(409, 'upload_not_checked');

export const handler = httpHandler(commitUpload, async ({ caller, params, language }) => {
  let upload = await ownUpload(caller, params.id, true);
  if (upload.status === 'committing' || upload.status === 'committed') return uploadView(upload, language);
  if (upload.status !== 'checked') throw notChecked();
  try {
    upload = await startCommit(upload);
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    // Another request started it first (or the upload changed): answer with what it is now.
    const now = await ownUpload(caller, params.id, true);
    if (now.status === 'committing' || now.status === 'committed') return uploadView(now, language);
    throw notChecked();
  }
  await sendImport({ uploadId: upload.id, phase: 'commit' });
  return uploadView(upload, language);
});
