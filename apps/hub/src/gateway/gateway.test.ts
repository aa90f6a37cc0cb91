import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobChannel, type ChannelEvent } from '@sidecast/protocol';
import { startTestHub, waitFor, type TestHub } from '../../test/test-hub.js';
import { RefusedUpgrade, WsPeer } from '../../test/ws-peer.js';

let hub: TestHub;
const peers: WsPeer[] = [];

async function peer(options: Parameters<typeof WsPeer.connect>[2] = {}): Promise<WsPeer> {
  const connected = await WsPeer.connect(hub.port, hub.token, options);
  peers.push(connected);
  return connected;
}

async function refusal(options: Parameters<typeof WsPeer.connect>[2]): Promise<number> {
  const error: unknown = await WsPeer.connect(hub.port, hub.token, options).catch(
    (e: unknown) => e,
  );
  if (!(error instanceof RefusedUpgrade))
    throw new Error(`expected a refused upgrade, got ${String(error)}`);
  return error.status;
}

/** Assert that a healthy client is still served: the hub kept going. */
async function stillServing(): Promise<void> {
  const probe = await peer();
  expect(await probe.request({ type: 'ping' })).toMatchObject({ type: 'ack' });
  await probe.close();
}

const seqs = (events: ChannelEvent[]): number[] => events.map(({ seq }) => seq);
const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
  for (const p of peers) expect(p.invalid).toEqual([]);
  await hub.stop();
});

