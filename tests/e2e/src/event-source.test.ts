/**
 * A browser's own `EventSource` follows a job through the SSE form of the events route,
 * with the token in `?token=` (it cannot set headers). A TCP relay between the page and the
 * hub cuts every connection mid-job, as a network or a proxy would: the browser reconnects
 * by itself with `Last-Event-ID`, and the page ends up with every event exactly once.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from './app-under-test.js';

/** Forwards loopback connections to the hub, records each request's head, and can cut all. */
class Relay {
  readonly heads: string[] = [];
  private readonly sockets = new Set<Socket>();
  private target = 0;
  private constructor(private readonly server: Server) {}

  static async listen(): Promise<Relay> {
    const relay: Relay = new Relay(
      createServer((socket) => {
        relay.accept(socket);
      }),
    );
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  forwardTo(port: number): void {
    this.target = port;
  }

  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket): void {
    const upstream = connect(this.target, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    client.once('data', (head: Buffer) => this.heads.push(head.toString('latin1')));
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  }
}

describe("a browser's EventSource", () => {
  let app: AppUnderTest;
  let relay: Relay;
  beforeAll(async () => {
    relay = await Relay.listen();
    app = await startApp({ allowHosts: [`127.0.0.1:${String(relay.port)}`] });
    relay.forwardTo(app.live.hub.port);
  });
  afterAll(async () => {
    await app.stop();
    await relay.close();
  });

  it('follows a job with ?token=, and resumes after a cut with Last-Event-ID, missing and repeating nothing', async () => {
    // A page of the relay's origin (the app's policy lets a page connect only to its own
    // origin) that opens no connection of its own: the relay sees only the EventSource's.
    const page = await app.open();
    await page.goto(`http://127.0.0.1:${String(relay.port)}/api/health`);
    relay.heads.length = 0;
    const job = await app.live.client().start('demo.stream', { lines: 3000, rate: 1000 });
    const url = `http://127.0.0.1:${String(relay.port)}/api/jobs/${job.id}/events?token=${app.live.hub.token}`;
    await page.evaluate((source) => {
      const seen: number[] = [];
      const state = { seen, opens: 0, done: false };
      Object.assign(window, { followed: state });
      const events = new EventSource(source);
      events.onopen = () => (state.opens += 1);
      events.onmessage = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as { seq: number; kind: string; state?: string };
        seen.push(event.seq);
        if (event.kind === 'status' && event.state === 'completed') {
          state.done = true;
          events.close();
        }
      };
    }, url);
    const followed = (): Promise<{ seen: number[]; opens: number; done: boolean }> =>
      page.evaluate(
        () =>
          (window as unknown as { followed: { seen: number[]; opens: number; done: boolean } })
            .followed,
      );

    await expect
      .poll(async () => (await followed()).seen.length, { timeout: 10_000 })
      .toBeGreaterThan(300);
    relay.cutAll();
    const cutAfter = (await followed()).seen.length;
    expect(cutAfter).toBeLessThan(3000);

    await expect.poll(async () => (await followed()).done, { timeout: 30_000 }).toBe(true);
    const { seen, opens } = await followed();
    const head = app.live.hub.jobs.get(job.id)?.head ?? 0;
    expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(opens).toBeGreaterThanOrEqual(2);
    // The reconnect asked for what came after the last event the page had (the first
    // request may ride the page's kept-alive connection, so its head is not recorded).
    const resumed = relay.heads.find((head) => /last-event-id:/i.test(head));
    expect(resumed).toMatch(/token=/);
    const lastEventId = Number(/last-event-id:\s*(\d+)/i.exec(resumed ?? '')?.[1]);
    expect(lastEventId).toBeGreaterThanOrEqual(cutAfter);
    expect(seen.indexOf(lastEventId)).toBe(lastEventId - 1);
  });
});
