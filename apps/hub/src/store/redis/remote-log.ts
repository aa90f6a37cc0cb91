/**
 * The log of a job this hub reads but does not write: one another hub runs, or one that
 * has ended. Reads go to the job's stream; while it has subscribers it follows the job's
 * live channel, and any batch it did not hear (published before it subscribed, or while
 * the connection was down) it reads from the stream, so subscribers get every event once,
 * in order.
 */
import type { StoredEvent } from '@sidecast/protocol';
import {
  blockOf,
  EventRing,
  type BatchListener,
  type EventRingLimits,
  type JobLog,
  type LineBlock,
  type LoggedEvent,
} from '../../event-log/index.js';
import type { ClusterKeys } from './keys.js';
import type { LiveFeed } from './live-feed.js';
import type { StreamReader } from './stream-reader.js';

export interface RemoteLogDeps {
  keys: ClusterKeys;
  reader: StreamReader;
  feed: LiveFeed;
  ring: EventRingLimits;
}

/** Events one catch-up read asks for. */
const CATCH_UP_PAGE = 5_000;

export class RemoteLog implements JobLog {
  private readonly ring: EventRing;
  private readonly listeners = new Set<BatchListener>();
  private stopFollowing: (() => void) | undefined;
  private stopReconnect: (() => void) | undefined;
  /** Live batches and catch-up reads, one after another. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: RemoteLogDeps,
    private readonly jobId: string,
    readonly epoch: string,
    private headSeq: number,
  ) {
    this.ring = new EventRing(deps.ring);
  }

  get head(): number {
    return this.headSeq;
  }

  get readableSeq(): number {
    return this.headSeq;
  }

  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.follow();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.stopFollowing?.();
      this.stopReconnect?.();
      this.stopFollowing = undefined;
      this.stopReconnect = undefined;
    };
  }

  async read(after: number, limit: number): Promise<StoredEvent[]> {
    const lines = await this.lines(after, limit);
    return lines.map((line) => JSON.parse(line) as StoredEvent);
  }

  async readBlock(after: number, limit: number): Promise<LineBlock> {
    return blockOf(await this.lines(after, limit));
  }

  private async lines(after: number, limit: number): Promise<string[]> {
    const wanted = Math.min(limit, this.headSeq - after);
    if (wanted <= 0) return [];
    const inMemory = this.ring.from(after + 1, wanted);
    if (inMemory.length === wanted) return inMemory.map(({ line }) => line);
    return this.deps.reader.lines(this.deps.keys.events(this.jobId), after, wanted);
  }

  private follow(): void {
    const { feed, keys } = this.deps;
    const subscribing = feed.subscribe(keys.live(this.jobId), (message) => {
      this.enqueue(() => this.onMessage(message));
    });
    subscribing.then(
      (stop) => {
        if (this.listeners.size === 0) stop();
        else this.stopFollowing = stop;
        // What was stored before the subscription took effect came on no channel.
        this.enqueue(() => this.catchUp());
      },
      () => undefined,
    );
    this.stopReconnect = feed.onReconnect(() => {
      this.enqueue(() => this.catchUp());
    });
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch(() => undefined);
  }

  private async onMessage(message: string): Promise<void> {
    const newline = message.indexOf('\n');
    const first = Number(message.slice(0, newline));
    const lines = message.slice(newline + 1).split('\n');
    if (first > this.headSeq + 1) await this.readUpTo(first - 1);
    const skip = this.headSeq + 1 - first;
    if (skip >= lines.length || skip < 0) return;
    this.deliver(first + skip, skip === 0 ? lines : lines.slice(skip));
  }

  /** Read what the stream holds past the head and deliver it. */
  private async catchUp(): Promise<void> {
    const head = await this.deps.reader.head(this.deps.keys.events(this.jobId));
    if (head > this.headSeq) await this.readUpTo(head);
  }

  private async readUpTo(seq: number): Promise<void> {
    while (this.headSeq < seq) {
      const lines = await this.deps.reader.lines(
        this.deps.keys.events(this.jobId),
        this.headSeq,
        Math.min(CATCH_UP_PAGE, seq - this.headSeq),
      );
      if (lines.length === 0) return;
      this.deliver(this.headSeq + 1, lines);
    }
  }

  private deliver(first: number, lines: readonly string[]): void {
    const batch: LoggedEvent[] = lines.map((line, i) => ({
      seq: first + i,
      event: JSON.parse(line) as StoredEvent,
      line,
    }));
    for (const logged of batch) this.ring.push(logged);
    this.headSeq = first + lines.length - 1;
    for (const listener of this.listeners) listener(batch);
  }
}
