import { describe, expect, it } from 'vitest';
import { ClientError } from './client-error.js';
import { HubApi, type FetchLike } from './rest.js';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A `fetch` that records what it was asked and answers with `reply`. */
function recorder(reply: () => Response | Promise<Response>): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    fetch: (url, init) => {
      sent.push({ url, init });
      return Promise.resolve(reply());
    },
  };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const SIDECAR = {
  state: 'ready',
  restarts: 0,
  since: 1,
  size: 4,
  workers: [],
  failures: 0,
  stderrTail: [],
  rejectedLines: 0,
  reloading: false,
};

describe('HubApi', () => {
  describe('#jobTypes', () => {
    it('sends the token and parses the list', async () => {
      const jobType = {
        name: 'demo.stream',
        params: { type: 'object', properties: {} },
        interactive: false,
      };
      const { fetch, sent } = recorder(() => json({ jobTypes: [jobType] }));
      const api = new HubApi('http://127.0.0.1:9/#token=x', 'secret', fetch);
      expect(await api.jobTypes()).toEqual([jobType]);
      expect(sent[0]?.url).toBe('http://127.0.0.1:9/api/job-types');
      expect(sent[0]?.init.headers).toEqual({ Authorization: 'Bearer secret' });
    });

    it("turns the hub's error body into a ClientError with its code", async () => {
      const { fetch } = recorder(() =>
        json({ error: { code: 'unavailable', message: 'the circuit breaker is open' } }, 503),
      );
      const failure = await new HubApi('http://h', 't', fetch).jobTypes().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ClientError);
      expect(failure).toMatchObject({
        code: 'unavailable',
        message: 'the circuit breaker is open',
      });
    });

    it('rejects a reply that does not match the protocol', async () => {
      const { fetch } = recorder(() => json({ jobTypes: [{ name: 42 }] }));
      await expect(new HubApi('http://h', 't', fetch).jobTypes()).rejects.toMatchObject({
        code: 'internal',
      });
    });

    it('says the hub could not be reached when fetch fails', async () => {
      const fetch: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
      await expect(new HubApi('http://h', 't', fetch).jobTypes()).rejects.toMatchObject({
        code: 'unavailable',
        message: 'the hub could not be reached: Failed to fetch',
      });
    });
  });

  describe('#artifact', () => {
    it('encodes each path segment and returns the bytes', async () => {
      const { fetch, sent } = recorder(() => new Response('abc'));
      const blob = await new HubApi('ws://h:1', 't', fetch).artifact('j1', 'a b/c#d.txt');
      expect(await blob.text()).toBe('abc');
      expect(sent[0]?.url).toBe('http://h:1/api/jobs/j1/artifacts/a%20b/c%23d.txt');
    });

    it('maps a status with no error body to a code', async () => {
      const { fetch } = recorder(
        () => new Response('nope', { status: 502, statusText: 'Bad Gateway' }),
      );
      await expect(new HubApi('http://h', 't', fetch).artifact('j', 'x')).rejects.toMatchObject({
        code: 'unavailable',
        message: 'the hub answered 502 Bad Gateway',
      });
    });
  });

  describe('#artifactStart', () => {
    /** A body sent in `chunks`, recording whether the reader cancelled it. */
    function chunked(chunks: string[]): { response: Response; cancelled: () => boolean } {
      let cancelled = false;
      const encoder = new TextEncoder();
      const queue = [...chunks];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = queue.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(encoder.encode(next));
        },
        cancel() {
          cancelled = true;
        },
      });
      return { response: new Response(body), cancelled: () => cancelled };
    }
    const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

    it('returns a file shorter than the limit whole', async () => {
      const { response } = chunked(['ab', 'cd']);
      const start = await new HubApi('http://h', 't', () =>
        Promise.resolve(response),
      ).artifactStart('j', 'x.txt', 10);
      expect(text(start.bytes)).toBe('abcd');
      expect(start.complete).toBe(true);
    });

    it('stops at the limit, says the file goes on, and cancels the download', async () => {
      const body = chunked(['abc', 'def', 'ghi']);
      const start = await new HubApi('http://h', 't', () =>
        Promise.resolve(body.response),
      ).artifactStart('j', 'x.txt', 5);
      expect(text(start.bytes)).toBe('abcde');
      expect(start.complete).toBe(false);
      expect(body.cancelled()).toBe(true);
    });

    it('calls a file exactly as long as the limit complete', async () => {
      const { response } = chunked(['abc', 'de']);
      const start = await new HubApi('http://h', 't', () =>
        Promise.resolve(response),
      ).artifactStart('j', 'x.txt', 5);
      expect(text(start.bytes)).toBe('abcde');
      expect(start.complete).toBe(true);
    });
  });

  describe('#stats', () => {
    it('parses what the hub holds', async () => {
      const stats = {
        sessions: 1,
        subscriptions: 2,
        queuedBytes: 3,
        maxQueuedBytes: 3,
        memory: { rss: 4, heapUsed: 2, external: 1, arrayBuffers: 1 },
      };
      const { fetch, sent } = recorder(() => json(stats));
      expect(await new HubApi('http://h', 't', fetch).stats()).toEqual(stats);
      expect(sent[0]?.url).toBe('http://h/api/stats');
    });
  });

  describe('#restartSidecar', () => {
    it('posts as JSON, as every state change must', async () => {
      const { fetch, sent } = recorder(() => json(SIDECAR, 202));
      expect(await new HubApi('http://h', 't', fetch).restartSidecar()).toEqual(SIDECAR);
      expect(sent[0]?.init).toMatchObject({
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
      });
    });
  });

  describe('#reloadSidecar', () => {
    it('posts to the reload route, and a conflict keeps its code', async () => {
      const { fetch, sent } = recorder(() => json({ ...SIDECAR, reloading: true }, 202));
      expect((await new HubApi('http://h', 't', fetch).reloadSidecar()).reloading).toBe(true);
      expect(sent[0]?.url).toBe('http://h/api/sidecar/reload');
      expect(sent[0]?.init).toMatchObject({ method: 'POST' });
      const busy = recorder(() =>
        json({ error: { code: 'conflict', message: 'a reload is already under way' } }, 409),
      );
      await expect(new HubApi('http://h', 't', busy.fetch).reloadSidecar()).rejects.toMatchObject({
        code: 'conflict',
        message: 'a reload is already under way',
      });
    });
  });
});
