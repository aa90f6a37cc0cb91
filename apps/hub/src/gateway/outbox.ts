/**
 * The sending side of one socket, with its backpressure (DESIGN §4): past the high-water
 * mark, flow-controlled senders wait for `whenDrained`; the send callbacks, which fire as
 * frames reach the kernel, tell when the queue has fallen below the low-water mark.
 */
import type { WebSocket } from 'ws';
import type { ServerMessage } from '@sidecast/protocol';

/** A frame as it goes on the wire: serialized once, possibly shared by many sockets. */
export type EncodedFrame = Buffer;

export function encodeFrame(frame: ServerMessage): EncodedFrame {
  return Buffer.from(JSON.stringify(frame));
}

export interface OutboxLimits {
  highWaterMarkBytes: number;
  lowWaterMarkBytes: number;
  maxBufferedBytes: number;
}

export class Outbox {
  private drainListeners: (() => void)[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: OutboxLimits,
    /** Called once if the peer stops reading for good (`maxBufferedBytes` exceeded). */
    private readonly onOverflow: () => void,
  ) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Whether flow-controlled senders must wait before sending more. */
  get congested(): boolean {
    return this.socket.bufferedAmount >= this.limits.highWaterMarkBytes;
  }

  /** Send a frame that does not wait for the high-water mark (an ack, a presence count). */
  send(frame: ServerMessage | EncodedFrame): void {
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.onOverflow();
      return;
    }
    this.push(Buffer.isBuffer(frame) ? frame : encodeFrame(frame));
  }

  /** Send a frame of a flow-controlled sender, which checked `congested` first. */
  push(frame: EncodedFrame): void {
    if (this.open) this.socket.send(frame, { binary: false }, this.afterWrite);
  }

  /** Call `listener` once the queue has fallen below the low-water mark. */
  whenDrained(listener: () => void): void {
    this.drainListeners.push(listener);
    // Nothing in flight means no callback will come to say so.
    if (this.socket.bufferedAmount < this.limits.lowWaterMarkBytes) this.afterWrite();
  }

  /** Forget waiting senders: the socket is going away. */
  close(): void {
    this.drainListeners = [];
  }

  private readonly afterWrite = (): void => {
    if (this.drainListeners.length === 0) return;
    if (this.socket.bufferedAmount >= this.limits.lowWaterMarkBytes) return;
    const listeners = this.drainListeners;
    this.drainListeners = [];
    // Later in the turn, so a waiter that sends again does not nest inside this callback.
    setImmediate(() => {
      for (const listener of listeners) listener();
    });
  };
}
