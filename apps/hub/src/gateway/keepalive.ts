/**
 * Liveness of one socket: a ping every `pingIntervalMs`, and the peer is cut off when
 * nothing (no pong, no frame) comes from it for `pongTimeoutMs` after the ping was written
 * out. The wait starts there, not when the ping is queued: a peer can only answer once it
 * has read what was queued ahead of the ping, and a slow reader on a deep queue is alive. One
 * that has not even taken the ping within `pingIntervalMs + pongTimeoutMs` is not reading at
 * all, and is cut off then.
 */
import type { WebSocket } from 'ws';

export interface KeepaliveTimings {
  pingIntervalMs: number;
  pongTimeoutMs: number;
}

export class Keepalive {
  private readonly interval: NodeJS.Timeout;
  private deadline: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Pick<WebSocket, 'readyState' | 'OPEN' | 'ping' | 'on' | 'off'>,
    private readonly timings: KeepaliveTimings,
    private readonly onSilent: () => void,
  ) {
    this.interval = setInterval(() => {
      this.ping();
    }, timings.pingIntervalMs);
    this.interval.unref();
    socket.on('pong', this.heard);
  }

  /** The peer said something: it is alive. */
  readonly heard = (): void => {
    clearTimeout(this.deadline);
    this.deadline = undefined;
  };

  stop(): void {
    clearInterval(this.interval);
    clearTimeout(this.deadline);
    this.deadline = undefined;
    this.socket.off('pong', this.heard);
  }

  private ping(): void {
    if (this.socket.readyState !== this.socket.OPEN || this.deadline !== undefined) return;
    const { pingIntervalMs, pongTimeoutMs } = this.timings;
    this.wait(pingIntervalMs + pongTimeoutMs);
    this.socket.ping(undefined, undefined, (error?: Error) => {
      if (error === undefined && this.deadline !== undefined) this.wait(pongTimeoutMs);
    });
  }

  private wait(ms: number): void {
    clearTimeout(this.deadline);
    this.deadline = setTimeout(this.onSilent, ms);
    this.deadline.unref();
  }
}
