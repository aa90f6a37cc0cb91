/**
 * One worker of the pool (DESIGN §5), a small state machine around one process:
 * `starting` → (`ready`) `idle` ⇄ `busy` (one job at a time) → `stopping` → `stopped`,
 * `unhealthy` after a missed heartbeat. It answers for its own health: the ready timeout,
 * the heartbeat, the hard cancel. How it ended is reported once, through `gone`.
 */
import {
  PROTOCOL_VERSION,
  isTerminal,
  parseSidecarOutbound,
  scanLogEventLine,
  type JobEvent,
  type JobType,
  type JsonValue,
  type SidecarExit,
  type SidecarInbound,
  type SidecarRun,
  type WorkerInfo,
  type WorkerState,
} from '@sidecast/protocol';
import type { LogLevel } from '../logger.js';
import { describeExit, describeLine, describeSpawnError } from './describe.js';
import { Heartbeat } from './heartbeat.js';
import type { SupervisorOptions } from './options.js';
import { residentBytes } from './rss.js';
import type { SpawnSpec } from './worker-process.js';
import { WorkerProcess } from './worker-process.js';

/** Crash reasons quote this many of the worker's last stderr lines. */
const STDERR_LINES_IN_REASON = 5;

export interface WorkerHello {
  python: string;
  jobTypes: readonly JobType[];
}

/** How a worker ended. */
export interface WorkerEnding {
  /** In words, naming the worker: what a job it was running says. */
  reason: string;
  /** It never became ready: a failure to start. */
  beforeReady: boolean;
  /** The same failure would happen again (an exit or a spawn error, not a timeout). */
  deterministic: boolean;
  /** What makes two failures the same one: the reason without the pid. */
  signature: string;
  /** It was being stopped on purpose (idle, recycled, the pool stopping). */
  retired: boolean;
  /** It could not import the job code (`loadFailed`): `reason` is that message. */
  loadFailed: boolean;
  /** The job it was running, which is lost. */
  jobId: string | undefined;
  exit: SidecarExit;
  stderr: string[];
}

export interface WorkerHandlers {
  ready(worker: Worker, hello: WorkerHello): void;
  /** `json`, when given, is the event's JSON exactly as the worker sent it. */
  event(worker: Worker, jobId: string, event: JobEvent, json?: string): void;
  /** Its state or job changed. */
  changed(worker: Worker): void;
  /** Its job ended, just before it goes idle (the pool may recycle it instead). */
  jobDone(worker: Worker): void;
  gone(worker: Worker, ending: WorkerEnding): void;
  /** A stdout line that is not a valid message. */
  rejected(what: string): void;
  log(level: LogLevel, text: string): void;
}

export class Worker {
  private stateValue: WorkerState = 'starting';
  private jobIdValue: string | undefined;
  /** Why the hub killed it, once it has: what its job's reason says instead of the exit. */
  private killedBecause: { reason: string; deterministic: boolean } | undefined;
  private loadFailed = false;
  private wasReady = false;
  private retiring = false;
  private drainingValue = false;
  private stopping: Promise<void> | undefined;
  private rss: number | undefined;
  private readonly process: WorkerProcess;
  private readonly heartbeat: Heartbeat;
  private readonly readyTimer: NodeJS.Timeout;
  private cancelTimer: NodeJS.Timeout | undefined;
  /** When it last became idle. */
  idleSince = Date.now();

