/**
 * The connection store wired to `@sidecast/client`'s in-memory transport, for store and
 * component tests: each connection attempt gets a hub end the test reads and answers.
 * (The app against a real hub and sidecar is tested in `tests/e2e`.)
 */
import { InMemoryHub, type FetchLike, type InMemoryHubEnd } from '@sidecast/client';
import type { ClientMessage, ServerMessage } from '@sidecast/protocol';
import { useConnectionStore } from '../stores/connection.js';

export interface HubDouble {
  /** The hub end of every connection, oldest first. */
  ends: InMemoryHubEnd[];
  /** The newest hub end. */
  hub(): InMemoryHubEnd;
  /** Send a frame on the newest connection. */
  send(message: ServerMessage): void;
  /** Commands received on the newest connection, of one type. */
  received<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }>[];
  /** Let in-memory deliveries (microtasks) and the client's timers run. */
  settle(): Promise<void>;
}

export function connectToDouble(fetch?: FetchLike): HubDouble {
  const hub = new InMemoryHub();
  useConnectionStore().connect({
    url: 'http://127.0.0.1:8765',
    token: 't',
    reconnect: { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 },
    ...(fetch === undefined ? {} : { fetch }),
    transport: hub.transport,
  });
  return {
    ends: hub.ends,
    hub: () => hub.latest,
    send: (message) => {
      hub.latest.send(message);
    },
    received: (type) =>
      hub.latest.received.filter(
        (message): message is Extract<ClientMessage, { type: typeof type }> =>
          message.type === type,
      ),
    settle: async () => {
      for (let round = 0; round < 5; round++) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        for (let i = 0; i < 10; i++) await Promise.resolve();
      }
    },
  };
}
