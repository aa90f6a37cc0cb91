/**
 * One worker process: spawned in its own process group (so the hub can end it and anything
 * it started in one signal), its stdout split into capped lines, its stderr kept as a tail,
 * and the stop ladder of DESIGN §5.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import type { SidecarExit } from '@sidecast/protocol';
import { LineSplitter } from './line-splitter.js';
import { StderrTail } from './stderr-tail.js';

export interface SpawnSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface WorkerProcessHandlers {
  line(text: string): void;
  oversized(bytes: number): void;
  /** The process could not be started (e.g. the Python path does not exist). */
  spawnError(error: NodeJS.ErrnoException): void;
  /** The process is gone and its stdout fully read. */
  exit(exit: SidecarExit): void;
}

export interface StopLadder {
  shutdownGraceMs: number;
  terminateGraceMs: number;
}

/** Wait this long after `exit` for stdout to close before giving up on its last lines. */
const PIPE_DRAIN_MS = 1_000;
/**
 * Most stdout bytes handled in one event-loop turn. Left alone, libuv reads a pipe that a
 * worker keeps full up to 32 times in a turn (2 MiB, some 35 ms of lines flat out), and
 * nothing read in that turn reaches a viewer before it ends; a turn's worth of 256 KiB keeps
 * what the hub holds back near 5 ms without costing throughput (measured by `pnpm bench`).
 */
export const STDOUT_BYTES_PER_TURN = 256 * 1024;

export class WorkerProcess {
  readonly stderr: StderrTail;
  private readonly child: ChildProcessWithoutNullStreams;
  private exited: SidecarExit | undefined;
  private readonly done: Promise<SidecarExit>;

  constructor(
    spec: SpawnSpec,
    maxLineBytes: number,
    stderrLines: number,
    private readonly handlers: WorkerProcessHandlers,
    bytesPerTurn = STDOUT_BYTES_PER_TURN,
  ) {
    this.stderr = new StderrTail(stderrLines);
    this.child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const splitter = new LineSplitter(maxLineBytes, handlers);
    const stdout = this.child.stdout;
    let turnBytes = 0;
    const nextTurn = (): void => {
      turnBytes = 0;
      if (stdout.isPaused()) stdout.resume();
    };
    stdout.on('data', (chunk: Buffer) => {
      if (turnBytes === 0) setImmediate(nextTurn);
      turnBytes += chunk.length;
      splitter.push(chunk);
      if (turnBytes >= bytesPerTurn) stdout.pause();
    });
    stdout.on('end', () => {
      splitter.end();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk);
    });
    // A worker that dies with bytes in flight makes writes fail; the exit handler reports it.
    this.child.stdin.on('error', () => undefined);
    this.done = this.watchExit();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exited === undefined && this.child.pid !== undefined;
  }

  /** Resolves with how the process ended, once it has and its stdout is drained. */
  get exit(): Promise<SidecarExit> {
    return this.done;
  }

  /** Write one line to the worker's stdin; false when it can take no more input. */
  writeLine(line: string): boolean {
    if (!this.alive || !this.child.stdin.writable) return false;
    this.child.stdin.write(line + '\n');
    return true;
  }

  /** Signal the whole process group (jobs' subprocesses included). */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  /** DESIGN §5: `shutdown` + stdin EOF, then SIGTERM to the group, then SIGKILL. */
  async stop(ladder: StopLadder): Promise<SidecarExit> {
    if (this.alive) {
      this.writeLine(JSON.stringify({ type: 'shutdown' }));
      this.child.stdin.end();
      if (!(await this.exitsWithin(ladder.shutdownGraceMs))) {
        this.signal('SIGTERM');
        if (!(await this.exitsWithin(ladder.terminateGraceMs))) this.signal('SIGKILL');
      }
    }
    return this.done;
  }

  private async exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(resolve, ms, false);
    });
    const exited = this.done.then(() => true);
    const result = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    return result;
  }

  private async watchExit(): Promise<SidecarExit> {
    const spawnFailed = new Promise<NodeJS.ErrnoException>((resolve) =>
      this.child.once('error', resolve),
    );
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      this.child.once('exit', (code, signal) => {
        resolve({ code, signal });
      }),
    );
    const first = await Promise.race([spawnFailed, exited]);
    if (first instanceof Error) {
      this.exited = { code: null, signal: null, at: Date.now() };
      this.handlers.spawnError(first);
      return this.exited;
    }
    this.exited = { ...first, at: Date.now() };
    // Anything the worker started and left behind goes with it.
    this.signal('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      // Not the child's 'close': that also waits for our end of stdin, which nothing closes.
      this.child.stdout.readableEnded ? undefined : once(this.child.stdout, 'end'),
      new Promise((resolve) => (timer = setTimeout(resolve, PIPE_DRAIN_MS))),
    ]);
    clearTimeout(timer);
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    this.child.stderr.destroy();
    this.handlers.exit(this.exited);
    return this.exited;
  }
}
