/**
 * This hub's pub/sub connection to the cluster: handlers per channel, the channel
 * subscribed while it has one. Pub/sub delivers nothing that was published while the
 * connection was down, so those who need every message hear `onReconnect` and read what
 * they missed from the streams.
 */
import type { Redis } from 'ioredis';

type Handler = (message: string) => void;

export class LiveFeed {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectListeners = new Set<() => void>();
  private connectedOnce = false;

  constructor(private readonly redis: Redis) {
    redis.on('message', (channel: string, message: string) => {
      const handlers = this.handlers.get(channel);
      if (handlers !== undefined) for (const handler of handlers) handler(message);
    });
    redis.on('ready', () => {
      if (this.connectedOnce) for (const listener of this.reconnectListeners) listener();
      this.connectedOnce = true;
    });
    if (redis.status === 'ready') this.connectedOnce = true;
  }

  /** Call `handler` with each message on `channel`, from once this resolves. */
  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    let handlers = this.handlers.get(channel);
    const first = handlers === undefined;
    handlers ??= new Set();
    handlers.add(handler);
    this.handlers.set(channel, handlers);
    if (first) await this.redis.subscribe(channel);
    return () => {
      const current = this.handlers.get(channel);
      if (current?.delete(handler) !== true || current.size > 0) return;
      this.handlers.delete(channel);
      this.redis.unsubscribe(channel).catch(() => undefined);
    };
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }
}
