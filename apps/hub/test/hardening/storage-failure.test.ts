/**
 * A full disk and a data dir gone read-only, for real: the data dir is a small tmpfs, filled
 * by a job or remounted read-only under the running hub. Mounting needs root; elsewhere the
 * suite is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody, jobChannel, StoredEvent } from '@sidecast/protocol';
import { startTestHub, waitFor, type TestHub } from '../test-hub.js';
import { WsPeer } from '../ws-peer.js';

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Write zeros to a file on the mount until the disk is full. */
function fillUp(mountPoint: string): void {
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${join(mountPoint, 'filler')}`, 'bs=4k'], {
      stdio: 'ignore',
    });
  } catch {
    // dd stops with "No space left on device", as wanted.
  }
}

/** Remount read-only; false while Linux says the mount is busy. */
function remountReadOnly(mountPoint: string): boolean {
  try {
    execFileSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function storedEvents(hub: TestHub, jobId: string): Promise<StoredEvent[]> {
  const text = await readFile(join(hub.dataDir, 'jobs', jobId, 'events.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => StoredEvent.parse(JSON.parse(line)));
}

describe.skipIf(!canMount())('hardening: storage failures (needs root to mount a tmpfs)', () => {
  let mountPoint: string;
  let hub: TestHub | undefined;

  beforeEach(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'sidecast-small-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
  });

  afterEach(async () => {
    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    await hub?.stop(true);
    hub = undefined;
    execFileSync('umount', ['-l', mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('fails the job that fills the disk, shows viewers only what was stored, and refuses new jobs clearly', async () => {
    const testHub = await startTestHub({}, join(mountPoint, 'data'));
    hub = testHub;
    const viewer = await WsPeer.connect(testHub.port, testHub.token);
    const job = await testHub.start('demo.stream', { lines: 1_000_000, rate: 0 });
    const channel = jobChannel(job.id);
    await viewer.request({ type: 'subscribe', channel });
    const ended = await testHub.finished(job.id, 60_000);

    expect(ended.state).toBe('failed');
    expect(ended.error?.message).toMatch(/could not store the job's events: ENOSPC/);
    const stored = await storedEvents(testHub, job.id);
    expect(stored.map((event) => event.seq)).toEqual(stored.map((_, i) => i + 1));
    await waitFor(() => viewer.events(channel).at(-1)?.kind === 'status', 10_000);
    const seen = viewer.events(channel);
    // Everything but the last event is exactly what the file holds; the last is the failure,
    // which only memory could hold.
    expect(seen.slice(0, -1)).toEqual(stored);
    expect(seen.at(-1)).toMatchObject({ seq: stored.length + 1, kind: 'status', state: 'failed' });

    // The hub cut the torn line it could not finish, which freed a little room: use it up.
    fillUp(mountPoint);
    const refused = await testHub.post('/api/jobs', { jobType: 'demo.stream', params: {} });
    expect(refused.status).toBe(503);
    const { error } = ErrorBody.parse(await refused.json());
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/could not store the job in .*: ENOSPC/);
    expect((await fetch(`${testHub.origin}/api/health`)).status).toBe(200);
    expect((await viewer.request({ type: 'ping' })).type).toBe('ack');
    expect(viewer.invalid).toEqual([]);
    await viewer.close();
  });

  it('refuses new jobs clearly while the data dir is read-only, and still serves what it has', async () => {
    const testHub = await startTestHub({}, join(mountPoint, 'data'));
    hub = testHub;
    const done = await testHub.start('demo.stream', { lines: 300, rate: 0 });
    await testHub.finished(done.id);
    // Linux refuses to remount read-only while a file is open for writing ("busy"), and a
    // job's log is closed a moment after its last event: retry until the hub has let go.
    await waitFor(() => remountReadOnly(mountPoint), 10_000);

    const refused = await testHub.post('/api/jobs', { jobType: 'demo.stream', params: {} });
    expect(refused.status).toBe(503);
    const { error } = ErrorBody.parse(await refused.json());
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('EROFS: read-only file system');
    expect(testHub.jobs.list(undefined, 10)).toHaveLength(1);

    const viewer = await WsPeer.connect(testHub.port, testHub.token);
    const channel = jobChannel(done.id);
    await viewer.request({ type: 'subscribe', channel });
    await viewer.next((frame) => frame.type === 'synced');
    expect(viewer.events(channel)).toEqual(await storedEvents(testHub, done.id));
    expect((await fetch(`${testHub.origin}/api/health`)).status).toBe(200);

    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    const again = await testHub.start('demo.stream', { lines: 10, rate: 0 });
    expect((await testHub.finished(again.id)).state).toBe('completed');
    await viewer.close();
  });
});
