/** Who is subscribed to one channel, and the `presence` frame that tells them how many. */
import type { Channel } from '@sidecast/protocol';
import { encodeFrame, type Outbox } from './outbox.js';

export class Audience {
  private readonly members = new Set<Outbox>();

  constructor(private readonly channel: Channel) {}

  get size(): number {
    return this.members.size;
  }

  add(outbox: Outbox): void {
    this.members.add(outbox);
    this.announce();
  }

  remove(outbox: Outbox): void {
    if (this.members.delete(outbox)) this.announce();
  }

  private announce(): void {
    const frame = encodeFrame({
      type: 'presence',
      channel: this.channel,
      viewers: this.members.size,
    });
    for (const member of this.members) member.send(frame);
  }
}
