/**
 * Presence across the cluster: each hub keeps its own count of a channel's viewers in the
 * channel's hash and names the channel on a pub/sub channel when it changes; a hub with
 * viewers there adds the counts of the hubs still registered, so a dead hub's viewers stop
 * counting once its registration lapses (counts are read again every `recountMs`).
 */
import type { Redis } from 'ioredis';
import type { Channel } from '@sidecast/protocol';
import type { PresenceBoard } from '../presence-board.js';
import type { ClusterKeys } from './keys.js';
import type { LiveFeed } from './live-feed.js';

type Listener = (channel: Channel, viewers: number) => void;

export interface ClusterPresenceDeps {
  writes: Redis;
  reads: Redis;
  feed: LiveFeed;
  keys: ClusterKeys;
  hubId: string;
}

export class ClusterPresence implements PresenceBoard {
  /** This hub's viewers per channel. */
  private readonly local = new Map<Channel, number>();
  /** The other live hubs' viewers per channel, as last read. */
  private readonly remote = new Map<Channel, number>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly deps: ClusterPresenceDeps) {}

  async start(): Promise<void> {
    await this.deps.feed.subscribe(this.deps.keys.presenceChanges, (channel) => {
      if (this.local.has(channel as Channel)) void this.recount(channel as Channel);
    });
  }

  setPresence(channel: Channel, viewers: number): void {
    const { writes, keys, hubId } = this.deps;
    const known = this.remote.has(channel);
    if (viewers > 0) this.local.set(channel, viewers);
    else {
      this.local.delete(channel);
      this.remote.delete(channel);
    }
    // This hub's viewers hear at once; the other hubs' counts follow when read.
    this.announce(channel, viewers + (this.remote.get(channel) ?? 0));
    const write =
      viewers > 0
        ? writes.hset(keys.presence(channel), hubId, viewers)
        : writes.hdel(keys.presence(channel), hubId);
    write.then(() => writes.publish(keys.presenceChanges, channel)).catch(() => undefined);
    if (viewers > 0 && !known) void this.recount(channel);
  }

  onPresence(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Read every channel with viewers here again (hubs may have died meanwhile). */
  recountAll(): void {
    for (const channel of this.local.keys()) void this.recount(channel);
  }

  /** Take this hub's counts out of the cluster's. */
  async close(): Promise<void> {
    const { writes, keys, hubId } = this.deps;
    await Promise.all(
      [...this.local.keys()].map((channel) =>
        writes.hdel(keys.presence(channel), hubId).catch(() => undefined),
      ),
    );
  }

  private async recount(channel: Channel): Promise<void> {
    const { reads, keys, hubId } = this.deps;
    try {
      const counts = await reads.hgetall(keys.presence(channel));
      const others = Object.keys(counts).filter((hub) => hub !== hubId);
      const alive = others.length === 0 ? [] : await reads.mget(others.map((hub) => keys.hub(hub)));
      let sum = 0;
      others.forEach((hub, i) => {
        if (alive[i] !== null && alive[i] !== undefined) sum += Number(counts[hub] ?? 0);
      });
      const local = this.local.get(channel);
      if (local === undefined) return;
      if (this.remote.get(channel) === sum) return;
      this.remote.set(channel, sum);
      this.announce(channel, local + sum);
    } catch {
      // Redis away: the count stays as last known.
    }
  }

  private announce(channel: Channel, viewers: number): void {
    for (const listener of this.listeners) listener(channel, viewers);
  }
}
