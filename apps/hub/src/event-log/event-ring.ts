/**
 * The newest events of a log, in memory, for reads that need not touch the file. Bounded by
 * count (DESIGN §4: the newest 2000) and by the length of their lines, so a job that prints
 * long lines keeps a few megabytes here rather than 2000 of them: what is held here is
 * what a flood of output keeps alive, and so what the heap grows to between collections.
 */
import type { LoggedEvent } from './logged-event.js';

export interface EventRingLimits {
  /** Events kept at most. */
  ringSize: number;
  /** Characters of their lines kept at most (the newest event is always kept). */
  ringChars: number;
}

/** Compact the backing array once this many evicted slots lead it. */
const COMPACT_AFTER = 1_024;

export class EventRing {
  private items: (LoggedEvent | undefined)[];
  private start = 0;
  private chars = 0;

  constructor(
    private readonly limits: EventRingLimits,
    recent: readonly LoggedEvent[] = [],
  ) {
    this.items = [];
    for (const logged of recent) this.push(logged);
  }

  /** The oldest seq held, or `Infinity` when empty. */
  get oldestSeq(): number {
    return this.items[this.start]?.seq ?? Infinity;
  }

  push(logged: LoggedEvent): void {
    this.items.push(logged);
    this.chars += logged.line.length;
    while (
      this.items.length - this.start > 1 &&
      (this.items.length - this.start > this.limits.ringSize || this.chars > this.limits.ringChars)
    ) {
      this.chars -= this.items[this.start]?.line.length ?? 0;
      this.items[this.start] = undefined;
      this.start += 1;
    }
    if (this.start >= COMPACT_AFTER && this.start * 2 >= this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }

  /** Up to `limit` events from seq `first` on, while they are held. */
  from(first: number, limit: number): LoggedEvent[] {
    const found: LoggedEvent[] = [];
    const oldest = this.oldestSeq;
    if (first < oldest) return found;
    for (let i = this.start + first - oldest; i < this.items.length && found.length < limit; i++) {
      const logged = this.items[i];
      if (logged !== undefined) found.push(logged);
    }
    return found;
  }

  /** Drop every event from seq `seq` on. */
  truncateFrom(seq: number): void {
    const kept = this.items
      .slice(this.start)
      .filter((logged): logged is LoggedEvent => logged !== undefined && logged.seq < seq);
    this.items = [];
    this.start = 0;
    this.chars = 0;
    for (const logged of kept) this.push(logged);
  }
}
