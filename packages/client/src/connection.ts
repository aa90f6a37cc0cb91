/**
 * One logical connection to the hub over a series of transports: it connects, waits for
 * `welcome`, and after every drop reconnects with backoff until it is closed.
 */
import type { ClientMessage, ServerMessage } from '@sidecast/protocol';
import { reconnectDelay } from './backoff.js';
import { Observable, type ReadonlyObservable } from './observable.js';
import type { ReconnectOptions } from './options.js';
import type { Transport } from './transport/transport.js';

/** `connecting` before the first welcome, `live` while connected, `reconnecting` after a drop. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed';

type Welcome = Extract<ServerMessage, { type: 'welcome' }>;

export interface ConnectionEvents {
  /** Connected and welcomed (again). */
  live(welcome: Welcome): void;
  /** Every frame after the welcome. */
  message(message: ServerMessage): void;
  /** A live connection dropped; a reconnect follows unless the client is closed. */
  lost(): void;
  /** Something went wrong that does not end the connection, such as a bad frame. */
  problem(error: Error): void;
}

export class Connection {
  private readonly stateValue = new Observable<ConnectionState>('connecting');
  private transport: Transport | undefined;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly makeTransport: () => Transport,
    private readonly reconnect: ReconnectOptions,
    private readonly events: ConnectionEvents,
  ) {}

  get state(): ReadonlyObservable<ConnectionState> {
    return this.stateValue;
  }

  open(): void {
    if (this.stateValue.value === 'closed' || this.transport !== undefined) return;
    this.connect();
  }

  /** Send if live; says whether it did. */
  send(message: ClientMessage): boolean {
    if (this.stateValue.value !== 'live' || this.transport === undefined) return false;
    this.transport.send(message);
    return true;
  }

  close(): void {
    clearTimeout(this.retry);
    const { transport } = this;
    this.transport = undefined;
    const wasLive = this.stateValue.value === 'live';
    this.stateValue.set('closed');
    transport?.close();
    if (wasLive) this.events.lost();
  }

  private connect(): void {
    const transport = this.makeTransport();
    this.transport = transport;
    let down = false;
    const onDown = (): void => {
      if (down) return;
      down = true;
      if (this.transport === transport) this.dropped();
    };
    transport.onmessage = (message) => {
      if (this.transport !== transport) return;
      if (message.type !== 'welcome') {
        this.events.message(message);
        return;
      }
      this.attempt = 0;
      this.stateValue.set('live');
      this.events.live(message);
    };
    transport.onclose = onDown;
    transport.onerror = (error) => {
      this.events.problem(error);
    };
    transport.start().catch((error: unknown) => {
      this.events.problem(error as Error);
      onDown();
    });
  }

  private dropped(): void {
    this.transport = undefined;
    const wasLive = this.stateValue.value === 'live';
    this.stateValue.set('reconnecting');
    if (wasLive) this.events.lost();
    const delay = reconnectDelay(this.reconnect, this.attempt);
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.stateValue.value !== 'closed') this.connect();
    }, delay);
  }
}
