/**
 * An upload's bytes kept in a temporary file while they are first read: the file is measured on
 * that first reading (see workbook-limits.ts), and its rows are then read from the temporary file
 * rather than fetched from the blob store again. The file's name is removed as soon as it is open
 * (where the system allows; Windows does not), so nothing is left behind even by a process that
 * dies; otherwise it is removed when the reading ends.
 */
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** What is written to the file at once. */
const WRITE_BYTES = 64 * 1024;

export class Spool {
  private constructor(
    private readonly folder: string,
    private readonly file: FileHandle,
  ) {}

  static async create(): Promise<Spool> {
    // Named for the process, as the workbook reader names its own temporary files.
    const folder = await mkdtemp(join(tmpdir(), `upload-${process.pid}-`));
    const spool = new Spool(folder, await open(join(folder, 'upload'), 'w+', 0o600));
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    return spool;
  }

  /** `chunks` as they come, written to the file a batch at a time (a source may hand over a byte at a time). */
  async *copying(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let batch: Buffer[] = [];
    let batched = 0;
    const write = async () => {
      const bytes = Buffer.concat(batch, batched);
      for (let written = 0; written < bytes.length; ) written += (await this.file.write(bytes, written)).bytesWritten;
      batch = [];
      batched = 0;
    };
    for await (const chunk of chunks) {
      batch.push(chunk);
      batched += chunk.length;
      if (batched >= WRITE_BYTES) await write();
      yield chunk;
    }
    await write();
  }

  /** The bytes written, from the first, once the writing is over. */
  read(): Readable {
    return this.file.createReadStream({ start: 0, autoClose: false });
  }

  async remove() {
    await this.file.close().catch(() => undefined);
    await rm(this.folder, { recursive: true, force: true });
  }
}