  constructor(
    readonly slot: number,
    spec: SpawnSpec,
    private readonly options: SupervisorOptions,
    private readonly handlers: WorkerHandlers,
  ) {
    this.process = new WorkerProcess(spec, options.maxLineBytes, options.stderrTailLines, {
      line: (text) => {
        this.onLine(text);
      },
      oversized: (bytes) => {
        handlers.rejected(`a line of ${String(bytes)} bytes, over the 1 MiB cap`);
      },
      spawnError: (error) => {
        this.killedBecause = {
          reason: describeSpawnError(options.python, error),
          deterministic: true,
        };
        this.onExit({ code: null, signal: null, at: Date.now() });
      },
      exit: (exit) => {
        this.onExit(exit);
      },
    });
    this.heartbeat = new Heartbeat(options, {
      ping: (n) => this.send({ type: 'ping', n }),
      missed: (misses) => {
        this.missed(misses);
      },
      answered: () => {
        if (this.stateValue === 'unhealthy')
          this.enter(this.jobIdValue === undefined ? 'idle' : 'busy');
      },
    });
    this.readyTimer = setTimeout(() => {
      this.kill(`no ready message within ${String(options.readyTimeoutMs)} ms`, false);
    }, options.readyTimeoutMs);
  }

  get state(): WorkerState {
    return this.stateValue;
  }

