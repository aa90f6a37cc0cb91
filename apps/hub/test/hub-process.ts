/** The `sidecast` command as a child process, for tests of signals, stdin and `kill -9`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHAOS_JOBS } from './test-hub.js';

/** The `sidecast` command's source, run with tsx. */
export const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
/** By URL, because Node resolves `--import` from the working directory, which tests move. */
export const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface HubProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  pid: number;
  /** Call the running hub's API. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  /** What it wrote to stderr so far, with `captureStderr` (else it goes to the test's). */
  stderr(): string;
}

export interface SpawnHubOptions {
  /** Load the chaos jobs next to the built-in ones (default true). */
  chaosJobs?: boolean;
  cwd?: string;
  /** Replaces the environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Keep stderr for `stderr()` instead of passing it through. */
  captureStderr?: boolean;
}

/** Node's arguments for `sidecast --ready-json` from source, on a free port, with `args`. */
export function hubArgs(args: string[], chaosJobs = true): string[] {
  const jobs = chaosJobs ? ['--jobs', CHAOS_JOBS] : [];
  return ['--import', TSX, CLI, '--ready-json', '--port', '0', ...jobs, ...args];
}

/** Start `sidecast --ready-json` on a free port with `args`, and read its ready line. */
export async function spawnHub(
  args: string[],
  { chaosJobs = true, cwd, env, captureStderr = false }: SpawnHubOptions = {},
): Promise<HubProcess> {
  const child = spawn(process.execPath, hubArgs(args, chaosJobs), {
    stdio: ['pipe', 'pipe', captureStderr ? 'pipe' : 'inherit'],
    cwd,
    env,
  });
  const stderr: Buffer[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = once(child, 'exit').then(
    ([code, signal]) => (code as number | null) ?? (signal as string),
  );
  if (child.stdout === null) throw new Error('the hub has no stdout');
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    exited.then((how) => {
      throw new Error(`hub exited: ${String(how)}`);
    }),
  ])) as [string];
  const ready = JSON.parse(first) as { url: string; port: number; token: string; pid: number };
  return {
    child,
    ...ready,
    exited,
    stderr: () => Buffer.concat(stderr).toString(),
    api: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${ready.token}`);
      return fetch(`http://127.0.0.1:${String(ready.port)}${path}`, { ...init, headers });
    },
  };
}

/**
 * Whether `pid` is a process that can still run. A zombie cannot: it is dead and waits only
 * for its new parent to reap it, which an init process may do a second or more later (this
 * machine's reaps every ~1.3 s), so counting it would measure that init, not the hub.
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // The state follows the command name, which is in parentheses and may contain spaces.
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true; // reaped since the signal check: as dead as a zombie
  }
}

/** How a `sidecast` command run to its end went. */
export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `sidecast args…` from source to its end, in `cwd`, with no hub named by the
 * environment (`SIDECAST_DATA_DIR` and `SIDECAST_TOKEN` emptied) unless `env` says so.
 */
export async function runSidecast(
  args: string[],
  { cwd, env = {} }: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandRun> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    env: { ...process.env, SIDECAST_DATA_DIR: '', SIDECAST_TOKEN: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}