describe('Gateway', () => {
  describe('upgrade', () => {
    it('refuses a bad token, Host, Origin, Origin: null and path before any session', async () => {
      const host = `127.0.0.1:${String(hub.port)}`;
      expect(await refusal({ token: 'wrong' })).toBe(401);
      expect(await refusal({ token: '' })).toBe(401);
      expect(await refusal({ headers: { host: 'evil.example' } })).toBe(403);
      expect(await refusal({ headers: { host: `evil.example:${String(hub.port)}` } })).toBe(403);
      expect(await refusal({ headers: { origin: 'https://evil.example' } })).toBe(403);
      expect(await refusal({ headers: { origin: 'null' } })).toBe(403);
      expect(await refusal({ path: '/api/ws' })).toBe(404);
      expect(hub.gateway.stats().sessions).toBe(0);
      const welcomed = await peer({ headers: { host, origin: `http://${host}` } });
      expect(welcomed.frames[0]).toMatchObject({ type: 'welcome', protocol: 1 });
      await welcomed.close();
    });

    it('takes the token from the Authorization header too', async () => {
      const viaHeader = await peer({
        token: '',
        headers: { authorization: `Bearer ${hub.token}` },
      });
      expect(await viaHeader.request({ type: 'ping' })).toMatchObject({ type: 'ack' });
      await viaHeader.close();
    });
  });

  describe('bad frames', () => {
    it('answers each with error or nack (by its id when it has one), keeps the connection, and refuses __proto__', async () => {
      const client = await peer();
      client.send('{"type":');
      client.send(Buffer.from([1, 2, 3]));
      client.send('{"type":"publish","id":"x1"}');
      client.send(
        '{"type":"start","id":"x2","jobType":"demo.stream","params":{"__proto__":{"lines":5}}}',
      );
      client.send('{"type":"ping","id":"x3","__proto__":{"admin":true}}');
      client.send('{"type":"subscribe","id":"x4","channel":"job:../etc"}');
      await waitFor(() => client.frames.length >= 7);
      const answers = client.frames
        .slice(1)
        .map((frame) =>
          frame.type === 'nack'
            ? `nack ${String(frame.id)} ${frame.error.code}`
            : frame.type === 'error'
              ? `error ${frame.code}`
              : frame.type,
        );
      expect(answers).toEqual([
        'error bad_request',
        'error bad_request',
        'nack x1 bad_request',
        // A command refused for a __proto__ key still carries a usable id: answered by it.
        'nack x2 bad_request',
        'nack x3 bad_request',
        'nack x4 bad_request',
      ]);
      expect(JSON.stringify(client.frames[4])).toContain('__proto__');
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
      expect(
        hub.jobs
          .list(undefined, 1000)
          .filter(({ params }) => 'lines' in params && params.lines === 5),
      ).toEqual([]);
      expect(await client.request({ type: 'ping' })).toMatchObject({ type: 'ack' });
    });

    it('closes with 1009 on a frame over 1 MiB, and serves others', async () => {
      const client = await peer();
      client.send(JSON.stringify({ type: 'ping', id: 'x'.repeat(1024 * 1024) }));
      await waitFor(() => client.closeCode !== undefined);
      expect(client.closeCode).toBe(1009);
      await stillServing();
    });

    it('closes with 1008 a client that keeps sending garbage, and serves others', async () => {
      const client = await peer();
      for (let i = 0; i < 25; i++) client.send('garbage');
      await waitFor(() => client.closeCode !== undefined);
      expect(client.closeCode).toBe(1008);
      expect(client.frames.filter(({ type }) => type === 'error')).toHaveLength(20);
      await stillServing();
    });
  });

  describe('commands', () => {
    it('answers start, cancel and input with the codes REST uses', async () => {
      const client = await peer();
      const started = await client.request({ type: 'start', jobType: 'chaos.wait', params: {} });
      expect(started).toMatchObject({
        type: 'ack',
        result: { job: { jobType: 'chaos.wait', state: 'queued' } },
      });
      const job =
        started.type === 'ack' ? (started.result as { job: { id: string } }).job : undefined;
      const expectations: [Parameters<WsPeer['request']>[0], string][] = [
        [{ type: 'start', jobType: 'demo.stream', params: { lines: 'many' } }, 'invalid_params'],
        [{ type: 'start', jobType: 'no.such.job', params: {} }, 'invalid_params'],
        [{ type: 'cancel', jobId: 'nope' }, 'not_found'],
        [{ type: 'input', jobId: job?.id ?? '', data: 'hi' }, 'conflict'],
        [{ type: 'subscribe', channel: 'job:nope' }, 'not_found'],
      ];
      for (const [command, code] of expectations)
        expect(await client.request(command), JSON.stringify(command)).toMatchObject({
          type: 'nack',
          error: { code },
        });
      expect(await client.request({ type: 'cancel', jobId: job?.id ?? '' })).toMatchObject({
        type: 'ack',
      });
      await hub.finished(job?.id ?? '');
      expect(await client.request({ type: 'cancel', jobId: job?.id ?? '' })).toMatchObject({
        type: 'nack',
        error: { code: 'conflict' },
      });
    });

    it('refuses a second subscription to one channel and the 129th channel', async () => {
      const jobs = await Promise.all(
        Array.from({ length: 126 }, () => hub.start('demo.stream', { lines: 0, rate: 0 })),
      );
      const client = await peer();
      const channels = [
        'jobs' as const,
        'sidecar' as const,
        ...jobs.map(({ id }) => jobChannel(id)),
      ];
      const answers = await Promise.all(
        channels.map((channel) => client.request({ type: 'subscribe', channel })),
      );
      expect(answers.every(({ type }) => type === 'ack')).toBe(true);
      expect(await client.request({ type: 'subscribe', channel: 'jobs' })).toMatchObject({
        type: 'nack',
        error: { code: 'conflict' },
      });
      const extra = await hub.start('demo.stream', { lines: 0, rate: 0 });
      expect(
        await client.request({ type: 'subscribe', channel: jobChannel(extra.id) }),
      ).toMatchObject({
        type: 'nack',
        error: { code: 'rate_limited', message: expect.stringContaining('128') as string },
      });
      expect(await client.request({ type: 'unsubscribe', channel: 'jobs' })).toMatchObject({
        type: 'ack',
      });
      expect(
        await client.request({ type: 'subscribe', channel: jobChannel(extra.id) }),
      ).toMatchObject({ type: 'ack' });
      await client.close();
      await waitFor(() => hub.gateway.stats().subscriptions === 0);
    });
  });

  describe('job channels', () => {
    it('sends two viewers identical sequences, with presence, and synced once caught up', async () => {
      const job = await hub.start('demo.stream', { lines: 20_000, rate: 0 });
      const channel = jobChannel(job.id);
      const [first, second] = await Promise.all([peer(), peer()]);
      await first.request({ type: 'subscribe', channel });
      await second.request({ type: 'subscribe', channel });
      const done = await hub.finished(job.id);
      for (const viewer of [first, second])
        await waitFor(() => viewer.events(channel).length === done.head);
      expect(seqs(first.events(channel))).toEqual(oneTo(done.head));
      expect(second.events(channel)).toEqual(first.events(channel));
      expect(first.events(channel).at(-1)).toMatchObject({ kind: 'status', state: 'completed' });
      const presence = (): number[] =>
        first.frames.flatMap((f) => (f.type === 'presence' ? [f.viewers] : []));
      expect(presence()).toEqual([1, 2]);
      expect(first.frames.filter((f) => f.type === 'synced')).toHaveLength(1);
      await second.close();
      await waitFor(() => presence().length === 3);
      expect(presence()).toEqual([1, 2, 1]);
    });

    it('replays the whole log to a viewer that joins after the job ended', async () => {
      const job = await hub.start('demo.stream', { lines: 5000, rate: 0 });
      const done = await hub.finished(job.id);
      const late = await peer();
      const channel = jobChannel(job.id);
      const answer = await late.request({ type: 'subscribe', channel });
      expect(answer.type).toBe('ack');
      const subscribed = late.frames.find((f) => f.type === 'subscribed');
      expect(subscribed).toMatchObject({ channel, head: done.head, recovered: true });
      await late.next((f) => f.type === 'synced');
      expect(seqs(late.events(channel))).toEqual(oneTo(done.head));
      // subscribed, then the ack, then the events: the order a client can rely on.
      const order = late.frames.map(({ type }) => type).filter((type) => type !== 'presence');
      expect(order.slice(0, 4)).toEqual(['welcome', 'subscribed', 'ack', 'events']);
      expect(order.at(-1)).toBe('synced');
    });

    it('resumes after `since` in the same epoch, and replays it all for another epoch', async () => {
      const job = await hub.start('demo.stream', { lines: 3000, rate: 0 });
      const done = await hub.finished(job.id);
      const channel = jobChannel(job.id);
      const log = await hub.jobs.eventLog(job.id);
      const resumed = await peer();
      await resumed.request({ type: 'subscribe', channel, since: { epoch: log.epoch, seq: 1234 } });
      await resumed.next((f) => f.type === 'synced');
      expect(resumed.frames.find((f) => f.type === 'subscribed')).toMatchObject({
        recovered: true,
      });
      expect(seqs(resumed.events(channel))).toEqual(oneTo(done.head).slice(1234));
      for (const since of [
        { epoch: 'another-log', seq: 10 },
        { epoch: log.epoch, seq: done.head + 1 },
      ]) {
        const reset = await peer();
        await reset.request({ type: 'subscribe', channel, since });
        await reset.next((f) => f.type === 'synced');
        expect(reset.frames.find((f) => f.type === 'subscribed')).toMatchObject({
          recovered: false,
          epoch: log.epoch,
        });
        expect(seqs(reset.events(channel))).toEqual(oneTo(done.head));
      }
    });

    it('holds back a viewer that stops reading, with bounded memory, and catches it up exactly', async () => {
      const job = await hub.start('demo.stream', { lines: 200_000, rate: 0 });
      const channel = jobChannel(job.id);
      const [stalled, reader] = [await peer(), await peer()];
      await stalled.request({ type: 'subscribe', channel });
      await reader.request({ type: 'subscribe', channel });
      stalled.socket.pause();
      let peakQueued = 0;
      const sampler = setInterval(() => {
        peakQueued = Math.max(peakQueued, hub.gateway.stats().queuedBytes);
      }, 5);
      const done = await hub.finished(job.id, 60_000);
      await waitFor(() => reader.events(channel).length === done.head, 30_000);
      clearInterval(sampler);
      // The reader got everything while the other was stalled, and that one was held back.
      const held = stalled.events(channel).length;
      expect(held).toBeLessThan(done.head);
      expect(peakQueued).toBeGreaterThanOrEqual(1024 * 1024);
      expect(peakQueued).toBeLessThan(4 * 1024 * 1024);
      stalled.socket.resume();
      await waitFor(() => stalled.events(channel).length >= done.head, 30_000);
      expect(seqs(stalled.events(channel))).toEqual(oneTo(done.head));
      expect(seqs(reader.events(channel))).toEqual(oneTo(done.head));
      // As long as its own waits add up to: 200,000 events checked frame by frame in this
      // process take several times longer while the other suites share the two cores.
    }, 120_000);
  });

  describe('jobs and sidecar channels', () => {
    it('sends a snapshot, then one event per job change', async () => {
      const watcher = await peer();
      await watcher.request({ type: 'subscribe', channel: 'jobs' });
      const snapshot = await watcher.next((f) => f.type === 'snapshot');
      expect(snapshot).toMatchObject({ channel: 'jobs' });
      await watcher.next((f) => f.type === 'synced');
      const job = await hub.start('demo.stream', { lines: 3, rate: 0 });
      await hub.finished(job.id);
      await waitFor(() =>
        watcher.events('jobs').some((e) => e.kind === 'job' && e.job.state === 'completed'),
      );
      const changes = watcher
        .events('jobs')
        .flatMap((e) =>
          e.kind === 'job' && e.job.id === job.id ? [`${e.change} ${e.job.state}`] : [],
        );
      expect(changes).toEqual(['created queued', 'updated running', 'updated completed']);
      expect(seqs(watcher.events('jobs'))).toEqual(
        oneTo(watcher.events('jobs').length).map(
          (n) => n + (watcher.events('jobs')[0]?.seq ?? 1) - 1,
        ),
      );
    });

    it('sends the supervisor state, then its transitions', async () => {
      const watcher = await peer();
      await watcher.request({ type: 'subscribe', channel: 'sidecar' });
      expect(await watcher.next((f) => f.type === 'snapshot')).toMatchObject({
        channel: 'sidecar',
        sidecar: { state: 'ready' },
      });
      expect((await hub.post('/api/sidecar/restart')).status).toBe(202);
      await waitFor(() =>
        watcher.events('sidecar').some((e) => e.kind === 'sidecar' && e.sidecar.state === 'ready'),
      );
      const states = watcher
        .events('sidecar')
        .map((e) => (e.kind === 'sidecar' ? e.sidecar.state : ''));
      expect(states.at(-1)).toBe('ready');
      expect(states.length).toBeGreaterThanOrEqual(2);
    });
  });
});

