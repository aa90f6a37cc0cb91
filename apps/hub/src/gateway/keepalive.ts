/**
 * Liveness of one socket: a ping every `pingIntervalMs`, and the peer is cut off when
 * nothing (no pong, no frame) has come from it for `pongTimeoutMs` after a ping.
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
    private readonly socket: WebSocket,
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
    this.socket.off('pong', this.heard);
  }

  private ping(): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.ping();
    this.deadline ??= setTimeout(this.onSilent, this.timings.pongTimeoutMs);
    this.deadline.unref();
  }
}
