/** The local blob store's presigned GET (S3 does this in AWS): the bytes, as the signed type. */
import { getLocalBlob } from '#shared/api/local-uploads';
import { contentDisposition, readLocalBlob, verifyLocalGrant } from '#functions/commons/blob-store';
import { ApiError, notFound } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';
import { BinaryReply } from '#functions/commons/http/response';

export const handler = httpHandler(getLocalBlob, async ({ params, query }) => {
  const { contentType, fileName } = query;
  if (contentType === undefined || fileName === undefined || query.size !== undefined) throw new ApiError(403, 'blob_signature_invalid');
  const grant = { method: 'GET' as const, key: params.key, expires: Number(query.expires), contentType, fileName };
  if (!verifyLocalGrant(grant, query.signature)) throw new ApiError(403, 'blob_signature_invalid');
  const bytes = await readLocalBlob(params.key);
  if (!bytes) throw notFound();
  return new BinaryReply(200, bytes, { 'content-type': contentType, 'content-disposition': contentDisposition(fileName) });
});
