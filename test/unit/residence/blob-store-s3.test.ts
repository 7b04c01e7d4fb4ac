/**
 * The S3 adapter of the blob store, offline: what a presigned PUT binds the uploader to, and how a
 * missing object is told apart from a failure when the function may not list the bucket.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { blobStore } from '#functions/commons/blob-store';

const s3 = mockClient(S3Client);
const saved = { ...process.env };

beforeAll(() => {
  Object.assign(process.env, {
    BLOB_STORE: 's3',
    UPLOADS_BUCKET: 'uploads-bucket',
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
});
afterAll(() => {
  process.env = saved;
  s3.restore();
});
beforeEach(() => s3.reset());

const serviceError = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

describe('S3 blob store', () => {
  it('presigns a PUT bound to the content type and length, with no checksum of an empty body', async () => {
    const { url, headers } = await blobStore().presignPut('proofs/a/b', { contentType: 'image/png', size: 1234 }, 300);
    const signed = new URL(url);
    expect(signed.pathname).toBe('/proofs/a/b');
    expect(signed.searchParams.get('X-Amz-SignedHeaders')).toContain('content-type');
    expect(signed.searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    expect([...signed.searchParams.keys()].filter((k) => k.toLowerCase().startsWith('x-amz-checksum'))).toEqual([]);
    expect(headers).toMatchObject({ 'content-type': 'image/png' });
  });

  it.each([
    ['NotFound', 404],
    ['Forbidden', 403],
  ])('treats %s from HEAD as nothing stored', async (name, status) => {
    s3.on(HeadObjectCommand).rejects(serviceError(name, status));
    await expect(blobStore().head('proofs/a/missing')).resolves.toBeUndefined();
  });

  it('lets other failures through', async () => {
    s3.on(HeadObjectCommand).rejects(serviceError('SlowDown', 503));
    await expect(blobStore().head('proofs/a/b')).rejects.toThrow('SlowDown');
  });
});
