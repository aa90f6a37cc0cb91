/**
 * A viewer of one job's channel over a raw WebSocket, so that what a hub sends is seen as
 * it is: every `subscribed` (and whether it resumed), every event with its seq, duplicates
 * and gaps included. `moveTo` drops the connection and resumes on another hub from the
 * last event seen, as a client whose hub died does, and resolves once that hub has said
 * `subscribed`.
 */
import WebSocket from 'ws';
import {
  isTerminal,
  jobChannel,
  parseServerMessage,
  type ServerMessage,
  type StoredEvent,
} from '@sidecast/protocol';

type Subscribed = Extract<ServerMessage, { type: 'subscribed' }>;

export class RawViewer {
  readonly events: StoredEvent[] = [];
  readonly subscriptions: Subscribed[] = [];
  readonly invalid: string[] = [];
  /** The viewer counts of `presence` frames, in order. */
  readonly presence: number[] = [];
  /** When each event arrived (ms since the epoch), by position in `events`. */
  readonly arrivals: number[] = [];
  private socket: WebSocket | undefined;
  private epoch: string | undefined;
  private ended: (() => void) | undefined;
  private onSubscribed: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(
    private readonly jobId: string,
    private readonly token: string,
  ) {
    this.done = new Promise((resolve) => (this.ended = resolve));
  }

  /** Subscribe through the hub at `origin`, resuming after the last event seen. */
  async moveTo(origin: string): Promise<void> {
    // Set before the socket can deliver anything: the frame may come in the same turn.
    const subscribed = new Promise<void>((resolve) => (this.onSubscribed = resolve));
    this.socket?.terminate();
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws?token=${this.token}`);
    this.socket = socket;
    socket.on('error', () => undefined);
    socket.on('message', (data: Buffer) => {
      this.receive(data.toString('utf8'));
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        resolve();
      });
      socket.once('error', reject);
    });
    const last = this.events.at(-1);
    socket.send(
      JSON.stringify({
        type: 'subscribe',
        id: 's1',
        channel: jobChannel(this.jobId),
        ...(last === undefined || this.epoch === undefined
          ? {}
          : { since: { epoch: this.epoch, seq: last.seq } }),
      }),
    );
    await subscribed;
  }

  close(): void {
    this.socket?.terminate();
  }

  private receive(text: string): void {
    const parsed = parseServerMessage(text);
    if (!parsed.ok) {
      this.invalid.push(parsed.error.message);
      return;
    }
    const frame = parsed.value;
    if (frame.type === 'presence') this.presence.push(frame.viewers);
    if (frame.type === 'subscribed') {
      this.subscriptions.push(frame);
      this.epoch = frame.epoch;
      this.onSubscribed?.();
    } else if (frame.type === 'events') {
      const now = Date.now();
      for (const event of frame.events as StoredEvent[]) {
        this.events.push(event);
        this.arrivals.push(now);
        if (isTerminal(event)) this.ended?.();
      }
    }
  }
}

/** The seqs of `events`, which a complete log has as 1..n once each. */
export function seqs(events: readonly StoredEvent[]): number[] {
  return events.map(({ seq }) => seq);
}

export function oneToN(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
