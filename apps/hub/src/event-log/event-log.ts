/**
 * One job's event log (DESIGN §4): numbers events from seq 1 with no gaps, keeps the newest
 * in a memory ring, appends every one to `events.jsonl`, and answers range reads from
 * memory when it can and from the file otherwise. Subscribers and readers only ever see
 * events that reached the file: each write's lines go out as one batch once it lands. Each
 * event is serialized once, when it is appended: the file, live frames and replay frames
 * all reuse that line.
 */
import { open } from 'node:fs/promises';
import { isTerminal, LIMITS, type JobEvent, type StoredEvent } from '@sidecast/protocol';
import type { BatchListener, JobLogWriter } from './job-log.js';
import { EventRing, type EventRingLimits } from './event-ring.js';
import { toLogged, type LoggedEvent } from './logged-event.js';
import { LogWriter } from './log-writer.js';
import { blockEvents, blockOf, joinBlocks, type LineBlock } from './line-block.js';
import { ReadHandle } from './read-handle.js';
import { readBlock, type LineStart } from './read-lines.js';
import { type SparseIndex } from './sparse-index.js';

export interface EventLogOptions extends EventRingLimits {
  /** Longest time written events may stay unsynced. */
  fsyncIntervalMs: number;
  /** One file offset is remembered per this many events, to start file reads near `after`. */
  indexEvery: number;
}

export const DEFAULT_EVENT_LOG_OPTIONS: EventLogOptions = {
  ringSize: LIMITS.eventRingSize,
  ringChars: 1024 * 1024,
  fsyncIntervalMs: LIMITS.fsyncIntervalMs,
  indexEvery: 256,
};

/** What a log holds on disk when it is opened: its events, checked, and their offsets. */
export interface LoadedLog {
  /** The newest events (at most `ringSize`). */
  recent: LoggedEvent[];
  head: number;
  index: SparseIndex;
  size: number;
}

export class EventLog implements JobLogWriter {
  private readonly ring: EventRing;
  /** Appended events not yet written to the file, oldest first. */
  private pending: LoggedEvent[] = [];
  private readonly listeners = new Set<BatchListener>();
  private readonly failureListeners = new Set<(error: Error) => void>();
  /** Set once writing failed and the log was ended in memory (`abandon`). */
  private abandoned = false;
  private readonly writer: LogWriter;
  private readonly index: SparseIndex;
  private headSeq: number;
  private readonly reads: ReadHandle;

  private constructor(
    readonly path: string,
    /** The random id of this log; a new one voids every cursor into the old. */
    readonly epoch: string,
    handle: Awaited<ReturnType<typeof open>>,
    loaded: LoadedLog,
    private readonly options: EventLogOptions,
  ) {
    this.ring = new EventRing(options, loaded.recent);
    this.headSeq = loaded.head;
    this.index = loaded.index;
    this.reads = new ReadHandle(path);
    this.writer = new LogWriter(handle, loaded.size, options, {
      written: (count, offsets) => {
        this.written(count, offsets);
      },
      failed: (error) => {
        for (const listener of this.failureListeners) listener(error);
      },
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

  /**
   * The newest seq readers may get now: the newest on disk, or the in-memory end. Events
   * up to `head` beyond it are still being written; `subscribe` tells when they land.
   */
  get readableSeq(): number {
    return this.abandoned ? this.headSeq : this.writtenSeq;
  }

  /** Why appends stopped reaching the disk, if they did. */
  get writeError(): Error | undefined {
    return this.writer.error;
  }

  /** Number `event` (`json`, if given, is its JSON), store it and queue it for subscribers. */
  append(event: JobEvent, json?: string): StoredEvent {
    const seq = this.headSeq + 1;
    const logged = toLogged(seq, event, json);
    this.headSeq = seq;
    this.pending.push(logged);
    this.ring.push(logged);
    this.writer.write(logged.line, isTerminal(event));
    return logged.event;
  }

  /** Call `listener` with the events of each later write; returns the unsubscribe function. */
  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call `listener` if writing to the file fails; nothing is written after that. */
  onWriteError(listener: (error: Error) => void): void {
    this.failureListeners.add(listener);
  }

  /**
   * After a write error: drop the events that never reached the file and end the log with
   * `terminal`, held in memory only (the file cannot take it). Readers and subscribers see
   * the stored events and then `terminal`; nothing they see was lost.
   */
  abandon(terminal: JobEvent): StoredEvent {
    const seq = this.writtenSeq + 1;
    this.ring.truncateFrom(seq);
    this.pending = [];
    const logged = toLogged(seq, terminal);
    this.ring.push(logged);
    this.headSeq = seq;
    this.abandoned = true;
    for (const listener of this.listeners) listener([logged]);
    return logged.event;
  }

  /** Up to `limit` events with seq > `after`, in order, from memory or the file. */
  async read(after: number, limit: number): Promise<StoredEvent[]> {
    const parts = await this.readRange(
      after,
      limit,
      (inMemory) => inMemory.map((logged) => logged.event),
      async (start, first, count) =>
        blockEvents<StoredEvent>(await this.readFile(start, first, count)),
      (events) => events.length,
    );
    return parts.flat();
  }

  /** Up to `limit` events with seq > `after` as one block of their lines, as in the file. */
  async readBlock(after: number, limit: number): Promise<LineBlock> {
    const parts = await this.readRange(
      after,
      limit,
      (inMemory) => blockOf(inMemory.map((logged) => logged.line)),
      (start, first, count) => this.readFile(start, first, count),
      (block) => block.count,
    );
    return joinBlocks(parts);
  }

  private readFile(start: LineStart, first: number, count: number): Promise<LineBlock> {
    return this.reads.use((handle) => readBlock(handle, start, first, count, this.index));
  }

  /** The parts that make up the events after `after`: from the ring while it has them, else the file. */
  private async readRange<T>(
    after: number,
    limit: number,
    fromMemory: (inMemory: LoggedEvent[]) => T,
    fromFile: (start: LineStart, first: number, count: number) => Promise<T>,
    sizeOf: (part: T) => number,
  ): Promise<T[]> {
    const parts: T[] = [];
    let cursor = after;
    while (cursor - after < limit && cursor < this.readableSeq) {
      const wanted = Math.min(limit - (cursor - after), this.readableSeq - cursor);
      const inMemory = this.ring.from(cursor + 1, wanted);
      // Older than memory: those events are in the file.
      const part =
        inMemory.length > 0
          ? fromMemory(inMemory)
          : await fromFile(this.index.before(cursor + 1), cursor + 1, wanted);
      const size = sizeOf(part);
      if (size === 0) break;
      parts.push(part);
      cursor += size;
    }
    return parts;
  }

  /** Resolves once everything appended so far is on disk. */
  flushed(): Promise<void> {
    return this.writer.flushed();
  }

  /** Flush, fsync and close the file; the log takes no more events. */
  async close(): Promise<void> {
    // Subscribers still get the last write's events (a terminal status, typically).
    await this.writer.close();
    this.listeners.clear();
    this.failureListeners.clear();
  }

  /** The oldest `count` pending events were written, their lines starting at `offsets`. */
  private written(count: number, offsets: readonly number[]): void {
    const landed = this.pending.splice(0, count);
    landed.forEach((logged, position) => {
      const offset = offsets[position];
      if (offset !== undefined) this.index.note(logged.seq, offset);
    });
    for (const listener of this.listeners) listener(landed);
  }
}
