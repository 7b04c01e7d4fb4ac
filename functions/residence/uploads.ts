/**
 * Uploaded documents: proof of residence, and a permit application's photo and proofs. The person
 * first asks for an upload ticket (an UPLOAD item and a presigned PUT) for one purpose; a
 * declaration or an application then attaches the upload by id, after checking that the file is
 * the caller's, is for that purpose, was stored, and starts with the magic number of its declared
 * type — a renamed executable is not a PDF. Attaching records the file's SHA-256, which is checked
 * again whenever the file is served. Unattached uploads expire with their item's TTL.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { UploadPurpose, UploadRequest, UploadTicket } from '#shared/api/residence';
import type { ProofContentType } from '#shared/residence/vocabulary';
import { blobSha256 } from '#functions/commons/blob-digest';
import { blobStore } from '#functions/commons/blob-store';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { proofBlobKey, uploadKey, type DocumentRef, type UploadItem } from './items.ts';
import { currentInstant, epochSecondsAfter } from '#functions/commons/clock';
import type { TransactItem } from '#functions/commons/transactions';

/** An unattached upload is kept this long. */
const UPLOAD_RETENTION_SECONDS = 24 * 3600;
/** A ticket's URL is good for this long: enough for a slow phone connection. */
const PUT_URL_SECONDS = 15 * 60;

const MAGIC_NUMBERS: Record<ProofContentType, readonly number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'application/pdf': [0x25, 0x50, 0x44, 0x46], // %PDF
};

export const startsAsDeclared = (contentType: ProofContentType, firstBytes: Uint8Array) =>
  MAGIC_NUMBERS[contentType].every((byte, i) => firstBytes[i] === byte);

export async function createUploadTicket(accountId: string, request: z.output<typeof UploadRequest>): Promise<z.input<typeof UploadTicket>> {
  const id = randomUUID();
  const item: UploadItem = {
    ...uploadKey(id),
    sk: 'UPLOAD',
    id,
    accountId,
    purpose: request.purpose,
    blobKey: proofBlobKey(id),
    fileName: request.fileName,
    contentType: request.contentType,
    size: request.size,
    createdAt: currentInstant().toISOString(),
    ttl: epochSecondsAfter(UPLOAD_RETENTION_SECONDS),
  };
  await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  const { url, headers } = await blobStore().presignPut(item.blobKey, { contentType: item.contentType, size: item.size }, PUT_URL_SECONDS);
  return { uploadId: id, url, method: 'PUT', headers, expiresAt: new Date(currentInstant().getTime() + PUT_URL_SECONDS * 1000).toISOString() };
}

/**
 * An upload of `purpose` that the caller may attach, with the SHA-256 of its stored bytes, and the
 * transaction item that attaches it (keeps it: removes its TTL and records the hash, on condition
 * it is still the caller's). `field` names the request field that carried the upload id, for the error.
 */
export async function attachableUpload(
  accountId: string,
  uploadId: string,
  purpose: UploadPurpose,
  field: string,
): Promise<{ upload: UploadItem & { sha256: string }; attach: TransactItem }> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: uploadKey(uploadId), ConsistentRead: true }));
  const upload = Item as UploadItem | undefined;
  // Someone else's upload is "not found": its existence is not the caller's business.
  if (!upload || upload.accountId !== accountId) throw new ApiError(404, 'upload_not_found', {}, [{ path: field, key: 'validation.invalid' }]);
  if (upload.purpose !== purpose) throw new ApiError(422, 'upload_wrong_purpose', {}, [{ path: field, key: 'validation.invalid' }]);
  const stored = await blobStore().head(upload.blobKey);
  if (!stored || stored.size !== upload.size) throw new ApiError(409, 'upload_not_received');
  if (!startsAsDeclared(upload.contentType, stored.firstBytes)) {
    throw new ApiError(400, 'upload_content_mismatch', {}, [{ path: field, key: 'validation.fileType' }]);
  }
  // The store keeps the file as it is from here on (write-once); the hash tells if it ever differs.
  const sha256 = await blobSha256(upload.blobKey);
  if (sha256 === undefined) throw new ApiError(409, 'upload_not_received');
  return {
    upload: { ...upload, sha256 },
    attach: {
      Update: {
        TableName: tableName(),
        Key: uploadKey(upload.id),
        UpdateExpression: 'SET sha256 = :sha256 REMOVE #ttl',
        ConditionExpression: 'accountId = :me',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':me': accountId, ':sha256': sha256 },
      },
    },
  };
}

/** A proof of residence as a declaration's document, and the item that attaches it. */
export async function attachableProof(accountId: string, uploadId: string): Promise<{ document: DocumentRef; attach: TransactItem }> {
  const { upload, attach } = await attachableUpload(accountId, uploadId, 'residenceProof', 'proofUploadId');
  return {
    document: {
      id: upload.id,
      kind: 'residenceProof',
      fileName: upload.fileName,
      contentType: upload.contentType,
      size: upload.size,
      blobKey: upload.blobKey,
      sha256: upload.sha256,
    },
    attach,
  };
}
