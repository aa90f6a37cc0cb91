/** What a socket holds for each channel it joined. */
import type { Channel } from '@sidecast/protocol';

export interface Subscription {
  readonly channel: Channel;
  /** Begin sending: the backlog or snapshot, `synced`, then live. Called after the `ack`. */
  start(): void;
  /** Stop sending and leave the channel's audience. */
  close(): void;
}
