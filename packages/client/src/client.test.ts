import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, Job, StoredEvent } from '@sidecast/protocol';
import { ClientError } from './client-error.js';
import type { ConnectionState } from './connection.js';
import { harness } from './test-harness.js';

const JOB: Job = {
  id: 'j1',
  jobType: 'demo.stream',
  params: {},
  state: 'queued',
  createdAt: 1,
  head: 1,
};

function log(seq: number): StoredEvent {
  return { seq, ts: seq, kind: 'log', stream: 'log', level: 'info', text: `line ${String(seq)}` };
}

function idOf(message: ClientMessage | undefined): number {
  if (typeof message?.id !== 'number') throw new Error('no numeric id');
  return message.id;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SidecastClient', () => {
  describe('#state', () => {
    it('goes connecting → live → reconnecting → live → closed', async () => {
      const { client, hub, settle } = harness();
      const seen: ConnectionState[] = [client.state.value];
      client.state.subscribe((state) => seen.push(state));
      await settle();
      hub().close();
      await settle();
      await vi.advanceTimersByTimeAsync(750);
      client.close();
      expect(seen).toEqual(['connecting', 'live', 'reconnecting', 'live', 'closed']);
    });
  });

  describe('reconnect', () => {
    it('backs off 0.5 s → 10 s with ±50 % jitter and starts over once live', async () => {
      vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter, to read the schedule exactly
      const { client, hubs, settle } = harness({
        accepts: (attempt) => attempt === 0 || attempt >= 7,
      });
      await settle();
      hubs[0]?.close();
      await settle();
      const attemptsAt: number[] = [];
      for (let ms = 0; ms <= 40_000 && hubs.length < 8; ms += 50) {
        const before = hubs.length;
        await vi.advanceTimersByTimeAsync(50);
        if (hubs.length > before) attemptsAt.push(ms + 50);
      }
      // Failed attempts wait 0.5, 1, 2, 4, 8, 10, 10 s after each other.
      expect(attemptsAt).toEqual([500, 1500, 3500, 7500, 15_500, 25_500, 35_500]);
      expect(client.state.value).toBe('live');
      hubs[7]?.close();
      await settle();
      await vi.advanceTimersByTimeAsync(500);
      expect(hubs).toHaveLength(9);
      client.close();
    });

    it('never waits less than half or more than one and a half times the step', async () => {
      const { client, hubs, settle } = harness({ accepts: (attempt) => attempt === 0 });
      await settle();
      vi.spyOn(Math, 'random').mockReturnValue(0);
      hubs[0]?.close();
      await settle();
      await vi.advanceTimersByTimeAsync(249);
      expect(hubs).toHaveLength(1);
      vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
      await vi.advanceTimersByTimeAsync(1);
      expect(hubs).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1499);
      expect(hubs).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(hubs).toHaveLength(3);
      client.close();
    });
  });

  describe('#request', () => {
    it('matches each answer to its command by id, whatever the order', async () => {
      const { client, hub, settle } = harness();
      await settle();
      const started = client.start('demo.stream', { lines: 1 });
      const pinged = client.ping();
      await settle();
      const [start, ping] = hub().received;
      hub().send({ type: 'ack', id: idOf(ping) });
      hub().send({ type: 'ack', id: idOf(start), result: { job: JOB } });
      await expect(started).resolves.toEqual(JOB);
      await expect(pinged).resolves.toBeGreaterThanOrEqual(0);
      client.close();
    });

    it('rejects a nack with the hub’s code, message and issues', async () => {
      const { client, hub, settle } = harness();
      await settle();
      const started = client.start('demo.stream', { lines: -1 });
      await settle();
      const issues = [{ path: ['lines'], message: 'must be >= 0' }];
      hub().send({
        type: 'nack',
        id: idOf(hub().received[0]),
        error: { code: 'invalid_params', message: 'bad params', issues },
      });
      await expect(started).rejects.toMatchObject({ code: 'invalid_params', issues });
      client.close();
    });

    it('times each command out on its own', async () => {
      const { client, settle } = harness({ requestTimeoutMs: 1000 });
      await settle();
      const first = client.ping();
      const failed = expect(first).rejects.toMatchObject({ code: 'timeout' });
      await vi.advanceTimersByTimeAsync(500);
      const second = client.ping();
      const secondFailed = expect(second).rejects.toMatchObject({ code: 'timeout' });
      await vi.advanceTimersByTimeAsync(500);
      await failed;
      await vi.advanceTimersByTimeAsync(500);
      await secondFailed;
      client.close();
    });

    it('holds a command made while disconnected and sends it once live', async () => {
      const { client, hubs, settle } = harness({ accepts: (attempt) => attempt !== 1 });
      await settle();
      hubs[0]?.close();
      await settle();
      const pinged = client.ping();
      await vi.advanceTimersByTimeAsync(750); // attempt 1 is refused
      await vi.advanceTimersByTimeAsync(1500); // attempt 2 connects
      const hub = hubs[2];
      expect(hub?.received.map(({ type }) => type)).toEqual(['ping']);
      hub?.send({ type: 'ack', id: idOf(hub.received[0]) });
      await expect(pinged).resolves.toBeGreaterThanOrEqual(0);
      client.close();
    });

    it('fails a command in flight when the connection drops, and all of them on close', async () => {
      const { client, hub, settle } = harness();
      await settle();
      const inFlight = client.ping();
      await settle();
      hub().close();
      await expect(inFlight).rejects.toMatchObject({ code: 'connection_lost' });
      const waiting = client.ping();
      client.close();
      await expect(waiting).rejects.toBeInstanceOf(ClientError);
      await expect(waiting).rejects.toMatchObject({ code: 'closed' });
      expect(client.state.value).toBe('closed');
    });

    it('fails a command in flight on close with closed, not connection_lost', async () => {
      const { client, settle } = harness();
      await settle();
      const inFlight = client.ping();
      await settle();
      client.close();
      await expect(inFlight).rejects.toMatchObject({ code: 'closed' });
    });
  });

  describe('#subscribe', () => {
    it('resumes after a drop from the last seq seen and drops what it has already seen', async () => {
      const { client, hub, settle } = harness();
      await settle();
      const received: number[] = [];
      const resets: string[] = [];
      const subscription = client.subscribe('job:j1', {
        onEvents: (events) => received.push(...events.map(({ seq }) => seq)),
        onReset: (epoch) => resets.push(epoch),
      });
      await settle();
      const first = hub();
      expect(first.received[0]).toMatchObject({ type: 'subscribe', channel: 'job:j1' });
      expect(first.received[0]).not.toHaveProperty('since');
      first.send({ type: 'subscribed', channel: 'job:j1', epoch: 'e1', head: 3, recovered: true });
      first.send({ type: 'ack', id: idOf(first.received[0]) });
      first.send({
        type: 'events',
        channel: 'job:j1',
        epoch: 'e1',
        events: [log(1), log(2), log(3)],
      });
      await settle();
      first.close();
      await settle();
      await vi.advanceTimersByTimeAsync(750);
      const second = hub();
      expect(second).not.toBe(first);
      expect(second.received[0]).toMatchObject({
        type: 'subscribe',
        channel: 'job:j1',
        since: { epoch: 'e1', seq: 3 },
      });
      second.send({ type: 'subscribed', channel: 'job:j1', epoch: 'e1', head: 5, recovered: true });
      // A hub that overlaps its replay is tolerated: seq 3 is not delivered twice.
      second.send({
        type: 'events',
        channel: 'job:j1',
        epoch: 'e1',
        events: [log(3), log(4), log(5)],
      });
      await settle();
      expect(received).toEqual([1, 2, 3, 4, 5]);
      expect(resets).toEqual([]);
      expect(subscription.position).toEqual({ epoch: 'e1', seq: 5 });
      client.close();
    });

    it('reports recovered: false and takes the full replay of the new epoch', async () => {
      const { client, hub, settle } = harness();
      await settle();
      const received: string[] = [];
      const resets: string[] = [];
      client.subscribe(
        'job:j1',
        {
          onEvents: (events) => received.push(...events.map(({ seq }) => `e2:${String(seq)}`)),
          onReset: (epoch) => resets.push(epoch),
        },
        { epoch: 'e1', seq: 40 },
      );
      await settle();
      expect(hub().received[0]).toMatchObject({ since: { epoch: 'e1', seq: 40 } });
      hub().send({ type: 'subscribed', channel: 'job:j1', epoch: 'e2', head: 2, recovered: false });
      hub().send({ type: 'events', channel: 'job:j1', epoch: 'e2', events: [log(1), log(2)] });
      await settle();
      expect(resets).toEqual(['e2']);
      expect(received).toEqual(['e2:1', 'e2:2']);
      client.close();
    });

    it('passes snapshots, synced and presence through, and unsubscribes', async () => {
      const { client, hub, settle } = harness();
      await settle();
      const seen: string[] = [];
      const subscription = client.subscribe('jobs', {
        onSnapshot: ({ jobs }) => seen.push(`snapshot ${String(jobs.length)}`),
        onSynced: (head) => seen.push(`synced ${String(head)}`),
        onPresence: (viewers) => seen.push(`presence ${String(viewers)}`),
        onEvents: (events) => seen.push(...events.map(({ change, job }) => `${change} ${job.id}`)),
      });
      await settle();
      hub().send({ type: 'subscribed', channel: 'jobs', epoch: 'h1', head: 0, recovered: true });
      hub().send({ type: 'presence', channel: 'jobs', viewers: 2 });
      hub().send({ type: 'snapshot', channel: 'jobs', jobs: [JOB] });
      hub().send({ type: 'synced', channel: 'jobs', head: 0 });
      hub().send({
        type: 'events',
        channel: 'jobs',
        epoch: 'h1',
        events: [{ seq: 1, ts: 1, kind: 'job', change: 'created', job: JOB }],
      });
      await settle();
      const unsubscribed = subscription.unsubscribe();
      await settle();
      const unsubscribe = hub().received[1];
      expect(unsubscribe).toMatchObject({ type: 'unsubscribe', channel: 'jobs' });
      hub().send({ type: 'ack', id: idOf(unsubscribe) });
      await unsubscribed;
      hub().send({ type: 'presence', channel: 'jobs', viewers: 1 });
      await settle();
      expect(seen).toEqual(['presence 2', 'snapshot 1', 'synced 0', 'created j1']);
      client.close();
    });

    it('ends a subscription the hub refuses, with the hub’s error', async () => {
      const { client, hub, settle } = harness();
      await settle();
      const errors: ClientError[] = [];
      client.subscribe('job:nope', { onError: (error) => errors.push(error) });
      await settle();
      hub().send({
        type: 'nack',
        id: idOf(hub().received[0]),
        error: { code: 'not_found', message: 'no job with id nope' },
      });
      await settle();
      expect(errors.map(({ code }) => code)).toEqual(['not_found']);
      // Ended: a new subscription to the same channel is allowed.
      expect(() => client.subscribe('job:nope', {})).not.toThrow();
      client.close();
    });
  });

  describe('#onProblem', () => {
    it('reports hub error frames without failing anything', async () => {
      const problems: Error[] = [];
      const { client, hub, settle } = harness({ onProblem: (error) => problems.push(error) });
      await settle();
      hub().send({ type: 'error', code: 'bad_request', message: 'not valid JSON' });
      await settle();
      expect(problems).toMatchObject([{ code: 'bad_request' }]);
      expect(client.state.value).toBe('live');
      client.close();
    });
  });
});
