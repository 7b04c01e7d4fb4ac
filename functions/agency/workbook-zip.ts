/**
 * The parts of an uploaded workbook (a zip) in the order a streaming unzip meets them, each
 * unpacked as it is read, so that what they unpack to can be measured before the workbook reader
 * is given the file. The walk is the one the reader's unzip makes (local headers one after the
 * other; a part whose sizes follow its data ends at the first data-descriptor signature; any
 * method but "stored" inflated; nothing after the end record), so both see the same parts with the
 * same bytes, whatever the central directory says.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

/** The file cannot be walked as a zip: the workbook reader would fail on it at the same place. */
export class BrokenZip extends Error {}

export interface ZipPart {
  name: string;
  /** What its local header says it unpacks to; undefined when the size follows the data. */
  declaredSize?: number;
}

/** Takes a part's unpacked bytes as they come; throws to stop the walk. */
export type PartReader = (bytes: Buffer) => void;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
/** A Chrome extension's header, which the reader's unzip skips. */
const CRX_HEADER = 0x34327243;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
/** The descriptor as the reader's unzip reads it: signature, CRC and two 32-bit sizes. */
const DATA_DESCRIPTOR_BYTES = 16;
/** The sizes of a zip64 part, which are in an extra field: more than 4 GB by its own account. */
const ZIP64_SIZE = 0xffffffff;
const SIZE_FOLLOWS = 0x08;

/** The file's bytes, taken a record at a time. */
class Bytes {
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length > 0 ? Buffer.concat([this.buffer, next.value]) : next.value;
    return true;
  }

  async atEnd(): Promise<boolean> {
    while (this.buffer.length === 0) if (!(await this.more())) return true;
    return false;
  }

  async take(length: number): Promise<Buffer> {
    while (this.buffer.length < length) if (!(await this.more())) throw new BrokenZip('the file ends inside a record');
    const taken = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return taken;
  }

  /** The next `length` bytes, a piece at a time. */
  async *span(length: number): AsyncGenerator<Buffer> {
    for (let left = length; left > 0; ) {
      if (this.buffer.length === 0 && !(await this.more())) throw new BrokenZip('the file ends inside a part');
      const piece = this.buffer.subarray(0, left);
      this.buffer = this.buffer.subarray(piece.length);
      left -= piece.length;
      yield piece;
    }
  }

  async skip(length: number) {
    for await (const _ of this.span(length));
  }

  /** The bytes before the first `pattern`, which is left to be read. */
  async *until(pattern: Buffer): AsyncGenerator<Buffer> {
    for (;;) {
      const at = this.buffer.indexOf(pattern);
      if (at >= 0) {
        if (at > 0) yield this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at);
        return;
      }
      // A pattern cut between two chunks is found once the next one is added.
      const kept = Math.min(this.buffer.length, pattern.length - 1);
      const piece = this.buffer.subarray(0, this.buffer.length - kept);
      this.buffer = this.buffer.subarray(piece.length);
      if (piece.length > 0) yield piece;
      if (!(await this.more())) throw new BrokenZip('the file ends inside a part');
    }
  }
}

const isZlibError = (error: unknown) => typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('Z_');

/** A part's stored bytes to `read`, inflated unless stored as they are. */
async function unpack(data: AsyncIterable<Buffer>, deflated: boolean, read: PartReader) {
  if (!deflated) {
    for await (const piece of data) read(piece);
    return;
  }
  try {
    await pipeline(Readable.from(data), createInflateRaw(), async (unpacked: AsyncIterable<Buffer>) => {
      for await (const piece of unpacked) read(piece);
    });
  } catch (error) {
    if (isZlibError(error)) throw new BrokenZip('a part does not inflate');
    throw error;
  }
}

/** `data`, its length kept in `tally` as it is taken. */
async function* tallied(data: AsyncIterable<Buffer>, tally: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const piece of data) {
    tally.bytes += piece.length;
    yield piece;
  }
}

/**
 * Walks the zip in `chunks`, asking `visit` how to read each part and giving it the part's
 * unpacked bytes. Throws `BrokenZip` where the reader's unzip would fail; what `visit` or its
 * reader throws ends the walk. Returns at the end record, or at the end of the file between records.
 */
export async function walkZip(chunks: AsyncIterator<Buffer>, visit: (part: ZipPart) => PartReader): Promise<void> {
  const bytes = new Bytes(chunks);
  let pastDirectory = false;
  while (!(await bytes.atEnd())) {
    const signature = (await bytes.take(4)).readUInt32LE(0);
    if (signature === LOCAL_HEADER) {
      const header = await bytes.take(26);
      const flags = header.readUInt16LE(2);
      const method = header.readUInt16LE(4);
      const compressedSize = header.readUInt32LE(14);
      const size = header.readUInt32LE(18);
      const name = (await bytes.take(header.readUInt16LE(22))).toString('utf8');
      await bytes.skip(header.readUInt16LE(24));
      const sizeFollows = (flags & SIZE_FOLLOWS) !== 0 && compressedSize === 0;
      const declaredSize = compressedSize === ZIP64_SIZE || size === ZIP64_SIZE ? Number.POSITIVE_INFINITY : sizeFollows ? undefined : size;
      const read = visit({ name, ...(declaredSize === undefined ? {} : { declaredSize }) });
      const taken = { bytes: 0 };
      await unpack(tallied(sizeFollows ? bytes.until(DATA_DESCRIPTOR) : bytes.span(compressedSize), taken), method !== 0, read);
      // A deflated stream may end before its part does: the bytes after it are the part's all the same.
      if (sizeFollows) {
        for await (const _ of bytes.until(DATA_DESCRIPTOR));
        await bytes.skip(DATA_DESCRIPTOR_BYTES);
      } else {
        await bytes.skip(compressedSize - taken.bytes);
      }
    } else if (signature === CENTRAL_HEADER) {
      pastDirectory = true;
      const header = await bytes.take(42);
      await bytes.skip(header.readUInt16LE(24) + header.readUInt16LE(26) + header.readUInt16LE(28));
    } else if (signature === CRX_HEADER) {
      const header = await bytes.take(12);
      await bytes.skip(header.readUInt32LE(4) + header.readUInt32LE(8));
    } else if (signature === END_OF_DIRECTORY || pastDirectory) {
      // The reader's unzip reads nothing more: past the directory it only looks for the end record.
      return;
    } else {
      throw new BrokenZip('not a zip record');
    }
  }
}
