/**
 * The hub under test: the built `sidecast` CLI in its own process, with a fresh data dir,
 * so its CPU time and memory are its own and can be read from `/proc` (Linux).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ownCpuMicros } from './process-cpu.js';

const CLI = fileURLToPath(new URL('../../apps/hub/dist/cli/main.js', import.meta.url));

export interface HubProcessOptions {
  /** More `sidecast` arguments (`--eager`, `--python`, …). */
  args?: string[];
  /** Node flags for the hub, e.g. `--cpu-prof --cpu-prof-dir=…`. */
  nodeFlags?: string[];
  /** Use this data dir (a previous hub's) instead of a fresh one. */
  dataDir?: string;
}

export interface HubProcess {
  readonly url: string;
  readonly token: string;
  readonly pid: number;
  readonly dataDir: string;
  /** Milliseconds from spawning the process to its ready line. */
  readonly startToReadyMs: number;
  /** CPU time (user + system) the hub process has used, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Current and peak resident memory of the hub process, in bytes. */
  memory(): Promise<{ rss: number; peak: number }>;
  /** Stop the hub (it exits when its stdin closes) and remove its data dir unless asked. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Remove the data dir of a hub stopped with `keepData`. */
  remove(): Promise<void>;
}

interface ReadyLine {
  url: string;
  token: string;
  pid: number;
}

export async function startHubProcess(options: HubProcessOptions = {}): Promise<HubProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'sidecast-bench-')));
  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      CLI,
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--ready-json',
      ...(options.args ?? []),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const ready = await readyLine(child);
  const startToReadyMs = performance.now() - startedAt;
  const remove = (): Promise<void> => rm(dataDir, { recursive: true, force: true });
  return {
    url: ready.url.replace(/#.*$/, ''),
    token: ready.token,
    pid: ready.pid,
    dataDir,
    startToReadyMs,
    cpuMicros: () => ownCpuMicros(ready.pid),
    memory: () => processMemory(ready.pid),
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.stdin.end();
        await exited;
      }
      if (!keepData) await remove();
    },
    remove,
  };
}

/** Current and peak resident memory of process `pid`, in bytes (from `/proc`, Linux). */
export async function processMemory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8');
  const kib = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

async function readyLine(child: ChildProcess): Promise<ReadyLine> {
  if (child.stdout === null) throw new Error('the hub has no stdout');
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the hub exited with ${String(code)} before it was ready`);
  });
  const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  lines.close();
  child.stdout.resume();
  return JSON.parse(line) as ReadyLine;
}
