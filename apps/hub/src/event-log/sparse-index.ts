/**
 * Where in `events.jsonl` every n-th event starts, so that a read from seq s seeks close
 * to it instead of scanning the file from the top. Memory: one number per n events.
 */
export class SparseIndex {
  private readonly offsets: number[] = [];

  constructor(
    /** One offset is kept per this many events: those with seq 1, n + 1, 2n + 1, … */
    readonly every: number,
  ) {}

  /** Remember that the line of `seq` starts at byte `offset`. */
  note(seq: number, offset: number): void {
    if ((seq - 1) % this.every === 0) this.offsets[(seq - 1) / this.every] = offset;
  }

  /** An offset at or before the line of `seq`, with the seq of the line found there. */
  before(seq: number): { offset: number; seq: number } {
    let slot = Math.min(Math.floor((seq - 1) / this.every), this.offsets.length - 1);
    while (slot > 0 && this.offsets[slot] === undefined) slot -= 1;
    const offset = slot >= 0 ? this.offsets[slot] : undefined;
    return offset === undefined ? { offset: 0, seq: 1 } : { offset, seq: slot * this.every + 1 };
  }
}
