/**
 * The built executable as a desktop shell uses it: copied alone into an empty folder, with no
 * node_modules above it and no NODE_PATH, started with `--ready-json`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readlinkSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, type SidecastClient } from '@sidecast/client';
import { isTerminalState, type EventPage, type Job, type StoredEvent } from '@sidecast/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loneFolder,
  startExecutable,
  type LoneFolder,
  type StartedExecutable,
} from './lone-executable.js';
import {
  descendants,
  followJob,
  readReadyLine,
  running,
  type ReadyLine,
} from '@sidecast/test-support';

const MY_JOBS = `from sidecast import Context, job


@job("mine.greet")
def greet(ctx: Context, name: str = "world") -> str:
    ctx.log(f"greeting {name}")
    return f"hello, {name}"
`;

function originOf(ready: ReadyLine): string {
  return new URL(ready.url).origin;
}

async function api(ready: ReadyLine, path: string, body?: unknown): Promise<Response> {
  return fetch(`${originOf(ready)}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function fetchJob(ready: ReadyLine, id: string): Promise<Job> {
  return ((await (await api(ready, `/api/jobs/${id}`)).json()) as { job: Job }).job;
}

async function jobOver(ready: ReadyLine, id: string): Promise<Job> {
  for (;;) {
    const job = await fetchJob(ready, id);
    if (isTerminalState(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function resultOf(events: readonly StoredEvent[]): unknown {
  const result = events.find((event) => event.kind === 'result');
  return result?.kind === 'result' ? result.value : undefined;
}

async function exitOf(started: StartedExecutable): Promise<number | null> {
  const { child } = started;
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

async function goneWithin(pids: readonly number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (running(pids).length > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 25));
  return running(pids);
}

describe('the sidecast executable, copied alone', () => {
  let lone: LoneFolder;
  let hub: StartedExecutable | undefined;
  let client: SidecastClient | undefined;

  beforeEach(async () => {
    lone = await loneFolder();
  });

  afterEach(async () => {
    client?.close();
    client = undefined;
    const child = hub?.child;
    if (child?.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    hub = undefined;
    await lone.remove();
  });

  describe('--ready-json', () => {
    it('prints one line with url, port, token and its own pid, and runs no separate node', async () => {
      hub = await startExecutable(lone, ['--eager']);
      const { ready, child } = hub;
      expect(Object.keys(ready).sort()).toEqual(['pid', 'port', 'token', 'url']);
      expect(ready.pid).toBe(child.pid);
      expect(ready.url).toBe(`http://127.0.0.1:${String(ready.port)}/#token=${ready.token}`);
      expect(readlinkSync(`/proc/${String(ready.pid)}/exe`)).toBe(lone.executable);
      await expect
        .poll(() => descendants(ready.pid).length, { timeout: 10_000 })
        .toBeGreaterThan(0);
      const commands = descendants(ready.pid).map((entry) => entry.command);
      expect(commands.every((command) => command.startsWith('python'))).toBe(true);
    });
  });

  describe('the app', () => {
    it('serves the web app and its script from what it carries', async () => {
      hub = await startExecutable(lone);
      const page = await fetch(`${originOf(hub.ready)}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(new URL(script ?? '', originOf(hub.ready)));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect((await asset.text()).length).toBeGreaterThan(10_000);
    });
  });

  describe('the built-in jobs', () => {
    it('runs demo.stream over REST, with every line', async () => {
      hub = await startExecutable(lone);
      const started = await api(hub.ready, '/api/jobs', {
        jobType: 'demo.stream',
        params: { lines: 50, rate: 0 },
      });
      expect(started.status).toBe(201);
      const { job } = (await started.json()) as { job: Job };
      const ended = await jobOver(hub.ready, job.id);
      expect(ended).toMatchObject({ state: 'completed', result: { lines: 50 } });
      const page = await api(hub.ready, `/api/jobs/${job.id}/events?limit=1000`);
      const { events } = (await page.json()) as EventPage;
      const logged = events.flatMap((event) => (event.kind === 'log' ? [event.text] : []));
      expect(logged).toHaveLength(50);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    });

    it('runs demo.stream, files.checksum, data.profile_csv and demo.chat over the WebSocket', async () => {
      hub = await startExecutable(lone);
      client = createClient({ url: originOf(hub.ready), token: hub.ready.token });

      const streamed = await followJob(client, 'demo.stream', { lines: 200, rate: 0 });
      expect(streamed.map((event) => event.seq)).toEqual(streamed.map((_, index) => index + 1));
      const lines = streamed.filter((event) => event.kind === 'log');
      expect(lines).toHaveLength(200);
      expect(streamed.at(-1)).toMatchObject({ kind: 'status', state: 'completed' });

      const folder = join(lone.folder, 'to-check');
      await mkdir(folder);
      await writeFile(join(folder, 'a.txt'), 'a\n');
      await writeFile(join(folder, 'b.txt'), 'b\n');
      const checked = await followJob(client, 'files.checksum', { root: folder });
      expect(resultOf(checked)).toMatchObject({ files: 2 });
      expect(
        checked.some((event) => event.kind === 'artifact' && event.path === 'SHA256SUMS'),
      ).toBe(true);

      const csv = join(lone.folder, 'people.csv');
      await writeFile(csv, 'name,age\nada,36\ngrace,45\nalan,41\n');
      const profiled = await followJob(client, 'data.profile_csv', { path: csv });
      expect(resultOf(profiled)).toMatchObject({ rows: 3 });
      const artifacts = profiled.flatMap((event) =>
        event.kind === 'artifact' ? [event.path] : [],
      );
      expect(artifacts).toEqual(expect.arrayContaining(['report.json', 'report.html']));

      const chatted = await followJob(client, 'demo.chat', { delay: 0 }, ['hello', { end: true }]);
      expect(resultOf(chatted)).toEqual({ turns: 1 });
      expect(chatted.some((event) => event.kind === 'data' && event.name === 'token')).toBe(true);
    });

    it('runs a --jobs file from the folder it was started in', async () => {
      await writeFile(join(lone.folder, 'my_jobs.py'), MY_JOBS);
      hub = await startExecutable(lone, ['--jobs', 'my_jobs.py']);
      client = createClient({ url: originOf(hub.ready), token: hub.ready.token });
      const events = await followJob(client, 'mine.greet', { name: 'desktop' });
      expect(resultOf(events)).toBe('hello, desktop');
      expect(
        events.some((event) => event.kind === 'log' && event.text === 'greeting desktop'),
      ).toBe(true);
    });
  });

  describe('stopping', () => {
    it('stops cleanly on SIGTERM, its workers with it', async () => {
      hub = await startExecutable(lone, ['--eager']);
      const { pid } = hub.ready;
      await expect.poll(() => descendants(pid).length, { timeout: 10_000 }).toBeGreaterThan(0);
      const workers = descendants(pid).map((entry) => entry.pid);
      hub.child.kill('SIGTERM');
      expect(await exitOf(hub)).toBe(0);
      expect(await goneWithin(workers, 2_000)).toEqual([]);
    });

    it('stops cleanly when its stdin closes', async () => {
      hub = await startExecutable(lone, ['--eager']);
      const { pid } = hub.ready;
      await expect.poll(() => descendants(pid).length, { timeout: 10_000 }).toBeGreaterThan(0);
      const workers = descendants(pid).map((entry) => entry.pid);
      hub.child.stdin.end();
      expect(await exitOf(hub)).toBe(0);
      expect(await goneWithin(workers, 2_000)).toEqual([]);
    });

    it('is gone, workers and all, within 2 s of its shell being killed with -9', async () => {
      // A stand-in for a desktop shell: it starts the executable with its stdin on a pipe and
      // relays the ready line. Killing it with -9 gives it no chance to clean anything up.
      const shell = spawn(
        process.execPath,
        [
          '-e',
          `const { spawn } = require('node:child_process');
           const hub = spawn(process.argv[1], ['--port', '0', '--ready-json', '--data-dir', 'data'],
             { stdio: ['pipe', 'pipe', 'inherit'] });
           hub.stdout.pipe(process.stdout);`,
          lone.executable,
        ],
        { cwd: lone.folder, env: lone.env, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        const ready = await readReadyLine(shell);
        // A job in flight, so a worker is busy when the shell dies.
        const started = await api(ready, '/api/jobs', {
          jobType: 'demo.stream',
          params: { lines: 100_000, rate: 100 },
        });
        const { job } = (await started.json()) as { job: Job };
        await expect
          .poll(async () => (await fetchJob(ready, job.id)).state, { timeout: 10_000 })
          .toBe('running');
        const tree = [ready.pid, ...descendants(ready.pid).map((entry) => entry.pid)];
        expect(tree.length).toBeGreaterThan(1);
        shell.kill('SIGKILL');
        expect(await goneWithin(tree, 2_000)).toEqual([]);
      } finally {
        if (shell.exitCode === null && shell.signalCode === null) shell.kill('SIGKILL');
      }
    });
  });
});
