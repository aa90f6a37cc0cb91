/**
 * The log of a job this hub writes to the cluster's Redis (DESIGN §11). Events are numbered
 * here, held in a memory ring, and sent once per event-loop turn as one batch: one stream
 * entry, published to the job's live channel by the same script. Subscribers and readers see
 * a batch once Redis has stored it; while Redis does not answer, batches wait in order,
 * within the hub's `WriteBudget`. A record saved after an event rides with the batch that
 * holds the event, so the record never says more than the log holds.
 */
import { isTerminal, type JobEvent, type StoredEvent } from '@sidecast/protocol';
import {
  blockOf,
  EventRing,
  SupersededError,
  toLogged,
  type BatchListener,
  type EventRingLimits,
  type JobLogWriter,
  type LineBlock,
  type LoggedEvent,
} from '../../event-log/index.js';
import type { ClusterKeys } from './keys.js';
import { changeMessage, SUPERSEDED, type ClusterScripts } from './scripts.js';
import type { StreamReader } from './stream-reader.js';
import type { WriteBudget } from './write-budget.js';

export interface RedisLogDeps {
  keys: ClusterKeys;
  scripts: ClusterScripts;
  reader: StreamReader;
  budget: WriteBudget;
  hubId: string;
  ring: EventRingLimits;
  /** Waits for a write while Redis is connected (see `RedisConnections`). */
  whileConnected<T>(work: Promise<T>): Promise<T | undefined>;
}

type LogState = 'open' | 'closed' | 'superseded' | 'failed';

export class RedisLog implements JobLogWriter {
  private readonly ring: EventRing;
  /** Appended, not yet sent. */
  private pending: LoggedEvent[] = [];
  private pendingBytes = 0;
  /** A record (`StoredJob` JSON) to store with the next batch. */
  private record: string | undefined;
  private state: LogState = 'open';
  private headSeq: number;
  private sentSeq: number;
  private storedSeq: number;
  private sending = 0;
  private scheduled = false;
  private error: Error | undefined;
  private readonly listeners = new Set<BatchListener>();
  private readonly failureListeners = new Set<(error: Error) => void>();
  private idle: (() => void)[] = [];

  constructor(
    private readonly deps: RedisLogDeps,
    private readonly jobId: string,
    readonly epoch: string,
    /** The seq of the newest event Redis holds for the job. */
    head: number,
  ) {
    this.ring = new EventRing(deps.ring);
    this.headSeq = head;
    this.sentSeq = head;
    this.storedSeq = head;
  }

  get head(): number {
    return this.headSeq;
  }

  get readableSeq(): number {
    return this.storedSeq;
  }

  get writeError(): Error | undefined {
    return this.error;
  }

  /** The job's next event belongs to another hub now. */
  get superseded(): boolean {
    return this.state === 'superseded';
  }

  append(event: JobEvent, json?: string): StoredEvent {
    const logged = toLogged(this.headSeq + 1, event, json);
    if (this.state !== 'open') return logged.event;
    if (!this.deps.budget.take(logged.line.length)) {
      this.fail(
        new Error(
          `Redis has not stored this hub's last ${String(this.deps.budget.limitBytes)} bytes of events`,
        ),
      );
      return logged.event;
    }
    this.keep(logged);
    return logged.event;
  }

  abandon(terminal: JobEvent): StoredEvent {
    // What was sent lands in order before it; what was not is dropped, its seqs reused.
    this.deps.budget.give(this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.headSeq = this.sentSeq;
    this.ring.truncateFrom(this.sentSeq + 1);
    const logged = toLogged(this.sentSeq + 1, terminal);
    this.deps.budget.hold(logged.line.length);
    this.keep(logged);
    this.state = 'closed';
    return logged.event;
  }

  /** Store `record` with the next batch (or alone, when no event is pending). */
  saveRecord(record: string): void {
    if (this.state === 'superseded') return;
    this.record = record;
    this.schedule();
  }

  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onWriteError(listener: (error: Error) => void): void {
    this.failureListeners.add(listener);
  }

  async read(after: number, limit: number): Promise<StoredEvent[]> {
    const inMemory = this.fromRing(after, limit);
    if (inMemory !== undefined) return inMemory.map(({ event }) => event);
    const lines = await this.deps.reader.lines(this.deps.keys.events(this.jobId), after, limit);
    return lines.map((line) => JSON.parse(line) as StoredEvent);
  }

  async readBlock(after: number, limit: number): Promise<LineBlock> {
    const inMemory = this.fromRing(after, limit);
    if (inMemory !== undefined) return blockOf(inMemory.map(({ line }) => line));
    return blockOf(await this.deps.reader.lines(this.deps.keys.events(this.jobId), after, limit));
  }

  flushed(): Promise<void> {
    if (this.pending.length === 0 && this.record === undefined && this.sending === 0)
      return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    if (this.state === 'open') this.state = 'closed';
    this.send();
    await this.deps.whileConnected(this.flushed());
  }

  /** The events after `after` if memory holds them all (up to `limit`, readable ones only). */
  private fromRing(after: number, limit: number): LoggedEvent[] | undefined {
    const wanted = Math.min(limit, this.readableSeq - after);
    if (wanted <= 0) return [];
    const found = this.ring.from(after + 1, wanted);
    return found.length === wanted ? found : undefined;
  }

  private keep(logged: LoggedEvent): void {
    this.headSeq = logged.seq;
    this.pending.push(logged);
    this.pendingBytes += logged.line.length;
    this.ring.push(logged);
    if (isTerminal(logged.event)) this.send();
    else this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.send();
    });
  }

  private send(): void {
    const batch = this.pending;
    const bytes = this.pendingBytes;
    const record = this.record;
    if (batch.length === 0 && record === undefined) return;
    this.pending = [];
    this.pendingBytes = 0;
    this.record = undefined;
    const first = this.sentSeq + 1;
    this.sentSeq += batch.length;
    const { keys, hubId } = this.deps;
    const change = record === undefined ? '' : changeMessage(hubId, 'updated', record);
    this.sending += 1;
    this.deps.scripts
      .append(
        [keys.events(this.jobId), keys.jobs, keys.live(this.jobId), keys.changes],
        [
          first,
          batch.length,
          batch.map(({ line }) => line).join('\n'),
          hubId,
          this.jobId,
          record ?? '',
          change,
        ],
      )
      .then(
        () => {
          if (batch.length > 0) this.storedSeq = first + batch.length - 1;
          for (const listener of this.listeners) listener(batch);
        },
        (error: unknown) => {
          const message = (error as Error).message;
          if (message.startsWith(SUPERSEDED)) this.supersede(message);
          else this.fail(error as Error);
        },
      )
      .finally(() => {
        this.deps.budget.give(bytes);
        this.sending -= 1;
        if (this.sending === 0 && this.pending.length === 0 && this.record === undefined) {
          const idle = this.idle;
          this.idle = [];
          for (const resolve of idle) resolve();
        }
      });
  }

  private supersede(message: string): void {
    if (this.state === 'superseded') return;
    this.state = 'superseded';
    this.pending = [];
    this.record = undefined;
    this.error = new SupersededError(`job ${this.jobId}: ${message}`);
    for (const listener of this.failureListeners) listener(this.error);
  }

  private fail(error: Error): void {
    if (this.error !== undefined) return;
    this.error = error;
    this.state = 'failed';
    for (const listener of this.failureListeners) listener(error);
  }
}
