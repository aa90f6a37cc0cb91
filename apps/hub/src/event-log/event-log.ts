/**
 * One job's event log (DESIGN §4): numbers events from seq 1 with no gaps, keeps the newest
 * in a memory ring, appends every one to `events.jsonl`, and answers range reads from
 * memory when it can and from the file otherwise. Live events reach subscribers in one
 * batch per event-loop turn.
 */
import { open } from 'node:fs/promises';
import { isTerminal, LIMITS, type JobEvent, type StoredEvent } from '@sidecast/protocol';
import { LogWriter, type PendingLine } from './log-writer.js';
import { readLines } from './read-lines.js';
import { type SparseIndex } from './sparse-index.js';

export interface EventLogOptions {
  /** Events kept in memory for fast reads (DESIGN §4: the newest 2000). */
  ringSize: number;
  /** Longest time written events may stay unsynced. */
  fsyncIntervalMs: number;
  /** One file offset is remembered per this many events, to start file reads near `after`. */
  indexEvery: number;
}

export const DEFAULT_EVENT_LOG_OPTIONS: EventLogOptions = {
  ringSize: LIMITS.eventRingSize,
  fsyncIntervalMs: LIMITS.fsyncIntervalMs,
  indexEvery: 256,
};

/** Receives the events appended in one event-loop turn, in seq order. */
export type BatchListener = (events: readonly StoredEvent[]) => void;

/** What a log holds on disk when it is opened: its events, checked, and their offsets. */
export interface LoadedLog {
  /** The newest events (at most `ringSize`). */
  recent: StoredEvent[];
  head: number;
  index: SparseIndex;
  size: number;
}

export class EventLog {
  private ring: StoredEvent[];
  private ringStart = 0;
  private pending: StoredEvent[] = [];
  private batch: StoredEvent[] = [];
  private readonly listeners = new Set<BatchListener>();
  private readonly writer: LogWriter;
  private readonly index: SparseIndex;
  private headSeq: number;

  private constructor(
    readonly path: string,
    /** The random id of this log; a new one voids every cursor into the old. */
    readonly epoch: string,
    handle: Awaited<ReturnType<typeof open>>,
    loaded: LoadedLog,
    private readonly options: EventLogOptions,
  ) {
    this.ring = loaded.recent;
    this.headSeq = loaded.head;
    this.index = loaded.index;
    this.writer = new LogWriter(handle, loaded.size, options, (lines, offsets) => {
      this.written(lines, offsets);
    });
  }

  /** Open (or create) the log at `path`; `loaded` is what `loadLog` found there. */
  static async open(
    path: string,
    epoch: string,
    loaded: LoadedLog,
    options: EventLogOptions = DEFAULT_EVENT_LOG_OPTIONS,
  ): Promise<EventLog> {
    const handle = await open(path, 'a');
    return new EventLog(path, epoch, handle, loaded, options);
  }

  /** The seq of the newest event; 0 before the first. */
  get head(): number {
    return this.headSeq;
  }

  /** The seq of the newest event on disk: every later one is still pending. */
  private get writtenSeq(): number {
    return (this.pending[0]?.seq ?? this.headSeq + 1) - 1;
  }

  /** Why appends stopped reaching the disk, if they did. */
  get writeError(): Error | undefined {
    return this.writer.error;
  }

  /** Number `event`, store it and queue it for subscribers; returns it as stored. */
  append(event: JobEvent): StoredEvent {
    const stored = { seq: this.headSeq + 1, ...event };
    this.headSeq = stored.seq;
    this.pending.push(stored);
    this.pushRing(stored);
    this.writer.write({ seq: stored.seq, line: JSON.stringify(stored) }, isTerminal(event));
    if (this.batch.length === 0 && this.listeners.size > 0)
      setImmediate(() => {
        this.publish();
      });
    if (this.listeners.size > 0) this.batch.push(stored);
    return stored;
  }

  /** Call `listener` with each later turn's new events; returns the unsubscribe function. */
  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Up to `limit` events with seq > `after`, in order, from memory or the file. */
  async read(after: number, limit: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    let cursor = after;
    while (events.length < limit && cursor < this.headSeq) {
      const wanted = limit - events.length;
      let next = this.fromMemory(cursor + 1, wanted);
      if (next.length === 0) {
        // Older than memory: those events are in the file (writes only move forward, so
        // a later pass finds what a write in flight has not landed yet in memory).
        const until = Math.min(wanted, this.writtenSeq - cursor);
        const start = this.index.before(cursor + 1);
        next = until > 0 ? await readLines(this.path, start, cursor + 1, until) : [];
        if (next.length === 0) break;
      }
      events.push(...next);
      cursor = next[next.length - 1]?.seq ?? cursor;
    }
    return events;
  }

  /** Resolves once everything appended so far is on disk. */
  flushed(): Promise<void> {
    return this.writer.flushed();
  }

  /** Flush, fsync and close the file; the log takes no more events. */
  async close(): Promise<void> {
    // Subscribers still get the last turn's events (a terminal status, typically).
    this.publish();
    this.listeners.clear();
    await this.writer.close();
  }

  private fromMemory(first: number, limit: number): StoredEvent[] {
    const ring = this.ringStart === 0 ? this.ring : this.orderedRing();
    const oldestInRing = ring[0]?.seq ?? Infinity;
    if (first >= oldestInRing)
      return ring.slice(first - oldestInRing, first - oldestInRing + limit);
    // More events wait for the disk than the ring holds.
    const oldestPending = this.pending[0]?.seq ?? Infinity;
    if (first >= oldestPending) {
      return this.pending.slice(first - oldestPending, first - oldestPending + limit);
    }
    return [];
  }

  private orderedRing(): StoredEvent[] {
    return [...this.ring.slice(this.ringStart), ...this.ring.slice(0, this.ringStart)];
  }

  private pushRing(event: StoredEvent): void {
    if (this.ring.length < this.options.ringSize) {
      this.ring.push(event);
      return;
    }
    this.ring[this.ringStart] = event;
    this.ringStart = (this.ringStart + 1) % this.options.ringSize;
  }

  private written(lines: readonly PendingLine[], offsets: readonly number[]): void {
    lines.forEach(({ seq }, position) => {
      const offset = offsets[position];
      if (offset !== undefined) this.index.note(seq, offset);
    });
    this.pending.splice(0, lines.length);
  }

  private publish(): void {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    for (const listener of this.listeners) listener(batch);
  }
}
