/**
 * Where uploaded documents live: S3 in AWS, a folder of the data directory for the local product.
 * Clients never send file bytes through a function: they PUT to a presigned URL and read through a
 * presigned GET, so the adapter is chosen once from `BLOB_STORE` and handlers do not know which.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { epochSecondsAfter, now } from './clock.ts';
import { requiredEnv } from './environment.ts';

/** Enough leading bytes for every magic number checked (JPEG, PNG, PDF). */
const FIRST_BYTES = 16;

export interface StoredBlob {
  size: number;
  contentType: string;
  firstBytes: Uint8Array;
}

export interface BlobStore {
  /** Where and how to PUT exactly `file.size` bytes of `file.contentType`; anything else is refused by the store. */
  presignPut(key: string, file: { contentType: string; size: number }, expiresInSeconds: number): Promise<{ url: string; headers: Record<string, string> }>;
  presignGet(key: string, file: { contentType: string; fileName: string }, expiresInSeconds: number): Promise<string>;
  /** size, content type and first bytes (magic number check), or undefined when nothing is stored at key */
  head(key: string): Promise<StoredBlob | undefined>;
  /** The stored bytes as a stream, read as they are consumed (never the whole file in memory); undefined when nothing is stored at key. */
  openRead(key: string): Promise<Readable | undefined>;
}

/* ----------------------------------------- local -------------------------------------------- */

/** What a local blob URL's signature covers. */
export interface LocalBlobGrant {
  method: 'PUT' | 'GET';
  key: string;
  /** Unix seconds. */
  expires: number;
  contentType: string;
  /** PUT: the exact byte count. GET: the file name to offer. */
  size?: number;
  fileName?: string;
}

const LOCAL_PREFIX = '/api/local-blobs/';

const signingKey = () => Buffer.from(requiredEnv('BLOB_SIGNING_KEY'), 'base64');

function grantText(grant: LocalBlobGrant): string {
  // Newline-separated: none of the parts can contain one (the routes' schemas refuse it).
  return [grant.method, grant.key, grant.expires, grant.contentType, grant.size ?? '', grant.fileName ?? ''].join('\n');
}

export function signLocalGrant(grant: LocalBlobGrant): string {
  return createHmac('sha256', signingKey()).update(grantText(grant)).digest('base64url');
}

/** True when `signature` was made for exactly this grant and it has not expired (by `now()`). */
export function verifyLocalGrant(grant: LocalBlobGrant, signature: string): boolean {
  const expected = Buffer.from(signLocalGrant(grant));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) && grant.expires * 1000 > now();
}

/**
 * The file of a key under BLOB_DIR, or undefined for a key that could leave it (`..`, empty
 * segments, absolute paths): keys come from URLs anyone can type.
 */
export function localBlobPath(key: string, part: 'data' | 'meta'): string | undefined {
  const segments = key.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..') || !/^[\w/.-]+$/.test(key)) return undefined;
  const root = resolve(requiredEnv('BLOB_DIR'), part);
  const file = resolve(root, part === 'meta' ? `${key}.json` : key);
  return file.startsWith(root + sep) ? file : undefined;
}

function localUrl(grant: LocalBlobGrant): string {
  const query = new URLSearchParams({ expires: String(grant.expires), signature: signLocalGrant(grant), contentType: grant.contentType });
  if (grant.size !== undefined) query.set('size', String(grant.size));
  if (grant.fileName !== undefined) query.set('fileName', grant.fileName);
  // Relative: the local server serves the web app and the API on one origin.
  return `${LOCAL_PREFIX}${key(grant.key)}?${query}`;
}

const key = (k: string) => k.split('/').map(encodeURIComponent).join('/');

/** Who hears of new blobs under a prefix: the local stand-in for an S3 event notification (S3 → SQS in AWS). */
const createdListeners = new Set<{ prefix: string; listener: (blobKey: string) => void }>();

/** Calls `listener` with the key of every blob the local store writes under `prefix`; the answer stops it. */
export function onLocalBlobCreated(prefix: string, listener: (blobKey: string) => void): () => void {
  const entry = { prefix, listener };
  createdListeners.add(entry);
  return () => createdListeners.delete(entry);
}

/** Writes a blob the local PUT route accepted: its bytes and the content type they were signed for. */
export async function writeLocalBlob(blobKey: string, contentType: string, bytes: Uint8Array): Promise<boolean> {
  const data = localBlobPath(blobKey, 'data');
  const meta = localBlobPath(blobKey, 'meta');
  if (!data || !meta) return false;
  await mkdir(dirname(data), { recursive: true });
  await mkdir(dirname(meta), { recursive: true });
  await writeFile(data, bytes, { mode: 0o600 });
  await writeFile(meta, JSON.stringify({ contentType }), { mode: 0o600 });
  // As S3 notifies only once the object is complete: after both files are written.
  for (const { prefix, listener } of createdListeners) if (blobKey.startsWith(prefix)) listener(blobKey);
  return true;
}

