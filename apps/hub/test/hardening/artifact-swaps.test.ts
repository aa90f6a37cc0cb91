/**
 * A job that keeps swapping what its artifacts folder holds — a file for a link to a file
 * outside, a folder for a link to a folder outside, a file for a FIFO, a file that keeps
 * growing — while downloads and listings run in parallel (DESIGN §6). No byte from outside
 * is ever served, no download blocks or overruns its Content-Length, a refusal is a 4xx
 * with the usual body and is logged once per interval, and afterwards the hub still starts
 * jobs and stops on SIGTERM.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactList, ErrorBody, JobReply } from '@sidecast/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnHub, type HubProcess } from '../hub-process.js';
import { waitFor } from '../test-hub.js';

const SECRET = 'top secret, outside the artifacts folder';
/** Swap and download for at least this long, and until this many downloads were tried. */
const SWAP_MS = 2_500;
const ATTEMPTS = 300;
const PARALLEL = 8;

let hub: HubProcess | undefined;
let dir: string;

afterEach(async () => {
  if (hub?.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
  hub = undefined;
  await rm(dir, { recursive: true, force: true });
});

interface Tally {
  ok: number;
  refused: Record<number, number>;
  outsideBytes: number;
  overruns: number;
}

async function download(running: HubProcess, path: string, tally: Tally): Promise<void> {
  const response = await running.api(path);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.toString().includes('top secret')) tally.outsideBytes += 1;
  if (response.status === 200) {
    tally.ok += 1;
    if (Number(response.headers.get('content-length')) !== body.length) tally.overruns += 1;
    return;
  }
  tally.refused[response.status] = (tally.refused[response.status] ?? 0) + 1;
  // Every refusal is the API's error body, never a 500.
  ErrorBody.parse(JSON.parse(body.toString()));
}

describe('artifact downloads while the job swaps its folder', () => {
  it('never serve a byte from outside, never block, and leave the hub serving', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sidecast-swap-'));
    const outsideDir = join(dir, 'outside');
    await mkdir(outsideDir);
    const outside = join(outsideDir, 'secret.txt');
    await writeFile(outside, `${SECRET}\n`);
    hub = await spawnHub(['--data-dir', join(dir, 'data')], { captureStderr: true });
    const running = hub;
    const start = await running.api('/api/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jobType: 'chaos.swap_artifacts',
        params: { outside, seconds: 120 },
      }),
    });
    const { job } = JobReply.parse(await start.json());
    const base = `/api/jobs/${job.id}/artifacts`;
    await waitFor(async () => {
      const { artifacts } = ArtifactList.parse(await (await running.api(base)).json());
      return artifacts.some(({ path }) => path === 'grow.txt');
    });

    const tally: Tally = { ok: 0, refused: {}, outsideBytes: 0, overruns: 0 };
    let listings = 0;
    let attempts = 0;
    const began = Date.now();
    // However slow the machine, enough downloads run while the job swaps.
    const more = (): boolean => Date.now() - began < SWAP_MS || attempts < ATTEMPTS;
    const paths = ['file.txt', 'dir/secret.txt', 'fifo.txt', 'grow.txt'];
    await Promise.all(
      Array.from({ length: PARALLEL }, async (_, worker) => {
        for (let i = worker; more(); i++) {
          attempts += 1;
          if (i % 5 === 4) {
            const listing = await running.api(base);
            expect(listing.status).toBe(200);
            ArtifactList.parse(await listing.json());
            listings += 1;
          } else {
            await download(running, `${base}/${paths[i % paths.length] ?? ''}`, tally);
          }
        }
      }),
    );
    const swappedMs = Date.now() - began;
    expect(swappedMs).toBeGreaterThanOrEqual(2_000);
    expect(JobReply.parse(await (await running.api(`/api/jobs/${job.id}`)).json()).job.state).toBe(
      'running',
    );
    await running.api(`/api/jobs/${job.id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(tally.outsideBytes).toBe(0);
    expect(tally.overruns).toBe(0);
    expect(Object.keys(tally.refused).every((status) => ['400', '404'].includes(status))).toBe(
      true,
    );
    expect(tally.ok).toBeGreaterThan(20);
    expect(listings).toBeGreaterThan(10);

    // The hub still takes and runs jobs, logs refusals once a second, and stops on SIGTERM.
    const next = await running.api('/api/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobType: 'demo.stream', params: { lines: 3, rate: 0 } }),
    });
    expect(next.status).toBe(201);
    const refusalsLogged = running
      .stderr()
      .split('\n')
      .filter((line) => line.includes('refused'));
    const refusals = Object.values(tally.refused).reduce((sum, n) => sum + n, 0);
    const loggable = Math.ceil(swappedMs / 1000) + 1;
    expect(refusalsLogged.length).toBeLessThanOrEqual(loggable);
    if (refusals > loggable) expect(refusalsLogged.length).toBeLessThan(refusals);
    expect(running.stderr()).not.toContain('failed:');
    const stoppedAt = Date.now();
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  }, 60_000);
});
