/**
 * Channel subscriptions that survive reconnects. Each remembers its position `{epoch, seq}`,
 * resubscribes from there on every new connection, drops any event it has already seen, and
 * tells its owner (`onReset`) when the hub could not resume it and the view must start over.
 */
import type {
  Channel,
  JobChange,
  ServerMessage,
  SidecarChange,
  Since,
  StoredEvent,
} from '@sidecast/protocol';
import { ClientError } from './client-error.js';
import type { Requests } from './requests.js';

/** What a channel carries: a job's events, job changes, or supervisor changes. */
export type EventOf<C extends Channel> = C extends 'jobs'
  ? JobChange
  : C extends 'sidecar'
    ? SidecarChange
    : StoredEvent;

type Frame<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
type ChannelFrame = Frame<'subscribed' | 'events' | 'synced' | 'snapshot' | 'presence'>;

/** Callbacks for one channel; every one is optional. */
export interface ChannelHandlers<C extends Channel> {
  /** New events, in seq order, each exactly once. */
  onEvents?(events: EventOf<C>[]): void;
  /** The whole state of a `jobs` or `sidecar` channel (after every (re)subscribe). */
  onSnapshot?(snapshot: Extract<Frame<'snapshot'>, { channel: C }>): void;
  /** Caught up with the hub: what follows is live. */
  onSynced?(head: number): void;
  /** How many viewers the channel has. */
  onPresence?(viewers: number): void;
  /** The hub could not resume from the last position: drop the view, a full replay follows. */
  onReset?(epoch: string): void;
  /** The hub refused the subscription (unknown job, say); it is over. */
  onError?(error: ClientError): void;
}

export interface ChannelSubscription {
  readonly channel: Channel;
  /** The newest event seen: where the next connection resumes. */
  readonly position: Since | undefined;
  unsubscribe(): Promise<void>;
}

interface Entry {
  channel: Channel;
  handlers: ChannelHandlers<Channel>;
  position: Since | undefined;
  /** Bumped per subscribe sent, so answers to an older one are ignored. */
  generation: number;
}

export class Subscriptions {
  private readonly entries = new Map<Channel, Entry>();

  constructor(
    private readonly requests: Requests,
    private readonly isLive: () => boolean,
  ) {}

  add<C extends Channel>(
    channel: C,
    handlers: ChannelHandlers<C>,
    since?: Since,
  ): ChannelSubscription {
    if (this.entries.has(channel))
      throw new ClientError('conflict', `already subscribed to ${channel}`);
    const entry: Entry = {
      channel,
      // Frames are routed by channel name, so each handler only ever sees its own kind.
      handlers: handlers as unknown as ChannelHandlers<Channel>,
      position: since,
      generation: 0,
    };
    this.entries.set(channel, entry);
    if (this.isLive()) this.send(entry);
    return {
      channel,
      get position() {
        return entry.position;
      },
      unsubscribe: () => this.remove(entry),
    };
  }

  /** A new connection: ask for every channel again, from where each left off. */
  resubscribe(): void {
    for (const entry of this.entries.values()) this.send(entry);
  }

  /** Route a channel frame to its subscription. */
  receive(frame: ChannelFrame): void {
    const entry = this.entries.get(frame.channel);
    if (entry === undefined) return;
    const { handlers } = entry;
    switch (frame.type) {
      case 'subscribed':
        if (!frame.recovered && entry.position !== undefined) handlers.onReset?.(frame.epoch);
        entry.position = {
          epoch: frame.epoch,
          seq: frame.recovered ? (entry.position?.seq ?? 0) : 0,
        };
        return;
      case 'events': {
        const seen = entry.position?.epoch === frame.epoch ? entry.position.seq : 0;
        const fresh = frame.events.filter(({ seq }) => seq > seen);
        const last = fresh[fresh.length - 1];
        if (last === undefined) return;
        entry.position = { epoch: frame.epoch, seq: last.seq };
        handlers.onEvents?.(fresh);
        return;
      }
      case 'snapshot':
        handlers.onSnapshot?.(frame);
        return;
      case 'synced':
        handlers.onSynced?.(frame.head);
        return;
      case 'presence':
        handlers.onPresence?.(frame.viewers);
        return;
    }
  }

  private send(entry: Entry): void {
    entry.generation += 1;
    const { generation } = entry;
    const since = entry.position;
    const command =
      since === undefined
        ? { type: 'subscribe' as const, channel: entry.channel }
        : { type: 'subscribe' as const, channel: entry.channel, since };
    this.requests.request(command).catch((error: unknown) => {
      if (this.entries.get(entry.channel) !== entry || entry.generation !== generation) return;
      const failure = error as ClientError;
      // A drop is not a refusal: the next connection subscribes again.
      if (failure.code === 'connection_lost' || failure.code === 'closed') return;
      this.entries.delete(entry.channel);
      entry.handlers.onError?.(failure);
    });
  }

  private async remove(entry: Entry): Promise<void> {
    if (this.entries.get(entry.channel) !== entry) return;
    this.entries.delete(entry.channel);
    if (this.isLive()) await this.requests.request({ type: 'unsubscribe', channel: entry.channel });
  }
}
