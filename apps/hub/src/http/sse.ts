/**
 * A job's events as Server-Sent Events: each event is one message whose `id` is its seq, so
 * an EventSource that reconnects resumes after the last one it saw. The stream replays the
 * log, follows it live, keeps the connection open with comments, and ends after the job's
 * terminal status.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { isTerminal } from '@sidecast/protocol';
import type { JobLog } from '../event-log/job-log.js';

const PAGE = 1_000;

export interface SseSource {
  log: JobLog;
  /** Whether the job has ended, so nothing follows the log's head. */
  ended(): boolean;
}

export function streamEvents(
  c: Context,
  source: SseSource,
  after: number,
  keepaliveMs: number,
): Response {
  const { log } = source;
  return streamSSE(c, async (stream) => {
    const keepalive = setInterval(() => void stream.write(': keepalive\n\n'), keepaliveMs);
    let wake: (() => void) | undefined;
    const unsubscribe = log.subscribe(() => wake?.());
    stream.onAbort(() => wake?.());
    try {
      let cursor = after;
      while (!stream.aborted) {
        const events = await log.read(cursor, PAGE);
        for (const event of events) {
          await stream.writeSSE({ id: String(event.seq), data: JSON.stringify(event) });
          cursor = event.seq;
          if (isTerminal(event)) return;
        }
        if (events.length > 0) continue;
        if (source.ended() && cursor >= log.head) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          // Not `head`: events appended but not yet written cannot be read, and waking for
          // them would spin without ever letting their write complete.
          if (stream.aborted || log.readableSeq > cursor) resolve();
        });
      }
    } finally {
      clearInterval(keepalive);
      unsubscribe();
    }
  });
}
