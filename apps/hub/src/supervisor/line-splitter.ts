/**
 * Splits the sidecar's stdout into lines without ever holding more than one line's cap:
 * a line longer than the cap is dropped as it streams past and reported once, by size.
 */
export interface LineSink {
  line(text: string): void;
  /** A line over the cap was dropped; `bytes` is its length up to its newline or the end. */
  oversized(bytes: number): void;
}

const NEWLINE = 0x0a;

export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** Bytes of an oversized line seen so far, while skipping to its newline. */
  private skipped: number | undefined;

  constructor(
    private readonly maxLineBytes: number,
    private readonly sink: LineSink,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.partBytes > 0 || this.skipped !== undefined) {
      const newline = chunk.indexOf(NEWLINE);
      this.take(chunk, 0, newline === -1 ? chunk.length : newline);
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start && last - start <= this.maxLineBytes) {
      // No line in the span can be over the cap, so its lines are decoded in one go: a
      // newline byte is never part of a multi-byte character, so this gives the same text as
      // decoding them one by one, without a Buffer and a decode per line.
      for (const line of chunk.toString('utf8', start, last).split('\n')) this.sink.line(line);
      start = last + 1;
    }
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      this.take(chunk, start, end);
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): void {
    if (this.partBytes > 0 || this.skipped !== undefined) this.finishLine();
  }

  private take(chunk: Buffer, start: number, end: number): void {
    if (end === start) return;
    if (this.skipped !== undefined) {
      this.skipped += end - start;
      return;
    }
    if (this.partBytes + end - start > this.maxLineBytes) {
      this.skipped = this.partBytes + end - start;
      this.parts = [];
      this.partBytes = 0;
      return;
    }
    this.parts.push(chunk.subarray(start, end));
    this.partBytes += end - start;
  }

  private finishLine(): void {
    if (this.skipped !== undefined) {
      const bytes = this.skipped;
      this.skipped = undefined;
      this.sink.oversized(bytes);
      return;
    }
    const text =
      this.parts.length === 1
        ? (this.parts[0] ?? Buffer.alloc(0)).toString('utf8')
        : Buffer.concat(this.parts, this.partBytes).toString('utf8');
    this.parts = [];
    this.partBytes = 0;
    this.sink.line(text);
  }
}
