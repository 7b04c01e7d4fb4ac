/**
 * The S3 adapter of the blob store, offline: what a presigned PUT binds the uploader to (type, size,
 * and creating only: no PUT may replace a stored file), how a missing object is told apart from a
 * failure when the function may not list the bucket, and a copy that never overwrites.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
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

  it('presigns a PUT that only creates: If-None-Match: * is signed and handed to the uploader', async () => {
    const { url, headers } = await blobStore().presignPut('proofs/b', { contentType: 'image/png', size: 1234 }, 300);
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('if-none-match');
    expect(headers).toEqual({ 'content-type': 'image/png', 'if-none-match': '*' });
  });

  it('copies by streaming the bytes through a PUT that only creates, and leaves a stored target as it is', async () => {
    s3.on(HeadObjectCommand).rejects(serviceError('NotFound', 404));
    s3.on(GetObjectCommand).callsFake(() => ({ Body: Readable.from([Buffer.from('photo')]), ContentType: 'image/jpeg', ContentLength: 5 }));
    s3.on(PutObjectCommand).resolves({});
    await expect(blobStore().copyOnce('proofs/acc/b', 'proofs/b')).resolves.toBe('copied');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({ Key: 'proofs/b', IfNoneMatch: '*', ContentType: 'image/jpeg', ContentLength: 5 });

    // Written meanwhile by another copy: S3 answers 412, and nothing is replaced.
    s3.on(PutObjectCommand).rejects(serviceError('PreconditionFailed', 412));
    await expect(blobStore().copyOnce('proofs/acc/b', 'proofs/b')).resolves.toBe('exists');

    s3.reset();
    s3.on(HeadObjectCommand).resolves({ ContentLength: 5 });
    await expect(blobStore().copyOnce('proofs/acc/b', 'proofs/b')).resolves.toBe('exists');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
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
