/**
 * Where uploaded documents live: S3 in AWS, a folder of the data directory for the local product.
 * Clients never send file bytes through a function: they PUT to a presigned URL and read through a
 * presigned GET, so the adapter is chosen once from `BLOB_STORE` and handlers do not know which.
 * Stored files are write-once: a key that holds a file is never written again (a conditional PUT in
 * S3, an exclusive link on disk), so what a person submitted cannot be swapped afterwards.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { copyFile, link, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { epochSecondsAfter, now } from './clock.ts';
import { requiredEnv } from './environment.ts';

/** Enough leading bytes for every magic number checked (JPEG, PNG, PDF). */
const FIRST_BYTES = 16;

/** The header of a write that only creates: S3 answers 412 when the key already holds an object. */
const WRITE_ONCE = { 'if-none-match': '*' } as const;

export interface StoredBlob {
  size: number;
  contentType: string;
  firstBytes: Uint8Array;
}

/** What a copy did: made it, found the target already holding a file (left as it is), or found no source. */
export type CopyOutcome = 'copied' | 'exists' | 'missing';

export interface BlobStore {
  /**
   * Where and how to PUT exactly `file.size` bytes of `file.contentType`, once: anything else, and any
   * PUT to a key that already holds a file, is refused by the store. The caller sends every header.
   */
  presignPut(key: string, file: { contentType: string; size: number }, expiresInSeconds: number): Promise<{ url: string; headers: Record<string, string> }>;
  presignGet(key: string, file: { contentType: string; fileName: string }, expiresInSeconds: number): Promise<string>;
  /** size, content type and first bytes (magic number check), or undefined when nothing is stored at key */
  head(key: string): Promise<StoredBlob | undefined>;
  /** The stored bytes as a stream, read as they are consumed (never the whole file in memory); undefined when nothing is stored at key. */
  openRead(key: string): Promise<Readable | undefined>;
  /** Copies the file at `from` to `to` unless `to` already holds one (never overwritten). */
  copyOnce(from: string, to: string): Promise<CopyOutcome>;
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

const isErrno = (error: unknown, code: string) => (error as NodeJS.ErrnoException).code === code;

/**
 * Puts a file at `data` unless one is there: `fill` writes it under a fresh temporary name, which is
 * then hard-linked into place. A link never replaces an existing name, so of two writers exactly one
 * wins, and nobody reads half a file. False when the name was taken.
 */
async function placeOnce(data: string, fill: (temporary: string) => Promise<void>): Promise<boolean> {
  // Beside the data folder, on the same file system: a hard link cannot cross file systems.
  const temporary = resolve(requiredEnv('BLOB_DIR'), 'incoming', randomUUID());
  await mkdir(dirname(temporary), { recursive: true });
  await mkdir(dirname(data), { recursive: true });
  try {
    await fill(temporary);
    await link(temporary, data);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** The content type of a stored file, written once its bytes are in place (`head` finds nothing until then). */
async function describeOnce(blobKey: string, meta: string, contentType: string) {
  await mkdir(dirname(meta), { recursive: true });
  await writeFile(meta, JSON.stringify({ contentType }), { mode: 0o600, flag: 'wx' });
  // As S3 notifies only once the object is complete: after both files are written.
  for (const { prefix, listener } of createdListeners) if (blobKey.startsWith(prefix)) listener(blobKey);
}

/** What the local store did with a PUT: stored it, refused it because the key holds a file, or refused a key outside the store. */
export type LocalWrite = 'stored' | 'exists' | 'invalidKey';

/** Writes a blob the local PUT route accepted, once: its bytes and the content type they were signed for. */
export async function writeLocalBlob(blobKey: string, contentType: string, bytes: Uint8Array): Promise<LocalWrite> {
  const data = localBlobPath(blobKey, 'data');
  const meta = localBlobPath(blobKey, 'meta');
  if (!data || !meta) return 'invalidKey';
  if (!(await placeOnce(data, (temporary) => writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' })))) return 'exists';
  await describeOnce(blobKey, meta, contentType);
  return 'stored';
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
    // The same headers as S3's: the local store is write-once whatever is sent.
    return { url, headers: { 'content-type': file.contentType, ...WRITE_ONCE } };
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
  async copyOnce(from, to) {
    const [source, sourceMeta, target, targetMeta] = [localBlobPath(from, 'data'), localBlobPath(from, 'meta'), localBlobPath(to, 'data'), localBlobPath(to, 'meta')];
    if (!source || !sourceMeta || !target || !targetMeta) return 'missing';
    let described: string;
    try {
      described = await readFile(sourceMeta, 'utf8');
      if (!(await placeOnce(target, (temporary) => copyFile(source, temporary)))) return 'exists';
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return 'missing';
      throw error;
    }
    await describeOnce(to, targetMeta, (JSON.parse(described) as { contentType: string }).contentType);
    return 'copied';
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

/** S3's answers to a conditional write whose key holds an object (412), or is being written by another request (409). */
const OVERWRITE_REFUSED = ['PreconditionFailed', 'ConditionalRequestConflict'];

/** Without s3:ListBucket (not granted on purpose), S3 answers a missing key with 403, not 404. */
const MISSING = ['NotFound', 'NoSuchKey', 'Forbidden', 'AccessDenied'];

const s3Store: BlobStore = {
  async presignPut(blobKey, file, expiresInSeconds) {
    const command = new PutObjectCommand({ Bucket: bucket(), Key: blobKey, ContentType: file.contentType, ContentLength: file.size, IfNoneMatch: '*' });
    // Every header is signed: S3 refuses a PUT of another type or size than the one checked, and
    // (If-None-Match: *) any PUT once the key holds a file, so a later PUT cannot replace it.
    const url = await getSignedUrl(s3Client(), command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
    });
    // A browser sets content-length itself (and may not set it by hand).
    return { url, headers: { 'content-type': file.contentType, ...WRITE_ONCE } };
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
      if (MISSING.includes((error as Error).name)) return undefined;
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
  async copyOnce(from, to) {
    // The bucket refuses CopyObject (its policy requires If-None-Match, which CopyObject does not
    // take): the bytes are streamed through, and written on the same condition as every upload.
    try {
      await s3Client().send(new HeadObjectCommand({ Bucket: bucket(), Key: to }));
      return 'exists';
    } catch (error) {
      if (!MISSING.includes((error as Error).name)) throw error;
    }
    let source: GetObjectCommandOutput;
    try {
      source = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: from }));
    } catch (error) {
      if (MISSING.includes((error as Error).name)) return 'missing';
      throw error;
    }
    const { Body, ContentType, ContentLength } = source;
    if (!(Body instanceof Readable)) throw new Error('S3 answered without a readable body');
    try {
      await s3Client().send(new PutObjectCommand({ Bucket: bucket(), Key: to, Body, ContentType, ContentLength, IfNoneMatch: '*' }));
      return 'copied';
    } catch (error) {
      if (OVERWRITE_REFUSED.includes((error as Error).name)) return 'exists';
      throw error;
    } finally {
      Body.destroy();
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
