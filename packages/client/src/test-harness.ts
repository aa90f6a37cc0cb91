/** A client wired to in-memory hub ends, one per connection attempt, for unit tests. */
import { SidecastClient, type SidecastClientOptions } from './client.js';
import { InMemoryHub, type InMemoryHubEnd } from './transport/in-memory-transport.js';

export interface Harness {
  client: SidecastClient;
  /** The hub end of every connection attempt, oldest first. */
  hubs: InMemoryHubEnd[];
  /** The newest hub end. */
  hub: () => InMemoryHubEnd;
  /** Let queued microtasks (in-memory deliveries) run. */
  settle: () => Promise<void>;
}

export function harness(
  options: Partial<SidecastClientOptions> & {
    /** Whether attempt `n` (from 0) connects; all do by default. */
    accepts?: (attempt: number) => boolean;
  } = {},
): Harness {
  const { accepts, ...clientOptions } = options;
  const hub = new InMemoryHub(accepts);
  const client = new SidecastClient({
    url: 'http://127.0.0.1:8765',
    token: 't',
    ...clientOptions,
    transport: hub.transport,
  });
  return {
    client,
    hubs: hub.ends,
    hub: () => hub.latest,
    settle: async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}
