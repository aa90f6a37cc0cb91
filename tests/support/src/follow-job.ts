/** Run a job on a hub through `@sidecast/client` and keep every event it streams. */
import type { SidecastClient } from '@sidecast/client';
import {
  isTerminal,
  jobChannel,
  type JsonValue,
  type Params,
  type StoredEvent,
} from '@sidecast/protocol';

/**
 * The job's events, from its first to its terminal status, as one viewer saw them. The
 * subscription replays from the start, so nothing is missed between `start` and it; the
 * inputs go once the job runs (the hub refuses input to a queued job), as a person types
 * into a job they are watching.
 */
export async function followJob(
  client: SidecastClient,
  jobType: string,
  params: Params,
  inputs: readonly JsonValue[] = [],
): Promise<StoredEvent[]> {
  const job = await client.start(jobType, params);
  const events: StoredEvent[] = [];
  let markRunning: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (markRunning = resolve));
  const ended = new Promise<void>((resolve, reject) => {
    client.subscribe(jobChannel(job.id), {
      onEvents: (fresh) => {
        events.push(...fresh);
        if (fresh.some((event) => event.kind === 'status' && event.state === 'running'))
          markRunning();
        if (fresh.some(isTerminal)) resolve();
      },
      onError: reject,
    });
  });
  if (inputs.length > 0) await Promise.race([running, ended]);
  for (const data of inputs) await client.input(job.id, data);
  await ended;
  return events;
}
