/**
 * Two ends of a connection in one process, for unit tests: the client end is a `Transport`,
 * the hub end lets a test read the commands and answer with frames of its choosing.
 */
import type { ClientMessage, ServerMessage } from '@sidecast/protocol';
import type { CloseInfo, Transport } from './transport.js';

export class InMemoryHubEnd {
  /** Every command the client has sent, in order. */
  readonly received: ClientMessage[] = [];
  onmessage?: (message: ClientMessage) => void;
  /** @internal */
  client: InMemoryTransport | undefined;

  /** Deliver `message` to the client, asynchronously as a socket would. */
  send(message: ServerMessage): void {
    queueMicrotask(() => this.client?.onmessage?.(message));
  }

  /** Drop the connection from the hub's side. */
  close(code = 1006, reason = ''): void {
    this.client?.end({ code, reason });
  }
}

export class InMemoryTransport implements Transport {
  onmessage?: Transport['onmessage'];
  onclose?: Transport['onclose'];
  onerror?: Transport['onerror'];
  private open = false;

  constructor(
    private readonly hub: InMemoryHubEnd,
    private readonly refuse = false,
  ) {
    hub.client = this;
  }

  start(): Promise<void> {
    if (this.refuse) return Promise.reject(new Error('connection refused'));
    this.open = true;
    return Promise.resolve();
  }

  send(message: ClientMessage): void {
    if (!this.open) return;
    this.hub.received.push(message);
    queueMicrotask(() => this.hub.onmessage?.(message));
  }

  close(): void {
    this.end({ code: 1000, reason: 'client closed' });
  }

  /** @internal */
  end(info: CloseInfo): void {
    if (!this.open) return;
    this.open = false;
    queueMicrotask(() => this.onclose?.(info));
  }
}

/**
 * Every connection attempt of one client, for its `transport` option: each attempt gets a
 * fresh hub end, which says `welcome` first as the hub does (unless `accepts` refuses it).
 */
export class InMemoryHub {
  /** The hub end of every attempt, oldest first. */
  readonly ends: InMemoryHubEnd[] = [];

  constructor(private readonly accepts: (attempt: number) => boolean = () => true) {}

  /** The newest hub end. */
  get latest(): InMemoryHubEnd {
    const end = this.ends[this.ends.length - 1];
    if (end === undefined) throw new Error('no connection yet');
    return end;
  }

  /** Pass as the client's `transport`. */
  readonly transport = (): Transport => {
    const end = new InMemoryHubEnd();
    const accepted = this.accepts(this.ends.length);
    this.ends.push(end);
    const transport = new InMemoryTransport(end, !accepted);
    if (accepted)
      end.send({
        type: 'welcome',
        protocol: 1,
        version: '0',
        session: `s${String(this.ends.length)}`,
      });
    return transport;
  };
}
