/**
 * A workbook's shared strings, held for the whole sheet as compactly as they came: their UTF-8
 * bytes in slabs outside the JavaScript heap and one offset each, a string made only when a cell
 * asks for it. The workbook reader's own cache (an array of strings) takes four to five times the
 * memory, so a legitimate sheet within the row cap (millions of strings) would not fit the worker.
 */

/** Slabs of this size are filled one after the other; a string may run from one into the next. */
const SLAB_BYTES = 1024 * 1024;

export class SharedStrings {
  private readonly slabs: Buffer[] = [];
  /** Where each string ends, counted from the first byte of the first slab. */
  private ends = new Uint32Array(1024);
  private count = 0;
  private bytes = 0;

  constructor(private readonly limits: { strings: number; bytes: number }) {}

  /** Adds the next string; false (and nothing added) when it would pass a limit. */
  add(text: string): boolean {
    const encoded = Buffer.from(text, 'utf8');
    if (this.count + 1 > this.limits.strings || this.bytes + encoded.length > this.limits.bytes) return false;
    for (let copied = 0; copied < encoded.length; ) {
      const at = this.bytes % SLAB_BYTES;
      if (at === 0) this.slabs.push(Buffer.allocUnsafe(SLAB_BYTES));
      const written = encoded.copy(this.slabs.at(-1)!, at, copied);
      copied += written;
      this.bytes += written;
    }
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.bytes;
    return true;
  }

  /** The string at `index`, or undefined when there is none. */
  at(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    const end = this.ends[index]!;
    const first = Math.floor(start / SLAB_BYTES);
    if (end <= (first + 1) * SLAB_BYTES) return this.slabs[first]!.toString('utf8', start % SLAB_BYTES, end - first * SLAB_BYTES);
    const pieces: Buffer[] = [];
    for (let slab = first; slab * SLAB_BYTES < end; slab++) {
      pieces.push(this.slabs[slab]!.subarray(Math.max(start - slab * SLAB_BYTES, 0), Math.min(end - slab * SLAB_BYTES, SLAB_BYTES)));
    }
    return Buffer.concat(pieces).toString('utf8');
  }

  /** The strings as the workbook reader looks them up: `strings[index]`. */
  asList(): Readonly<Record<number, string | undefined>> {
    return new Proxy({}, { get: (_, key) => (typeof key === 'string' ? this.at(Number(key)) : undefined) });
  }
}
