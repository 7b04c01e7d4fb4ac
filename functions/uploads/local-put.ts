/**
 * The local blob store's presigned PUT (S3 does this in AWS): the bytes are stored only when the
 * URL's signature holds, it has not expired, the request sends exactly the signed content type
 * and size, and nothing is stored at the key yet — a URL still valid after its file was attached
 * cannot replace it (S3 answers such a PUT with 412, as here).
 */
import { putLocalBlob } from '#shared/api/local-uploads';
import { verifyLocalGrant, writeLocalBlob } from '#functions/commons/blob-store';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';

const refused = () => new ApiError(403, 'blob_signature_invalid');

export const handler = httpHandler(putLocalBlob, async ({ params, query, event }) => {
  const { contentType, size } = query;
  if (contentType === undefined || size === undefined || query.fileName !== undefined) throw refused();
  const grant = { method: 'PUT' as const, key: params.key, expires: Number(query.expires), contentType, size: Number(size) };
  if (!verifyLocalGrant(grant, query.signature)) throw refused();

  const sentType = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const bytes = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  // As S3 does with signed headers: another type or length than the one signed is refused whole.
  if (sentType?.split(';')[0]?.trim().toLowerCase() !== contentType.toLowerCase() || bytes.length !== grant.size) throw refused();

  const written = await writeLocalBlob(params.key, contentType, bytes);
  if (written === 'invalidKey') throw refused();
  if (written === 'exists') throw new ApiError(412, 'blob_already_stored');
  return { stored: true as const };
});
