import type { StoredEvent } from '@sidecast/protocol';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectToDouble, type HubDouble } from '../testing/hub-double.js';
import { useConnectionStore } from './connection.js';
import { useJobViewStore } from './job-view.js';

const CHANNEL = 'job:j1';
const log = (seq: number): StoredEvent => ({
  seq,
  ts: 1000 + seq,
  kind: 'log',
  stream: 'stdout',
  level: 'info',
  text: `line ${String(seq)}`,
});
const logs = (from: number, to: number): StoredEvent[] =>
  Array.from({ length: to - from + 1 }, (_, i) => log(from + i));

/** Answer the newest subscribe as the hub would: subscribed, ack, then `events`, synced. */
function answerSubscribe(
  double: HubDouble,
  epoch: string,
  recovered: boolean,
  events: StoredEvent[],
): void {
  const subscribe = double.received('subscribe').at(-1);
  if (subscribe === undefined) throw new Error('no subscribe received');
  const head = events.at(-1)?.seq ?? 0;
  double.send({ type: 'subscribed', channel: CHANNEL, epoch, head, recovered });
  double.send({ type: 'ack', id: subscribe.id });
  if (events.length > 0) double.send({ type: 'events', channel: CHANNEL, epoch, events });
  double.send({ type: 'synced', channel: CHANNEL, head });
}

describe('useJobViewStore', () => {
  let double: HubDouble;
  beforeEach(() => {
    setActivePinia(createPinia());
    double = connectToDouble();
  });
  afterEach(() => {
    useJobViewStore().close();
    useConnectionStore().disconnect();
  });

  describe('#open', () => {
    it('replays the job from the start and shows each line once', async () => {
      const view = useJobViewStore();
      view.open('j1');
      await double.settle();
      expect(double.received('subscribe')).toEqual([expect.objectContaining({ channel: CHANNEL })]);
      expect(double.received('subscribe')[0]).not.toHaveProperty('since');
      answerSubscribe(double, 'e1', true, logs(1, 3));
      await double.settle();
      expect(view.synced).toBe(true);
      expect(view.log.lines.map((line) => line.number)).toEqual([1, 2, 3]);
      expect(view.log.count).toBe(3);
    });

    it('resumes from the last seq after a drop, dropping events it already has', async () => {
      const view = useJobViewStore();
      view.open('j1');
      await double.settle();
      answerSubscribe(double, 'e1', true, logs(1, 3));
      await double.settle();
      const generation = view.log.generation;

      double.hub().close();
      await double.settle();
      expect(double.ends).toHaveLength(2);
      expect(double.received('subscribe')[0]?.since).toEqual({ epoch: 'e1', seq: 3 });
      // An overlapping replay (2, 3 again) must not show lines twice.
      answerSubscribe(double, 'e1', true, logs(2, 5));
      await double.settle();
      expect(view.log.lines.map((line) => line.text)).toEqual(
        logs(1, 5).map((event) => (event.kind === 'log' ? event.text : '')),
      );
      expect(view.log.generation).toBe(generation);
    });

    it('starts over when the hub cannot resume (a new epoch after a hub restart)', async () => {
      const view = useJobViewStore();
      view.open('j1');
      await double.settle();
      answerSubscribe(double, 'e1', true, logs(1, 4));
      await double.settle();
      const generation = view.log.generation;

      double.hub().close();
      await double.settle();
      answerSubscribe(double, 'e2', false, [
        ...logs(1, 2),
        { seq: 3, ts: 2000, kind: 'status', state: 'failed', reason: 'hub restarted' },
      ]);
      await double.settle();
      expect(view.log.generation).toBe(generation + 1);
      expect(view.log.lines.map((line) => line.number)).toEqual([1, 2]);
      expect(view.summary.state).toBe('failed');
      expect(view.summary.reason).toBe('hub restarted');
    });

    it('says why when the hub refuses the job', async () => {
      const view = useJobViewStore();
      view.open('nope');
      await double.settle();
      const subscribe = double.received('subscribe')[0];
      double.send({
        type: 'nack',
        id: subscribe?.id ?? '',
        error: { code: 'not_found', message: 'no job nope' },
      });
      await double.settle();
      expect(view.failure).toBe('no job nope');
    });

    it('counts viewers from presence', async () => {
      const view = useJobViewStore();
      view.open('j1');
      await double.settle();
      double.send({ type: 'presence', channel: CHANNEL, viewers: 3 });
      await double.settle();
      expect(view.viewers).toBe(3);
    });
  });
});
