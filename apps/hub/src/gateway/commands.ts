/**
 * The job commands of the WebSocket: the same operations, checks and error codes as their
 * REST routes (`POST /api/jobs`, `…/cancel`, `…/input`).
 */
import type { ClientMessage, JsonValue } from '@sidecast/protocol';
import type { Jobs } from '../jobs/index.js';

type JobCommand = Extract<ClientMessage, { type: 'start' | 'cancel' | 'input' | 'ping' }>;

/** Carry out `command`; the value is the `ack`'s result. Throws `HubError`. */
export async function runJobCommand(
  jobs: Jobs,
  command: JobCommand,
): Promise<JsonValue | undefined> {
  switch (command.type) {
    case 'start':
      return { job: await jobs.create(command.jobType, command.params) };
    case 'cancel':
      return { job: jobs.cancel(command.jobId) };
    case 'input':
      return { job: jobs.input(command.jobId, command.data) };
    case 'ping':
      return undefined;
  }
}
