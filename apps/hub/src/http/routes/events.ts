/**
 * `GET /api/jobs/:id/events`: a page of a job's events as JSON, or with
 * `Accept: text/event-stream` the whole log and then the live tail as SSE.
 */
import { Hono, type Context } from 'hono';
import { EventPageQuery, LIMITS, isTerminalState, type EventPage } from '@sidecast/protocol';
import { HubError } from '../../hub-error.js';
import type { AppDeps } from '../deps.js';
import { readQuery } from '../read-body.js';
import { streamEvents } from '../sse.js';

export function eventRoutes({ jobs, sseKeepaliveMs }: AppDeps): Hono {
  const app = new Hono();
  app.get('/:id/events', async (c) => {
    const { after, limit } = readQuery(c, EventPageQuery);
    const id = c.req.param('id');
    const log = await jobs.eventLog(id);
    c.header('X-Sidecast-Epoch', log.epoch);
    if (wantsEventStream(c)) {
      const ended = (): boolean => {
        const job = jobs.get(id);
        return job === undefined || isTerminalState(job.state);
      };
      const from = lastEventId(c.req.header('last-event-id')) ?? after ?? 0;
      return streamEvents(c, { log, ended }, from, sseKeepaliveMs);
    }
    const from = after ?? 0;
    const events = await log.read(from, limit ?? LIMITS.defaultEventPageLimit);
    const page: EventPage = { epoch: log.epoch, events, next: events.at(-1)?.seq ?? from };
    return c.json(page);
  });
  return app;
}

function wantsEventStream(c: Context): boolean {
  return c.req.header('accept')?.includes('text/event-stream') ?? false;
}

/** Whether `c` is the SSE form of this route, the one REST request that takes `?token=`. */
export function isEventStreamRequest(c: Context): boolean {
  return (
    c.req.method === 'GET' && /^\/api\/jobs\/[^/]+\/events$/.test(c.req.path) && wantsEventStream(c)
  );
}

/** The seq an EventSource reconnects after; a header that is not one is a 400. */
function lastEventId(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  if (!/^\d{1,15}$/.test(header))
    throw new HubError('bad_request', 'Last-Event-ID must be the seq of the last event received');
  return Number(header);
}
