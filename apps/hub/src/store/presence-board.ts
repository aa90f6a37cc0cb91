import type { Channel } from '@sidecast/protocol';

/** Where viewer counts add up: one hub's, or a cluster's (DESIGN §11: presence is cluster-wide). */
export interface PresenceBoard {
  /** This hub now has `viewers` on `channel`. */
  setPresence(channel: Channel, viewers: number): void;
  /** Call `listener` with a channel's new total; returns the unsubscribe. */
  onPresence(listener: (channel: Channel, viewers: number) => void): () => void;
}
