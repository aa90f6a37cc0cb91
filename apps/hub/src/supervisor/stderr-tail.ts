/** The sidecar's newest stderr lines, kept for diagnostics (DESIGN §5: the last 200). */
const MAX_LINE_CHARS = 4_000;

export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly size: number) {}

  push(chunk: Buffer): void {
    const pieces = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = (pieces.pop() ?? '').slice(-MAX_LINE_CHARS);
    for (const piece of pieces) this.add(piece);
  }

  /** The kept lines, oldest first, with an unfinished last line if there is one. */
  snapshot(): string[] {
    return this.partial === '' ? [...this.lines] : [...this.lines, this.partial];
  }

  /** The last `count` lines, for a crash reason. */
  last(count: number): string[] {
    return this.snapshot().slice(-count);
  }

  private add(line: string): void {
    this.lines.push(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) + '…' : line);
    if (this.lines.length > this.size) this.lines.splice(0, this.lines.length - this.size);
  }
}