describe('Gateway live batching', () => {
  it('sends a lone event at once, a burst in one frame per window, and the end at once', async () => {
    const batching = await startTestHub({ gateway: { liveBatchMs: 60_000 } });
    try {
      const viewer = await WsPeer.connect(batching.port, batching.token);
      const job = await batching.start('chaos.wait', { seconds: 30 });
      const channel = jobChannel(job.id);
      await viewer.request({ type: 'subscribe', channel });
      await viewer.next((f) => f.type === 'synced');
      // `running` comes after a quiet spell: it does not wait for the window.
      await waitFor(() =>
        viewer.events(channel).some((e) => e.kind === 'status' && e.state === 'running'),
      );
      await batching.post(`/api/jobs/${job.id}/cancel`);
      // The window is a minute long; the job's last events still come now, in one frame.
      await waitFor(() => {
        const last = viewer.events(channel).at(-1);
        return last?.kind === 'status' && last.state === 'cancelled';
      });
      const { head } = await batching.finished(job.id);
      expect(seqs(viewer.events(channel))).toEqual(oneTo(head));
      await viewer.close();
    } finally {
      await batching.stop();
    }
  });

  it('puts the lines of a paced job into far fewer frames than lines', async () => {
    const batching = await startTestHub({ gateway: { liveBatchMs: 50 } });
    try {
      const viewer = await WsPeer.connect(batching.port, batching.token);
      const job = await batching.start('demo.stream', { lines: 400, rate: 1000 });
      const channel = jobChannel(job.id);
      await viewer.request({ type: 'subscribe', channel });
      const { head } = await batching.finished(job.id);
      await waitFor(() => viewer.events(channel).length === head);
      expect(seqs(viewer.events(channel))).toEqual(oneTo(head));
      const frames = viewer.frames.filter((f) => f.type === 'events' && f.channel === channel);
      // 0.4 s of lines in 50 ms windows: about 8 frames (and the replay), nowhere near 400.
      expect(frames.length).toBeLessThan(60);
      await viewer.close();
    } finally {
      await batching.stop();
    }
  });
});

describe('Gateway keepalive', () => {
  it('terminates a peer that stops answering pings, and keeps one that answers', async () => {
    const quick = await startTestHub({ gateway: { pingIntervalMs: 100, pongTimeoutMs: 100 } });
    try {
      const silent = await WsPeer.connect(quick.port, quick.token, { autoPong: false });
      const alive = await WsPeer.connect(quick.port, quick.token);
      await waitFor(() => silent.closeCode !== undefined, 5000);
      expect(silent.closeCode).toBe(1006);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(alive.closeCode).toBeUndefined();
      expect(await alive.request({ type: 'ping' })).toMatchObject({ type: 'ack' });
      await alive.close();
    } finally {
      await quick.stop();
    }
  });
});
