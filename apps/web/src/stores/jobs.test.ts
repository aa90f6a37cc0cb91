import type { Job } from '@sidecast/protocol';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectToDouble, type HubDouble } from '../testing/hub-double.js';
import { useConnectionStore } from './connection.js';
import { useJobsStore } from './jobs.js';

const job = (id: string, createdAt: number, state: Job['state'] = 'queued'): Job => ({
  id,
  jobType: 'demo.stream',
  params: {},
  state,
  createdAt,
  head: 0,
});

function snapshot(double: HubDouble, jobs: Job[]): void {
  const subscribe = double.received('subscribe').at(-1);
  double.send({ type: 'subscribed', channel: 'jobs', epoch: 'run1', head: 0, recovered: true });
  double.send({ type: 'ack', id: subscribe?.id ?? '' });
  double.send({ type: 'snapshot', channel: 'jobs', jobs });
  double.send({ type: 'synced', channel: 'jobs', head: 0 });
}

describe('useJobsStore', () => {
  let double: HubDouble;
  beforeEach(() => {
    setActivePinia(createPinia());
    double = connectToDouble();
  });
  afterEach(() => {
    useConnectionStore().disconnect();
  });

  describe('#follow', () => {
    it('lists the snapshot newest first, then applies each change', async () => {
      const jobs = useJobsStore();
      jobs.follow();
      await double.settle();
      snapshot(double, [job('a', 1, 'completed'), job('b', 2)]);
      await double.settle();
      expect(jobs.synced).toBe(true);
      expect(jobs.all.map(({ id }) => id)).toEqual(['b', 'a']);

      double.send({
        type: 'events',
        channel: 'jobs',
        epoch: 'run1',
        events: [
          { seq: 1, ts: 3, kind: 'job', change: 'created', job: job('c', 3) },
          { seq: 2, ts: 4, kind: 'job', change: 'updated', job: job('b', 2, 'running') },
          { seq: 3, ts: 5, kind: 'job', change: 'removed', job: job('a', 1, 'completed') },
        ],
      });
      await double.settle();
      expect(jobs.all.map(({ id, state }) => `${id}:${state}`)).toEqual(['c:queued', 'b:running']);
      expect(jobs.counts).toEqual({ queued: 1, running: 1 });
    });

    it('filters by state', async () => {
      const jobs = useJobsStore();
      jobs.follow();
      await double.settle();
      snapshot(double, [job('a', 1, 'failed'), job('b', 2, 'running'), job('c', 3, 'failed')]);
      await double.settle();
      jobs.filter = 'failed';
      expect(jobs.visible.map(({ id }) => id)).toEqual(['c', 'a']);
    });

    it('replaces the list with the snapshot sent after a reconnect', async () => {
      const jobs = useJobsStore();
      jobs.follow();
      await double.settle();
      snapshot(double, [job('a', 1)]);
      await double.settle();
      double.hub().close();
      await double.settle();
      snapshot(double, [job('z', 9, 'completed')]);
      await double.settle();
      expect(jobs.all.map(({ id }) => id)).toEqual(['z']);
    });
  });
});
