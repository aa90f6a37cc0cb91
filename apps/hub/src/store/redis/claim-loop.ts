/**
 * Taking jobs from the cluster's queue (DESIGN §11): a stream read in the consumer group
 * `hubs`, by this hub, for as many jobs as it has room for. A job read here stays in this
 * hub's pending list until it is running; if the hub dies first, another hub claims it
 * with XAUTOCLAIM (see `Sweeper`) and runs it.
 */
import type { Redis } from 'ioredis';
import { QUEUE_GROUP, type ClusterKeys } from './keys.js';

/** How long one blocking read waits before it looks at `want` again. */
const BLOCK_MS = 1_000;
/** After a failed read (Redis away), wait this long before the next. */
const RETRY_MS = 500;

/** A queue entry: its id in the stream and the job it names. */
export interface QueueEntry {
  entryId: string;
  jobId: string;
}

type Reply = [stream: string, entries: [id: string, fields: string[]][]][] | null;

export function queueEntries(entries: [id: string, fields: string[] | null][]): QueueEntry[] {
  const found: QueueEntry[] = [];
  for (const [entryId, fields] of entries) {
    const at = fields?.indexOf('job') ?? -1;
    const jobId = at >= 0 ? fields?.[at + 1] : undefined;
    if (jobId !== undefined) found.push({ entryId, jobId });
  }
  return found;
}

/** Create the consumer group once per cluster; reading from the stream's start. */
export async function ensureQueueGroup(redis: Redis, keys: ClusterKeys): Promise<void> {
  try {
    await redis.xgroup('CREATE', keys.queue, QUEUE_GROUP, '0', 'MKSTREAM');
  } catch (error) {
    if (!(error as Error).message.startsWith('BUSYGROUP')) throw error;
  }
}

export class ClaimLoop {
  private wanted = 0;
  private wake: (() => void) | undefined;
  private running = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly hubId: string,
    private readonly onClaimed: (entries: QueueEntry[]) => void,
  ) {
    this.done = this.run();
  }

  /** This hub has room for `count` more jobs. */
  want(count: number): void {
    this.wanted = count;
    if (count > 0) this.wake?.();
  }

  /** Take `count` of the room: the sweeper claimed that many. */
  took(count: number): void {
    this.wanted = Math.max(0, this.wanted - count);
  }

  get room(): number {
    return this.wanted;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    this.redis.disconnect();
    await this.done;
  }

  /** A method, not a field TypeScript would narrow: `stop()` runs during the read. */
  private isRunning(): boolean {
    return this.running;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.wanted <= 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      let reply: Reply;
      try {
        reply = (await this.redis.xreadgroup(
          'GROUP',
          QUEUE_GROUP,
          this.hubId,
          'COUNT',
          this.wanted,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.keys.queue,
          '>',
        )) as Reply;
      } catch {
        if (this.isRunning()) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      const entries = queueEntries(reply?.[0]?.[1] ?? []);
      if (entries.length === 0) continue;
      this.took(entries.length);
      this.onClaimed(entries);
    }
  }
}
