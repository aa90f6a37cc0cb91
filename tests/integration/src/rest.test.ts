import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTerminal, jobChannel } from '@sidecast/protocol';
import { startLiveHub, waitFor, type LiveHub } from '@sidecast/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SidecastClient over REST, against a real hub', () => {
  let live: LiveHub;
  let folder: string;
  beforeAll(async () => {
    live = await startLiveHub();
    folder = await mkdtemp(join(tmpdir(), 'sidecast-it-files-'));
    await writeFile(join(folder, 'a.txt'), 'alpha\n');
  });
  afterAll(async () => {
    await live.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('lists the job types, starting the sidecar', async () => {
    const names = (await live.client().jobTypes()).map(({ name }) => name);
    expect(names).toEqual(
      expect.arrayContaining(['demo.stream', 'files.checksum', 'data.profile_csv', 'demo.chat']),
    );
    expect((await live.client().sidecar()).state).toBe('ready');
  });

  it("lists a job's artifacts and fetches their bytes with the token", async () => {
    const client = live.client();
    const job = await client.start('files.checksum', { root: folder });
    let done = false;
    client.subscribe(jobChannel(job.id), {
      onEvents: (events) => {
        done ||= events.some(isTerminal);
      },
    });
    await waitFor(() => done);
    const artifacts = await client.artifacts(job.id);
    expect(artifacts.map(({ path }) => path)).toEqual(['SHA256SUMS']);
    const text = await (await client.artifact(job.id, 'SHA256SUMS')).text();
    expect(text).toContain(createHash('sha256').update('alpha\n').digest('hex'));
    expect(artifacts[0]?.size).toBe(Buffer.byteLength(text));
  });

  it("rejects with the hub's code and message", async () => {
    const client = live.client();
    await expect(client.artifacts('no-such-job')).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.artifact('no-such-job', '../etc/passwd')).rejects.toMatchObject({
      code: expect.stringMatching(/^(bad_request|not_found)$/) as unknown,
    });
  });

  it('restarts the sidecar', async () => {
    const client = live.client();
    const before = (await client.sidecar()).workers.map(({ pid }) => pid);
    await client.restartSidecar();
    await waitFor(() => {
      const status = live.hub.supervisor.status();
      const pids = status.workers.map(({ pid }) => pid);
      return status.state === 'ready' && !pids.some((pid) => before.includes(pid));
    });
  });
});