  get jobId(): string | undefined {
    return this.jobIdValue;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Resident memory at the last heartbeat or job end. */
  get rssBytes(): number | undefined {
    return this.rss;
  }

  get stderrTail(): string[] {
    return this.process.stderr.snapshot();
  }

  /** What `GET /api/sidecar` shows of it; the slot adds its counters. */
  info(): Omit<WorkerInfo, 'jobsRun' | 'restarts'> {
    return {
      id: this.slot,
      ...(this.pid === undefined ? {} : { pid: this.pid }),
      state: this.stateValue,
      ...(this.jobIdValue === undefined ? {} : { jobId: this.jobIdValue }),
      ...(this.rss === undefined ? {} : { rssBytes: this.rss }),
      ...(this.drainingValue ? { draining: true } : {}),
    };
  }

  /** Finishing its job on the code from before a reload: no new job, then it stops. */
  get draining(): boolean {
    return this.drainingValue;
  }

  /** Let its job finish, then stop; at once if it has none. */
  drain(): void {
    this.drainingValue = true;
    if (this.jobIdValue === undefined) void this.stop();
    else this.handlers.changed(this);
  }

  /** Hand it a job; false unless it is idle. */
  run(message: SidecarRun): boolean {
    if (this.stateValue !== 'idle' || this.drainingValue || !this.send(message)) return false;
    this.jobIdValue = message.jobId;
    this.enter('busy');
    return true;
  }

  /**
   * Ask its job to stop; if it is still running `cancelGraceMs` later, kill the worker's
   * process group. Asking again does not restart the clock.
   */
  cancel(jobId: string): void {
    if (this.jobIdValue !== jobId) return;
    this.send({ type: 'cancel', jobId });
    const graceMs = this.options.cancelGraceMs;
    this.cancelTimer ??= setTimeout(() => {
      if (this.jobIdValue === jobId)
        this.kill(`did not stop within ${String(graceMs / 1000)} s; its process was killed`, false);
    }, graceMs);
  }

  input(jobId: string, data: JsonValue): void {
    if (this.jobIdValue === jobId) this.send({ type: 'input', jobId, data });
  }

  /** The stop ladder; resolves once it has exited. */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      this.retiring = true;
      if (this.stateValue !== 'stopped') this.enter('stopping');
      await this.process.stop(this.options);
    })());
  }

  /** SIGKILL its process group now; `reason` is what its job, if any, fails with. */
  kill(reason: string, deterministic: boolean): void {
    this.killedBecause ??= { reason, deterministic };
    this.process.signal('SIGKILL');
  }

  private send(message: SidecarInbound): boolean {
    return this.process.writeLine(JSON.stringify(message));
  }

  private onLine(text: string): void {
    // Nearly every line of a busy job is a log line, checked by hand (`fast-log-lines`).
    const scanned = scanLogEventLine(text);
    if (scanned !== undefined) {
      this.onEvent(scanned.jobId, scanned.event, scanned.json);
      return;
    }
    const parsed = parseSidecarOutbound(text);
    if (!parsed.ok) {
      this.handlers.rejected(describeLine(text, parsed.error.message));
      return;
    }
    const message = parsed.value;
    switch (message.type) {
      case 'ready':
        this.onReady(message.protocol, { python: message.python, jobTypes: message.jobTypes });
        return;
      case 'event':
        this.onEvent(message.jobId, message.event);
        return;
      case 'pong':
        this.rss = residentBytes(this.pid);
        this.heartbeat.pong(message.n);
        return;
      case 'log':
        this.handlers.log(message.level, `worker ${String(this.slot)}: ${message.text}`);
        return;
      case 'loadFailed':
        if (this.wasReady) {
          this.handlers.rejected('a loadFailed message after ready');
          return;
        }
        // It exits by itself; its message, not its exit code, is why it failed.
        this.loadFailed = true;
        this.killedBecause ??= { reason: message.message, deterministic: true };
        return;
      default:
        message satisfies never;
    }
  }

  private onReady(protocol: number, hello: WorkerHello): void {
    if (this.wasReady) {
      this.handlers.rejected('a second ready message');
      return;
    }
    clearTimeout(this.readyTimer);
    if (protocol !== PROTOCOL_VERSION) {
      this.kill(
        `the worker speaks protocol ${String(protocol)}, the hub ${String(PROTOCOL_VERSION)}`,
        true,
      );
      return;
    }
    this.wasReady = true;
    this.idleSince = Date.now();
    this.rss = residentBytes(this.pid);
    this.heartbeat.start();
    // A worker asked to stop while it was starting may still finish starting: it stays stopping.
    if (this.stateValue === 'starting') this.enter('idle');
    this.handlers.ready(this, hello);
  }

  private onEvent(jobId: string, event: JobEvent, json?: string): void {
    if (jobId !== this.jobIdValue) {
      this.handlers.log(
        'warning',
        `worker ${String(this.slot)} sent a ${event.kind} event for job ${jobId}, which it is not running; ignored`,
      );
      return;
    }
    this.handlers.event(this, jobId, event, json);
    if (!isTerminal(event)) return;
    clearTimeout(this.cancelTimer);
    this.cancelTimer = undefined;
    this.jobIdValue = undefined;
    this.rss = residentBytes(this.pid);
    this.idleSince = Date.now();
    this.handlers.jobDone(this);
    if (this.drainingValue) void this.stop();
    else if (this.stateValue === 'busy' || this.stateValue === 'unhealthy') this.enter('idle');
    else this.handlers.changed(this);
  }

  private missed(misses: number): void {
    if (misses >= this.options.heartbeatMaxMisses) {
      this.kill(
        `worker ${String(this.slot)} missed ${String(misses)} heartbeats in a row; it was killed`,
        false,
      );
    } else if (this.stateValue === 'idle' || this.stateValue === 'busy') {
      this.enter('unhealthy');
    }
  }

  private onExit(exit: SidecarExit): void {
    clearTimeout(this.readyTimer);
    clearTimeout(this.cancelTimer);
    this.heartbeat.stop();
    const stderr = this.process.stderr.snapshot();
    const killed = this.killedBecause;
    const last = this.process.stderr.last(STDERR_LINES_IN_REASON);
    const who = `worker ${String(this.slot)}`;
    const named = this.pid === undefined ? who : `${who} (pid ${String(this.pid)})`;
    const reason = killed?.reason ?? describeExit(named, exit, last);
    // Every worker fails the same way for the same cause: the breaker compares causes.
    const signature = killed?.reason ?? describeExit('a worker', exit, last);
    const jobId = this.jobIdValue;
    this.jobIdValue = undefined;
    this.stateValue = 'stopped';
    this.handlers.gone(this, {
      reason,
      beforeReady: !this.wasReady,
      deterministic: killed?.deterministic ?? true,
      signature,
      retired: this.retiring,
      loadFailed: this.loadFailed,
      jobId,
      exit,
      stderr,
    });
  }

  private enter(state: WorkerState): void {
    this.stateValue = state;
    this.handlers.changed(this);
  }
}
