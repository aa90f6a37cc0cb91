/**
 * Light viewers, in their own process: raw WebSockets that JSON-parse every frame and check
 * that seqs run on by one, but validate nothing else, so that what is measured is the
 * server (the hub or the bare forwarder), not the client. Same IPC as `viewers.ts`.
 */
import WebSocket from 'ws';
import { summarize } from './latency-summary.js';
import type { FromViewers, ToViewers } from './viewers-protocol.js';
import { wallNow } from './wall-clock.js';

interface Frame {
  type: string;
  events?: { seq: number; ts: number; kind: string; state?: string }[];
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const LATENCY_WARM_UP_MS = 1_000;
let sockets: WebSocket[] = [];

const reply = (message: FromViewers): void => {
  process.send?.(message);
};

async function connect(url: string, token: string, count: number): Promise<void> {
  const address = `${url.replace(/^http/, 'ws').replace(/\/$/, '')}/ws?token=${token}`;
  sockets = await Promise.all(
    Array.from({ length: count }, async () => {
      const socket = new WebSocket(address, { perMessageDeflate: false });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      return socket;
    }),
  );
}

function follow(jobId: string, recordLatency: boolean): void {
  const counts = sockets.map(() => 0);
  const latencies: number[] = [];
  const subscribedAt = wallNow();
  let firstAt = Infinity;
  let unfinished = sockets.length;
  sockets.forEach((socket, index) => {
    let last = 0;
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as Frame;
      if (frame.type !== 'events' || frame.events === undefined) return;
      const at = wallNow();
      firstAt = Math.min(firstAt, at);
      let ended = false;
      for (const event of frame.events) {
        if (event.seq !== last + 1)
          throw new Error(`seq ${String(event.seq)} after ${String(last)}`);
        last = event.seq;
        if (recordLatency && event.kind === 'log' && event.ts >= subscribedAt + LATENCY_WARM_UP_MS)
          latencies.push(at - event.ts);
        if (event.kind === 'status' && TERMINAL.has(event.state ?? '')) ended = true;
      }
      counts[index] = last;
      if (!ended) return;
      unfinished -= 1;
      if (unfinished > 0) return;
      reply({
        type: 'done',
        counts,
        firstEventMs: firstAt - subscribedAt,
        lastAt: at,
        allEventsMs: at - subscribedAt,
        ...(recordLatency ? { latency: summarize(Float64Array.from(latencies)) } : {}),
      });
    });
    socket.send(JSON.stringify({ type: 'subscribe', id: 's', channel: `job:${jobId}` }));
  });
}

process.on('message', (message: ToViewers) => {
  switch (message.type) {
    case 'connect':
      void connect(message.url, message.token, message.count).then(() => {
        reply({ type: 'connected' });
      });
      return;
    case 'follow':
      follow(message.jobId, message.latency !== 'none');
      return;
    case 'resume':
      return;
    case 'exit':
      for (const socket of sockets) socket.terminate();
      process.exit(0);
      return;
    default:
      message satisfies never;
  }
});
