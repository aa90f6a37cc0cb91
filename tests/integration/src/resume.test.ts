import { afterEach, describe, expect, it } from 'vitest';
import { jobChannel, isTerminalState, type StoredEvent } from '@sidecast/protocol';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ConnectionState } from '@sidecast/client';
import { spawnHub, startLiveHub, waitFor, type LiveHub } from '@sidecast/test-support';

const hubs: LiveHub[] = [];

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.stop()));
});

function ended(live: LiveHub, jobId: string): boolean {
  const state = live.hub.jobs.get(jobId)?.state;
  return state !== undefined && isTerminalState(state);
}

describe('@sidecast/client against a real hub', () => {
  it('resumes a 100,000-event job across server-side drops with no gap and no duplicate', async () => {
    const live = await startLiveHub();
    hubs.push(live);
    const client = live.client();
    const states: ConnectionState[] = [];
    client.state.subscribe((state) => states.push(state));
    await client.whenLive();
    const job = await client.start('demo.stream', { lines: 100_000, rate: 40_000 });
    const received: StoredEvent[] = [];
    const resets: string[] = [];
    client.subscribe(jobChannel(job.id), {
      onEvents: (events) => received.push(...events),
      onReset: (epoch) => resets.push(epoch),
    });
    const dropsAt: number[] = [];
    for (const mark of [20_000, 50_000, 80_000]) {
      await waitFor(() => received.length >= mark);
      const session = client.session;
      if (session === undefined) throw new Error('no session');
      expect(live.hub.gateway.terminate(session)).toBe(true);
      dropsAt.push(received.length);
      await waitFor(() => client.state.value === 'live' && client.session !== session);
    }
    await waitFor(() => ended(live, job.id));
    const head = live.hub.jobs.get(job.id)?.head ?? 0;
    await waitFor(() => received.length >= head);
    // Each drop came while the job was still streaming.
    expect(dropsAt.every((at) => at < head)).toBe(true);
    expect(received.map(({ seq }) => seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(received.at(-1)).toMatchObject({ kind: 'status', state: 'completed' });
    expect(resets).toEqual([]);
    expect(states.filter((state) => state === 'reconnecting')).toHaveLength(3);
  });

  it('reports recovered: false when the job’s log has a new epoch, then replays it whole', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sidecast-it-'));
    const first = await spawnHub(['--data-dir', dataDir]);
    const client = createClient({ url: first.origin, token: first.token });
    const job = await client.start('demo.stream', { lines: 100_000, rate: 2_000 });
    const before: StoredEvent[] = [];
    const subscription = client.subscribe(jobChannel(job.id), {
      onEvents: (events) => before.push(...events),
    });
    await waitFor(() => before.length >= 200);
    // Killed mid-job: the next hub settles the job from its log, under a new epoch.
    first.child.kill('SIGKILL');
    await first.exited;
    client.close();
    const position = subscription.position;
    expect(position?.seq).toBeGreaterThanOrEqual(200);
    const second = await startLiveHub({}, dataDir);
    hubs.push(second);
    const after: StoredEvent[] = [];
    const resets: string[] = [];
    second
      .client()
      .subscribe(
        jobChannel(job.id),
        { onEvents: (events) => after.push(...events), onReset: (epoch) => resets.push(epoch) },
        position,
      );
    await waitFor(() => after.at(-1)?.kind === 'status' && resets.length === 1);
    expect(resets[0]).not.toBe(position?.epoch);
    expect(after.map(({ seq }) => seq)).toEqual(
      Array.from({ length: after.length }, (_, i) => i + 1),
    );
    expect(after.at(-1)).toMatchObject({
      kind: 'status',
      state: 'failed',
      reason: 'hub restarted',
    });
    // The new log starts with what was on disk: at most the unsynced tail is gone.
    const common = Math.min(before.length, after.length - 1);
    expect(after.slice(0, common)).toEqual(before.slice(0, common));
  });

  it('keeps the jobs channel live across a drop: a snapshot again, then changes', async () => {
    const live = await startLiveHub();
    hubs.push(live);
    const client = live.client();
    const snapshots: number[] = [];
    const created: string[] = [];
    client.subscribe('jobs', {
      onSnapshot: ({ jobs }) => snapshots.push(jobs.length),
      onEvents: (events) => {
        for (const event of events) if (event.change === 'created') created.push(event.job.id);
      },
    });
    await waitFor(() => snapshots.length === 1);
    const one = await client.start('demo.stream', { lines: 1, rate: 0 });
    await waitFor(() => created.includes(one.id));
    const session = client.session ?? '';
    live.hub.gateway.terminate(session);
    await waitFor(() => snapshots.length === 2);
    const two = await client.start('demo.stream', { lines: 1, rate: 0 });
    await waitFor(() => created.includes(two.id));
    expect(snapshots).toEqual([0, 1]);
    expect(created).toEqual([one.id, two.id]);
  });
});
