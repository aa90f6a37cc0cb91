/**
 * Who is subscribed to one channel on this hub, and the `presence` frame that tells them
 * how many watch it: on this hub alone, or across the cluster when the hub is in one. Each
 * change of this hub's count goes to the `PresenceBoard`, which answers with the total.
 */
import type { Channel } from '@sidecast/protocol';
import type { PresenceBoard } from '../store/presence-board.js';
import { encodeFrame, type Outbox } from './outbox.js';

export class Audience {
  private readonly members = new Set<Outbox>();

  constructor(
    private readonly channel: Channel,
    private readonly report: (viewers: number) => void,
  ) {}

  get size(): number {
    return this.members.size;
  }

  add(outbox: Outbox): void {
    this.members.add(outbox);
    this.report(this.members.size);
  }

  remove(outbox: Outbox): void {
    if (this.members.delete(outbox)) this.report(this.members.size);
  }

  /** Tell every member that `viewers` watch the channel. */
  announce(viewers: number): void {
    const frame = encodeFrame({ type: 'presence', channel: this.channel, viewers });
    for (const member of this.members) member.send(frame);
  }
}

/** The audiences of one hub's channels, told the totals the board reports. */
export class Audiences {
  private readonly byChannel = new Map<Channel, Audience>();
  private readonly detach: () => void;

  constructor(private readonly board: PresenceBoard) {
    this.detach = board.onPresence((channel, viewers) => {
      this.byChannel.get(channel)?.announce(viewers);
    });
  }

  /** A new audience for `channel`, taking the place of any older one. */
  create(channel: Channel): Audience {
    const audience = new Audience(channel, (viewers) => {
      this.byChannel.set(channel, audience);
      this.board.setPresence(channel, viewers);
      if (viewers === 0 && this.byChannel.get(channel) === audience) this.byChannel.delete(channel);
    });
    return audience;
  }

  close(): void {
    this.detach();
  }
}
