/**
 * The SHA-256 of a stored file, recorded when a declaration, an application or a check takes the
 * file on, and compared again before an officer, a checker or the import's commit is given it: what
 * they get is what was submitted, even if the bytes were changed behind the store's back. The file
 * is streamed through the hash, never held whole in memory.
 */
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { blobStore } from './blob-store.ts';
import { logger } from './logger.ts';

/**
 * The hex SHA-256 of the file at `key`, or undefined when nothing is stored there.
 *
 * @example
 * const sha256 = await blobSha256(upload.blobKey); // 'e3b0c442…'
 */
export async function blobSha256(key: string): Promise<string | undefined> {
  const file = await blobStore().openRead(key);
  if (!file) return undefined;
  const hash = createHash('sha256');
  await pipeline(file, hash);
  return hash.digest('hex');
}

/**
 * Whether the file at `key` is still the one whose SHA-256 was recorded. A record made before
 * hashes were kept (`recorded` undefined) is taken as it is, unread. A missing or changed file is
 * logged as a warning naming only `record`, the identifier of the record that holds the file (an
 * upload, a permit), never the key, which may name an account.
 *
 * @example
 * if (!(await blobIntact(doc.blobKey, doc.sha256, { document: doc.id }))) return { integrity: 'mismatch' };
 */
export async function blobIntact(key: string, recorded: string | undefined, record: Record<string, string>): Promise<boolean> {
  if (recorded === undefined) return true;
  const stored = await blobSha256(key);
  if (stored === recorded) return true;
  logger.warn('a stored file is not the one recorded', { ...record, stored: stored === undefined ? 'missing' : 'changed' });
  return false;
}
