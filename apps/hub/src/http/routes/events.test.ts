import { EventPage, StoredEvent } from '@sidecast/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, waitFor, type TestHub } from '../../../test/test-hub.js';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ sseKeepaliveMs: 50 });
});

afterAll(async () => {
  await hub.stop();
});

interface SseMessage {
  id: string;
  event: StoredEvent;
}

/** Read an SSE response to its end: messages, and how many keepalive comments came. */
async function readSse(
  response: Response,
): Promise<{ messages: SseMessage[]; keepalives: number }> {
  const text = await response.text();
  const messages: SseMessage[] = [];
  let keepalives = 0;
  for (const block of text.split('\n\n')) {
    if (block.startsWith(': keepalive')) keepalives += 1;
    const id = /^id: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (id !== undefined && data !== undefined)
      messages.push({ id, event: StoredEvent.parse(JSON.parse(data)) });
  }
  return { messages, keepalives };
}

describe('GET /api/jobs/:id/events', () => {
  describe('as JSON', () => {
    it('pages through the log with after, limit and next', async () => {
      const job = await hub.start('demo.stream', { lines: 50, rate: 0 });
      const { head } = await hub.finished(job.id);
      const seqs: number[] = [];
      let after = 0;
      for (;;) {
        const response = await hub.api(`/api/jobs/${job.id}/events?after=${String(after)}&limit=7`);
        const page = EventPage.parse(await response.json());
        expect(response.headers.get('x-sidecast-epoch')).toBe(page.epoch);
        if (page.events.length === 0) break;
        seqs.push(...page.events.map(({ seq }) => seq));
        after = page.next;
      }
      expect(seqs).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    });

    it('refuses a bad range with 422', async () => {
      const job = await hub.start('demo.stream', { lines: 1, rate: 0 });
      for (const query of ['after=-1', 'limit=0', 'limit=10001', 'after=x']) {
        expect((await hub.api(`/api/jobs/${job.id}/events?${query}`)).status).toBe(422);
      }
    });
  });

  describe('as Server-Sent Events', () => {
    it('streams a running job live to its terminal status, then ends', async () => {
      const job = await hub.start('demo.stream', { lines: 20, rate: 100 });
      const response = await hub.api(`/api/jobs/${job.id}/events`, {
        headers: { accept: 'text/event-stream' },
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const { messages, keepalives } = await readSse(response);
      const { head } = await hub.finished(job.id);
      expect(messages.map(({ id }) => Number(id))).toEqual(
        Array.from({ length: head }, (_, i) => i + 1),
      );
      expect(messages.map(({ event }) => event.seq)).toEqual(messages.map(({ id }) => Number(id)));
      expect(messages.at(-1)?.event).toMatchObject({ kind: 'status', state: 'completed' });
      expect(keepalives).toBeGreaterThan(0);
    });

    it('resumes after Last-Event-ID', async () => {
      const job = await hub.start('demo.stream', { lines: 10, rate: 0 });
      const { head } = await hub.finished(job.id);
      const response = await hub.api(`/api/jobs/${job.id}/events`, {
        headers: { accept: 'text/event-stream', 'last-event-id': '5' },
      });
      const { messages } = await readSse(response);
      expect(messages.map(({ event }) => event.seq)).toEqual(
        Array.from({ length: head - 5 }, (_, i) => i + 6),
      );
    });

    it('ends at once for a finished job read to its end, and waits for a queued one', async () => {
      const done = await hub.start('demo.stream', { lines: 1, rate: 0 });
      const { head } = await hub.finished(done.id);
      const tail = await hub.api(`/api/jobs/${done.id}/events?after=${String(head)}`, {
        headers: { accept: 'text/event-stream' },
      });
      expect((await readSse(tail)).messages).toEqual([]);

      const waiting = await hub.start('chaos.wait', { seconds: 30 });
      const stream = hub.api(`/api/jobs/${waiting.id}/events`, {
        headers: { accept: 'text/event-stream' },
      });
      await waitFor(() => hub.jobs.get(waiting.id)?.state === 'running');
      await hub.post(`/api/jobs/${waiting.id}/cancel`);
      const { messages } = await readSse(await stream);
      expect(messages.at(-1)?.event).toMatchObject({ kind: 'status', state: 'cancelled' });
    });

    it('follows a job writing fast without spinning on events not yet written', async () => {
      const job = await hub.start('demo.stream', { lines: 3000, rate: 1000 });
      const response = await fetch(
        `http://127.0.0.1:${String(hub.port)}/api/jobs/${job.id}/events`,
        {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${hub.token}` },
        },
      );
      const reading = readSse(response);
      // The hub keeps answering while the stream follows the live tail.
      for (let i = 0; i < 5; i++) {
        expect((await hub.api('/api/health')).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { messages } = await reading;
      const { head } = await hub.finished(job.id);
      expect(messages.map(({ event }) => event.seq)).toEqual(
        Array.from({ length: head }, (_, i) => i + 1),
      );
    });

    it('takes the token as ?token= on the SSE form only, as a browser EventSource sends it', async () => {
      const job = await hub.start('demo.stream', { lines: 3, rate: 0 });
      const { head } = await hub.finished(job.id);
      const path = `/api/jobs/${job.id}/events?token=${hub.token}`;
      const sse = await hub.api(path, {
        headers: { accept: 'text/event-stream', authorization: '' },
      });
      expect(sse.status).toBe(200);
      expect((await readSse(sse)).messages).toHaveLength(head);

      const wrong = await hub.api(`/api/jobs/${job.id}/events?token=${hub.token}x`, {
        headers: { accept: 'text/event-stream', authorization: '' },
      });
      expect(wrong.status).toBe(401);
      // The JSON form and every other route refuse a query token.
      for (const other of [path, `/api/jobs?token=${hub.token}`, `/api/sidecar?token=${hub.token}`])
        expect((await hub.api(other, { headers: { authorization: '' } })).status).toBe(401);
      const posted = await hub.api(`/api/jobs/${job.id}/cancel?token=${hub.token}`, {
        method: 'POST',
        headers: { authorization: '', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(posted.status).toBe(401);
    });
  });
});
