/** The pool's state in words a user understands, not the supervisor's names. */
import type { SidecarStatus } from '@sidecast/protocol';

export function poolInWords(status: SidecarStatus): string {
  const busy = status.workers.filter((worker) => worker.state === 'busy').length;
  const load = `${String(busy)} of ${String(status.size)} busy`;
  switch (status.state) {
    case 'idle':
      return `Not started yet: the first job starts a worker. Up to ${String(status.size)} run at once.`;
    case 'starting':
      return 'Starting Python…';
    case 'ready':
      return status.reloading ? `Reloading the job code · ${load}` : `Ready · ${load}`;
    case 'unhealthy':
      return `A worker is not answering · ${load}`;
    case 'restarting':
      return 'A worker stopped; starting another…';
    case 'circuit_open':
      return status.loadError === undefined
        ? 'Stopped after failing to start again and again: restart to try again.'
        : 'Stopped: the job code does not import. Fix it and reload.';
    case 'stopping':
      return 'Shutting down…';
    case 'stopped':
      return 'Shut down.';
  }
}
