/**
 * The local blob store's stand-in for S3 presigned URLs: the local server accepts and serves the
 * bytes of an upload at a URL signed (HMAC, with expiry) by the function that issued it. In AWS the
 * same URLs point at S3 and these routes do not exist.
 */
import * as z from 'zod';
import { contract } from './route.ts';

const Signed = z
  .object({
    expires: z.string().regex(/^\d+$/, 'validation.invalid'),
    signature: z.string().regex(/^[\w-]{20,100}$/, 'validation.invalid'),
    /** The content type the signature covers: the only one a PUT may send, the one a GET answers with. */
    contentType: z.string().max(100).optional(),
    /** Only on PUT: the exact size the signature covers. */
    size: z.string().regex(/^\d+$/).optional(),
    /** Only on GET: the file name offered to the browser. */
    fileName: z.string().max(200).optional(),
  })
  .strict();

const BlobKey = z.object({ key: z.string().regex(/^[\w/.-]{1,300}$/, 'validation.invalid') });

export const putLocalBlob = contract({
  method: 'PUT',
  path: '/api/local-blobs/{key+}',
  access: 'public',
  tag: 'local',
  summary: 'Store the bytes of an upload at a signed URL (local blob store; S3 presigned PUT in AWS)',
  params: BlobKey,
  query: Signed,
  response: z.object({ stored: z.literal(true) }),
});

export const getLocalBlob = contract({
  method: 'GET',
  path: '/api/local-blobs/{key+}',
  access: 'public',
  tag: 'local',
  summary: 'Read the bytes of an upload at a signed URL (local blob store; S3 presigned GET in AWS)',
  params: BlobKey,
  query: Signed,
  response: z.unknown(),
  contentType: 'application/octet-stream',
});