export async function readLocalBlob(blobKey: string): Promise<Uint8Array | undefined> {
  const data = localBlobPath(blobKey, 'data');
  if (!data) return undefined;
  try {
    return await readFile(data);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const localStore: BlobStore = {
  async presignPut(blobKey, file, expiresInSeconds) {
    const url = localUrl({ method: 'PUT', key: blobKey, expires: epochSecondsAfter(expiresInSeconds), contentType: file.contentType, size: file.size });
    return { url, headers: { 'content-type': file.contentType } };
  },
  async presignGet(blobKey, file, expiresInSeconds) {
    return localUrl({ method: 'GET', key: blobKey, expires: epochSecondsAfter(expiresInSeconds), contentType: file.contentType, fileName: file.fileName });
  },
  async head(blobKey) {
    const data = localBlobPath(blobKey, 'data');
    const meta = localBlobPath(blobKey, 'meta');
    if (!data || !meta) return undefined;
    try {
      const [{ size }, described] = await Promise.all([stat(data), readFile(meta, 'utf8')]);
      const handle = await open(data, 'r');
      try {
        const firstBytes = new Uint8Array(Math.min(FIRST_BYTES, size));
        await handle.read(firstBytes, 0, firstBytes.length, 0);
        return { size, contentType: (JSON.parse(described) as { contentType: string }).contentType, firstBytes };
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async openRead(blobKey) {
    const data = localBlobPath(blobKey, 'data');
    if (!data) return undefined;
    try {
      // Opened before it is handed over, so a missing file is an answer here rather than a stream error later.
      const handle = await open(data, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
};

/* ------------------------------------------- S3 --------------------------------------------- */

let s3: S3Client | undefined;
// Checksums only when S3 requires them: by default the SDK signs a CRC32 of the empty body into a
// presigned PUT, which S3 would then hold the real upload to.
const s3Client = () => (s3 ??= new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }));
const bucket = () => requiredEnv('UPLOADS_BUCKET');

/** RFC 6266: a file name of any script, safely quoted. */
const contentDisposition = (fileName: string) =>
  `inline; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

const s3Store: BlobStore = {
  async presignPut(blobKey, file, expiresInSeconds) {
    const command = new PutObjectCommand({ Bucket: bucket(), Key: blobKey, ContentType: file.contentType, ContentLength: file.size });
    // Both headers are signed, so S3 refuses a PUT of another type or size than the one checked.
    const url = await getSignedUrl(s3Client(), command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    // A browser sets content-length itself (and may not set it by hand).
    return { url, headers: { 'content-type': file.contentType } };
  },
  async presignGet(blobKey, file, expiresInSeconds) {
    const command = new GetObjectCommand({
      Bucket: bucket(),
      Key: blobKey,
      ResponseContentType: file.contentType,
      ResponseContentDisposition: contentDisposition(file.fileName),
    });
    return getSignedUrl(s3Client(), command, { expiresIn: expiresInSeconds });
  },
  async head(blobKey) {
    try {
      const head = await s3Client().send(new HeadObjectCommand({ Bucket: bucket(), Key: blobKey }));
      const size = head.ContentLength ?? 0;
      let firstBytes: Uint8Array = new Uint8Array();
      if (size > 0) {
        const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: blobKey, Range: `bytes=0-${FIRST_BYTES - 1}` }));
        firstBytes = (await object.Body?.transformToByteArray()) ?? firstBytes;
      }
      return { size, contentType: head.ContentType ?? 'application/octet-stream', firstBytes };
    } catch (error) {
      const name = (error as Error).name;
      // Without s3:ListBucket (not granted on purpose), S3 answers a missing key with 403, not 404.
      if (name === 'NotFound' || name === 'NoSuchKey' || name === 'Forbidden' || name === 'AccessDenied') return undefined;
      throw error;
    }
  },
  async openRead(blobKey) {
    try {
      const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: blobKey }));
      // In Node the SDK's body is an IncomingMessage: a stream the caller reads at its own pace.
      if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a readable body');
      return object.Body;
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'NoSuchKey' || name === 'AccessDenied') return undefined;
      throw error;
    }
  },
};

export { contentDisposition };

export function blobStore(): BlobStore {
  const adapter = process.env.BLOB_STORE ?? 's3';
  if (adapter === 'local') return localStore;
  if (adapter === 's3') return s3Store;
  throw new Error(`unknown BLOB_STORE ${adapter}`);
}
