/**
 * The viewers of a benchmark, in their own process so that their work is not counted as
 * the hub's: N `@sidecast/client` connections that follow one job and report when each has
 * its terminal status. Talks to the parent over IPC.
 */
import { createClient } from '@sidecast/client';
import { isTerminal, jobChannel } from '@sidecast/protocol';

export interface ViewersReady {
  type: 'ready';
}

export interface ViewersDone {
  type: 'done';
  /** Events each viewer received. */
  counts: number[];
  /** `performance.timeOrigin + now()` when the last viewer got the last event. */
  lastAt: number;
}

const [url = '', token = '', countText = '1'] = process.argv.slice(2);
const clients = Array.from({ length: Number(countText) }, () => createClient({ url, token }));
await Promise.all(clients.map((client) => client.whenLive()));
process.send?.({ type: 'ready' } satisfies ViewersReady);

process.once('message', (jobId: string) => {
  const counts = clients.map(() => 0);
  let finished = 0;
  clients.forEach((client, index) => {
    client.subscribe(jobChannel(jobId), {
      onEvents: (events) => {
        counts[index] = (counts[index] ?? 0) + events.length;
        const last = events[events.length - 1];
        if (last !== undefined && isTerminal(last)) {
          finished += 1;
          if (finished === clients.length) {
            const lastAt = performance.timeOrigin + performance.now();
            process.send?.({ type: 'done', counts, lastAt } satisfies ViewersDone, () => {
              for (const each of clients) each.close();
              process.exit(0);
            });
          }
        }
      },
    });
  });
});
