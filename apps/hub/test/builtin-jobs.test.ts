/**
 * Every built-in job type end to end through the hub and the real sidecar. Every line the
 * sidecar sends is parsed with the protocol schemas at the edge (`rejectedLines` counts the
 * ones that fail), and every stored event is checked again here.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactList, EventPage, isTerminal, type StoredEvent } from '@sidecast/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, waitFor, type TestHub } from './test-hub.js';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ supervisor: { jobs: [] } });
});

afterAll(async () => {
  expect((await hub.sidecar()).rejectedLines).toBe(0);
  await hub.stop();
});

/** The job's whole log, checked: parsed by the protocol, seq 1…head, terminal status last. */
async function eventsOf(id: string): Promise<StoredEvent[]> {
  const response = await hub.api(`/api/jobs/${id}/events?limit=10000`);
  const { events } = EventPage.parse(await response.json());
  expect(events.map(({ seq }) => seq)).toEqual(events.map((_, i) => i + 1));
  const last = events.at(-1);
  expect(last !== undefined && isTerminal(last)).toBe(true);
  return events;
}

async function download(id: string, path: string): Promise<string> {
  const response = await hub.api(`/api/jobs/${id}/artifacts/${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('built-in job types', () => {
  it('demo.stream logs its lines with progress and returns a summary', async () => {
    const job = await hub.start('demo.stream', { lines: 200, rate: 0 });
    expect(await hub.finished(job.id)).toMatchObject({
      state: 'completed',
      result: { lines: 200 },
    });
    const events = await eventsOf(job.id);
    const lines = events.filter((event) => event.kind === 'log').map((event) => event.text);
    expect(lines).toEqual(Array.from({ length: 200 }, (_, i) => `line ${String(i + 1)} of 200`));
    expect(events.some((event) => event.kind === 'progress')).toBe(true);
  });

  it('demo.stream fails at fail_at with the error on the record', async () => {
    const job = await hub.start('demo.stream', { lines: 10, rate: 0, fail_at: 3 });
    const ended = await hub.finished(job.id);
    expect(ended.state).toBe('failed');
    expect(ended.error?.message).toBeTruthy();
    const kinds = (await eventsOf(job.id)).map(({ kind }) => kind);
    expect(kinds.slice(-2)).toEqual(['error', 'status']);
  });

  it('files.checksum hashes a folder and its SHA256SUMS downloads', async () => {
    const root = join(hub.dataDir, 'to-hash');
    await mkdir(join(root, 'sub'), { recursive: true });
    await writeFile(join(root, 'a.txt'), 'alpha\n');
    await writeFile(join(root, 'sub', 'b.txt'), 'beta\n');
    const job = await hub.start('files.checksum', { root });
    expect(await hub.finished(job.id)).toMatchObject({ state: 'completed', result: { files: 2 } });
    const sums = await download(job.id, 'SHA256SUMS');
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
    expect(sums).toContain(`${sha('alpha\n')}  a.txt`);
    expect(sums).toContain(`${sha('beta\n')}  sub/b.txt`);
    const events = await eventsOf(job.id);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'artifact', path: 'SHA256SUMS' }),
    );
  });

  it('data.profile_csv profiles a CSV and writes report.json and report.html', async () => {
    const csv = join(hub.dataDir, 'people.csv');
    await writeFile(csv, 'name,age,member\nada,36,true\nbob,,false\ncy,51,true\n');
    const job = await hub.start('data.profile_csv', { path: csv });
    const ended = await hub.finished(job.id);
    expect(ended.state).toBe('completed');
    const { artifacts } = ArtifactList.parse(
      await (await hub.api(`/api/jobs/${job.id}/artifacts`)).json(),
    );
    expect(artifacts.map(({ path }) => path)).toEqual(['report.html', 'report.json']);
    const report = JSON.parse(await download(job.id, 'report.json')) as { rows: number };
    expect(report.rows).toBe(3);
    expect(await download(job.id, 'report.html')).toContain('<svg');
  });

  it('demo.chat answers input with streamed tokens until told to end', async () => {
    const job = await hub.start('demo.chat', { delay: 0 });
    await waitFor(() => hub.jobs.get(job.id)?.state === 'running');
    expect((await hub.post(`/api/jobs/${job.id}/input`, { data: 'hello there' })).status).toBe(202);
    await waitFor(async () =>
      (await eventsOfLive(job.id)).some((e) => e.kind === 'log' && e.text.startsWith('You said')),
    );
    expect((await hub.post(`/api/jobs/${job.id}/input`, { data: { end: true } })).status).toBe(202);
    expect(await hub.finished(job.id)).toMatchObject({ state: 'completed', result: { turns: 1 } });
    const events = await eventsOf(job.id);
    const tokens = events.flatMap((e) =>
      e.kind === 'data' && typeof e.data === 'string' ? [e.data] : [],
    );
    expect(tokens.join('')).toContain('You said "hello there"');
  });
});

async function eventsOfLive(id: string): Promise<StoredEvent[]> {
  const { events } = EventPage.parse(
    await (await hub.api(`/api/jobs/${id}/events?limit=10000`)).json(),
  );
  return events;
}
