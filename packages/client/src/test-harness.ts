/** A client wired to in-memory hub ends, one per connection attempt, for unit tests. */
import { SidecastClient, type SidecastClientOptions } from './client.js';
import { InMemoryHubEnd, InMemoryTransport } from './transport/in-memory-transport.js';

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
  const hubs: InMemoryHubEnd[] = [];
  const { accepts = () => true, ...clientOptions } = options;
  const client = new SidecastClient({
    url: 'http://127.0.0.1:8765',
    token: 't',
    ...clientOptions,
    transport: () => {
      const hub = new InMemoryHubEnd();
      const accepted = accepts(hubs.length);
      hubs.push(hub);
      const transport = new InMemoryTransport(hub, !accepted);
      if (accepted)
        hub.send({
          type: 'welcome',
          protocol: 1,
          version: '0',
          session: `s${String(hubs.length)}`,
        });
      return transport;
    },
  });
  return {
    client,
    hubs,
    hub: () => {
      const hub = hubs[hubs.length - 1];
      if (hub === undefined) throw new Error('no connection yet');
      return hub;
    },
    settle: async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}
