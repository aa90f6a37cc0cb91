/**
 * The viewers of a benchmark, in their own process so their work is not counted as the
 * hub's: `@sidecast/client` connections that follow one job, driven over IPC
 * (`viewers-protocol.ts`).
 */
import {
  createClient,
  WebSocketTransport,
  type SidecastClient,
  type WebSocketConstructor,
} from '@sidecast/client';
import { isTerminal, jobChannel, type StoredEvent } from '@sidecast/protocol';
import { WebSocket } from 'ws';
import { summarize } from './latency-summary.js';
import type { FromViewers, ToViewers } from './viewers-protocol.js';
import { wallNow } from './wall-clock.js';

/** A `ws` socket that remembers itself, so a benchmark can stop it reading. */
class PausableSocket extends WebSocket {
  static last: PausableSocket | undefined;
  constructor(url: string) {
    super(url);
    PausableSocket.last = this;
  }
}

const now = wallNow;
const reply = (message: FromViewers): void => {
  process.send?.(message);
};

let clients: SidecastClient[] = [];
let stalledSocket: PausableSocket | undefined;
let afterResume: (() => void) | undefined;
let resumedAt = 0;

async function connect(
  url: string,
  token: string,
  count: number,
  stallOne: boolean,
): Promise<void> {
  clients = Array.from({ length: count }, (_, index) =>
    createClient({
      url,
      token,
      ...(stallOne && index === 0
        ? {
            transport: (address: string) =>
              new WebSocketTransport(
                address,
                // `ws` types its handlers' events more narrowly than the WHATWG shape the
                // transport takes; the objects are the same.
                PausableSocket as unknown as WebSocketConstructor,
              ),
          }
        : {}),
    }),
  );
  await Promise.all(clients.map((client) => client.whenLive()));
  if (stallOne) stalledSocket = PausableSocket.last;
}

const LATENCY_WARM_UP_MS = 1_000;

function follow(jobId: string, latencyFrom: 'none' | 'live' | 'all', stall: boolean): void {
  const recordLatency = latencyFrom !== 'none';
  const counts = clients.map(() => 0);
  let latencies = new Float64Array(recordLatency ? 1 << 16 : 0);
  let samples = 0;
  let firstAt = Infinity;
  let unfinished = stall ? clients.length - 1 : clients.length;
  const subscribedAt = now();
  // Per client: when latency starts to count. Events emitted before its replay ended
  // (`synced`) would measure how long subscribing took; those in the second after it, the
  // warm-up of a process that has just taken 100 subscriptions at once.
  const liveSince = clients.map(() =>
    latencyFrom === 'all' ? subscribedAt + LATENCY_WARM_UP_MS : Infinity,
  );
  const record = (events: StoredEvent[], at: number, since: number): void => {
    for (const event of events) {
      if (event.kind !== 'log' || event.ts < since) continue;
      if (samples === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[samples++] = at - event.ts;
    }
  };
  clients.forEach((client, index) => {
    const stalled = stall && index === 0;
    client.subscribe(jobChannel(jobId), {
      onSynced: () => {
        if (latencyFrom === 'live') liveSince[index] = now() + LATENCY_WARM_UP_MS;
      },
      onEvents: (events) => {
        const at = now();
        firstAt = Math.min(firstAt, at);
        counts[index] = (counts[index] ?? 0) + events.length;
        if (stalled && counts[index] === events.length) stalledSocket?.pause();
        if (recordLatency) record(events, at, liveSince[index] ?? Infinity);
        const last = events[events.length - 1];
        if (last === undefined || !isTerminal(last)) return;
        if (stalled) {
          afterResume?.();
          return;
        }
        unfinished -= 1;
        if (unfinished > 0) return;
        reply({
          type: 'done',
          counts,
          firstEventMs: firstAt - subscribedAt,
          lastAt: at,
          allEventsMs: at - subscribedAt,
          ...(recordLatency ? { latency: summarize(latencies.subarray(0, samples)) } : {}),
        });
      },
    });
  });
  if (stall) {
    afterResume = () => {
      afterResume = undefined;
      reply({ type: 'caught-up', count: counts[0] ?? 0, ms: now() - resumedAt });
    };
  }
}

process.on('message', (message: ToViewers) => {
  switch (message.type) {
    case 'connect':
      void connect(message.url, message.token, message.count, message.stallOne).then(() => {
        reply({ type: 'connected' });
      });
      return;
    case 'follow':
      follow(message.jobId, message.latency, message.stall);
      return;
    case 'resume':
      resumedAt = now();
      stalledSocket?.resume();
      return;
    case 'exit':
      for (const client of clients) client.close();
      process.exit(0);
      return;
    default:
      message satisfies never;
  }
});
