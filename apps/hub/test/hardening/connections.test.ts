import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { jobChannel, parseServerMessage } from '@sidecast/protocol';
import { openFds } from './open-fds.js';
import { startTestHub, waitFor, type TestHub } from '../test-hub.js';
import { WsPeer } from '../ws-peer.js';

/** Open a socket and close it as soon as it is open (or at once, half the time). */
function flicker(url: string, closeAtOnce: boolean): Promise<void> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolve();
    });
    if (closeAtOnce) socket.terminate();
    else
      socket.on('open', () => {
        socket.close();
      });
  });
}

describe('hardening: connection churn', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });

  it('releases 1,000 WebSocket connections opened and closed quickly', async () => {
    const testHub = await startTestHub();
    hub = testHub;
    const watcher = await WsPeer.connect(testHub.port, testHub.token);
    const fdsBefore = openFds();
    const url = `ws://127.0.0.1:${String(testHub.port)}/ws?token=${testHub.token}`;
    for (let round = 0; round < 10; round++)
      await Promise.all(Array.from({ length: 100 }, (_, i) => flicker(url, i % 2 === 0)));
    await waitFor(() => testHub.gateway.stats().sessions === 1, 10_000);
    await waitFor(() => openFds() <= fdsBefore, 10_000);
    expect(testHub.gateway.stats()).toEqual({
      sessions: 1,
      subscriptions: 0,
      queuedBytes: 0,
      maxQueuedBytes: 0,
    });
    expect((await watcher.request({ type: 'ping' })).type).toBe('ack');
    await watcher.close();
  });

  it('takes 10,000 subscribe and unsubscribe frames on one socket and holds nothing after', async () => {
    const testHub = await startTestHub();
    hub = testHub;
    const job = await testHub.start('demo.stream', { lines: 50, rate: 0 });
    await testHub.finished(job.id);
    const channel = jobChannel(job.id);
    const socket = new WebSocket(
      `ws://127.0.0.1:${String(testHub.port)}/ws?token=${testHub.token}`,
    );
    const answers = { ack: 0, nack: 0, events: 0, invalid: 0 };
    socket.on('message', (data: Buffer) => {
      const parsed = parseServerMessage(data.toString('utf8'));
      if (!parsed.ok) answers.invalid += 1;
      else if (parsed.value.type === 'ack' || parsed.value.type === 'nack')
        answers[parsed.value.type] += 1;
      else if (parsed.value.type === 'events') answers.events += 1;
    });
    await new Promise((resolve) => socket.once('open', resolve));
    for (let i = 0; i < 5_000; i++) {
      socket.send(JSON.stringify({ type: 'subscribe', id: 2 * i, channel }));
      socket.send(JSON.stringify({ type: 'unsubscribe', id: 2 * i + 1, channel }));
    }
    await waitFor(() => answers.ack + answers.nack === 10_000, 60_000);
    expect(answers).toMatchObject({ ack: 10_000, nack: 0, invalid: 0 });
    expect(testHub.gateway.stats()).toMatchObject({ sessions: 1, subscriptions: 0 });
    const log = await testHub.jobs.eventLog(job.id);
    expect((log as unknown as { listeners: Set<unknown> }).listeners.size).toBe(0);

    const other = await WsPeer.connect(testHub.port, testHub.token);
    expect((await other.request({ type: 'subscribe', channel })).type).toBe('ack');
    await other.next((frame) => frame.type === 'synced');
    expect(other.events(channel)).toHaveLength(testHub.jobs.job(job.id).head);
    await other.close();
    socket.close();
  }, 90_000);
});
