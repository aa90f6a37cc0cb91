/**
 * The sidecar supervisor (DESIGN §5): starts the sidecar lazily, waits for `ready`, pings
 * it, restarts it with backoff after a crash, an exit or missed heartbeats, opens a circuit
 * breaker after repeated failures, and stops it with the shutdown → SIGTERM → SIGKILL ladder.
 * Every transition is published as a `status` event.
 */
import { EventEmitter } from 'node:events';
import {
  PROTOCOL_VERSION,
  parseSidecarOutbound,
  type JobEvent,
  type JobType,
  type SidecarExit,
  type SidecarInbound,
  type SidecarState,
  type SidecarStatus,
  type SidecarSummary,
} from '@sidecast/protocol';
import { HubError } from '../hub-error.js';
import { LogThrottle } from '../log-throttle.js';
import { silentLogger, type Logger } from '../logger.js';
import { restartDelay } from './backoff.js';
import { Heartbeat } from './heartbeat.js';
import { DEFAULT_SUPERVISOR_OPTIONS, sidecarSpawnSpec, type SupervisorOptions } from './options.js';
import { SidecarProcess } from './sidecar-process.js';
import { describeExit, describeLine, describeSpawnError } from './describe.js';

export interface SupervisorEvents {
  /** The supervisor changed state (or a detail of its status changed). */
  status: [SidecarStatus];
  /** A sidecar became ready with these job types. */
  ready: [readonly JobType[]];
  /** An event of one job. */
  event: [jobId: string, event: JobEvent];
  /** The sidecar is being stopped on purpose: the jobs it ends meanwhile end for this reason. */
  retiring: [reason: string];
  /** The sidecar went away: every job it was running is lost, for this reason. */
  lost: [reason: string];
}

/** Why jobs end when the hub stops: what their terminal status says. */
export const HUB_STOPPED = 'the hub stopped';
/** Why running jobs end on `POST /api/sidecar/restart`. */
export const SIDECAR_RESTARTED = 'the sidecar was restarted';

/** Crash reasons quote this many of the sidecar's last stderr lines. */
const STDERR_LINES_IN_REASON = 5;

export class Supervisor extends EventEmitter<SupervisorEvents> {
  private readonly options: SupervisorOptions;
  private current: SidecarProcess | undefined;
  /** A sidecar being stopped on purpose: its last events still count, its exit is no failure. */
  private retiring: SidecarProcess | undefined;
  private lastStderr: string[] = [];
  private stateValue: SidecarState = 'idle';
  private since = Date.now();
  private restarts = 0;
  private failures = 0;
  private rejectedLines = 0;
  /** A flood of rejected lines is logged once a second. */
  private readonly rejectLog: LogThrottle;
  private rejectPublishPending = false;
  private python: string | undefined;
  private lastExit: SidecarExit | undefined;
  private lastError: string | undefined;
  private nextRestartAt: number | undefined;
  private knownJobTypes: readonly JobType[] | undefined;
  private readyTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private healthyTimer: NodeJS.Timeout | undefined;
  private readonly heartbeat: Heartbeat;
  private waiters: { resolve: () => void; reject: (error: HubError) => void }[] = [];

  constructor(
    options: Partial<SupervisorOptions> = {},
    private readonly log: Logger = silentLogger,
  ) {
    super();
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...options };
    this.rejectLog = new LogThrottle(log);
    this.heartbeat = new Heartbeat(this.options, {
      ping: (n) => this.send({ type: 'ping', n }),
      missed: (misses) => {
        this.missedHeartbeat(misses);
      },
      answered: () => {
        if (this.stateValue === 'unhealthy') this.enter('ready');
      },
    });
  }

  get state(): SidecarState {
    return this.stateValue;
  }

  /** The job types of the newest sidecar that became ready. */
  get jobTypes(): readonly JobType[] | undefined {
    return this.knownJobTypes;
  }

  /** Nothing secret: what `/api/health` shows. */
  summary(): SidecarSummary {
    const pid = this.current?.pid;
    return {
      state: this.stateValue,
      ...(pid === undefined ? {} : { pid }),
      restarts: this.restarts,
    };
  }

  /** Everything the hub knows about the sidecar, for `/api/sidecar` and the `sidecar` channel. */
  status(): SidecarStatus {
    return {
      ...this.summary(),
      since: this.since,
      failures: this.failures,
      ...(this.python === undefined ? {} : { python: this.python }),
      ...(this.lastExit === undefined ? {} : { lastExit: this.lastExit }),
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(this.nextRestartAt === undefined ? {} : { nextRestartAt: this.nextRestartAt }),
      stderrTail: this.current?.stderr.snapshot() ?? this.lastStderr,
      rejectedLines: this.rejectedLines,
    };
  }

  /** Resolves once a sidecar is ready, starting one if none is; rejects with `unavailable`. */
  ensureReady(): Promise<void> {
    switch (this.stateValue) {
      case 'ready':
      case 'unhealthy':
        return Promise.resolve();
      case 'circuit_open':
        return Promise.reject(this.circuitOpenError());
      case 'stopping':
      case 'stopped':
        return Promise.reject(new HubError('unavailable', 'the hub is shutting down'));
      case 'idle':
        this.spawn();
        break;
      case 'starting':
      case 'restarting':
        break;
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The error for work refused while the circuit breaker is open. */
  circuitOpenError(): HubError {
    return new HubError(
      'unavailable',
      `the sidecar failed ${String(this.failures)} times in a row (${this.lastError ?? 'unknown reason'}); ` +
        'POST /api/sidecar/restart to try again',
    );
  }

  /** Send one message; false when no sidecar is running to take it. */
  send(message: SidecarInbound): boolean {
    return this.current?.writeLine(JSON.stringify(message)) ?? false;
  }

  /** Restart on request: stop the running sidecar (if any), close the circuit, start again. */
  async restart(): Promise<void> {
    if (this.stateValue === 'stopping' || this.stateValue === 'stopped') return;
    this.failures = 0;
    this.clearTimers();
    if (this.current !== undefined) {
      this.enter('restarting');
      await this.retire(SIDECAR_RESTARTED);
      this.lost(SIDECAR_RESTARTED);
    }
    this.spawn();
  }

  /** Stop for good (the hub is exiting): the full stop ladder, then `stopped`. */
  async stop(): Promise<void> {
    if (this.stateValue === 'stopped') return;
    this.clearTimers();
    this.rejectWaiters(new HubError('unavailable', 'the hub is shutting down'));
    const running = this.current !== undefined;
    this.enter('stopping');
    await this.retire(HUB_STOPPED);
    if (running) this.lost(HUB_STOPPED);
    this.enter('stopped');
  }

  /** Last resort when the hub process exits: SIGKILL the sidecar's whole group now. */
  killNow(): void {
    this.current?.signal('SIGKILL');
    this.retiring?.signal('SIGKILL');
  }

  private async retire(reason: string): Promise<void> {
    const proc = this.current;
    if (proc === undefined) return;
    this.emit('retiring', reason);
    this.current = undefined;
    this.retiring = proc;
    await proc.stop(this.options);
    this.retiring = undefined;
  }

  private spawn(): void {
    this.nextRestartAt = undefined;
    const proc: SidecarProcess = new SidecarProcess(
      sidecarSpawnSpec(this.options),
      this.options.maxLineBytes,
      this.options.stderrTailLines,
      {
        line: (text) => {
          if (proc === this.current || proc === this.retiring) this.onLine(text, proc);
        },
        oversized: (bytes) => {
          if (proc === this.current)
            this.reject(`a line of ${String(bytes)} bytes, over the 1 MiB cap`);
        },
        spawnError: (error) => {
          if (proc === this.current) this.fail(describeSpawnError(this.options.python, error));
        },
        exit: (exit) => {
          this.lastExit = exit;
          this.lastStderr = proc.stderr.snapshot();
          if (proc === this.current)
            this.fail(describeExit(exit, proc.stderr.last(STDERR_LINES_IN_REASON)));
        },
      },
    );
    this.current = proc;
    this.enter('starting');
    this.readyTimer = setTimeout(() => {
      this.fail(`no ready message within ${String(this.options.readyTimeoutMs)} ms`);
    }, this.options.readyTimeoutMs);
  }

  private onLine(text: string, from: SidecarProcess): void {
    const parsed = parseSidecarOutbound(text);
    if (!parsed.ok) {
      this.reject(describeLine(text, parsed.error.message));
      return;
    }
    const message = parsed.value;
    switch (message.type) {
      case 'ready':
        // A sidecar stopped while it was starting may still finish starting: nothing to do.
        if (from === this.current) this.onReady(message.protocol, message.python, message.jobTypes);
        return;
      case 'event':
        this.emit('event', message.jobId, message.event);
        return;
      case 'pong':
        this.heartbeat.pong(message.n);
        return;
      case 'log':
        this.log(message.level, `sidecar: ${message.text}`);
        return;
      default:
        message satisfies never;
    }
  }

  private onReady(protocol: number, python: string, jobTypes: readonly JobType[]): void {
    if (this.stateValue !== 'starting') {
      this.reject('a second ready message');
      return;
    }
    clearTimeout(this.readyTimer);
    if (protocol !== PROTOCOL_VERSION) {
      this.fail(
        `the sidecar speaks protocol ${String(protocol)}, the hub ${String(PROTOCOL_VERSION)}`,
      );
      return;
    }
    this.python = python;
    this.knownJobTypes = jobTypes;
    this.enter('ready');
    this.heartbeat.start();
    this.healthyTimer = setTimeout(() => {
      this.failures = 0;
      this.publish();
    }, this.options.restartResetAfterMs);
    this.emit('ready', jobTypes);
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  private missedHeartbeat(misses: number): void {
    if (misses >= this.options.heartbeatMaxMisses) {
      this.fail(`the sidecar missed ${String(misses)} heartbeats in a row`);
    } else if (this.stateValue === 'ready') {
      this.enter('unhealthy');
    }
  }

  /** A stdout line that is not a valid message: counted and reported, never fatal. */
  private reject(what: string): void {
    this.rejectedLines += 1;
    this.rejectLog.report('warning', `sidecar sent ${what}; ignored`);
    if (this.rejectPublishPending) return;
    this.rejectPublishPending = true;
    setImmediate(() => {
      this.rejectPublishPending = false;
      this.publish();
    });
  }

  private fail(reason: string): void {
    const failed = this.current;
    this.current = undefined;
    this.clearTimers();
    if (failed !== undefined) {
      this.lastStderr = failed.stderr.snapshot();
      failed.signal('SIGKILL');
    }
    this.failures += 1;
    this.lastError = reason;
    this.log('error', `sidecar failed: ${reason}`);
    this.lost(reason);
    if (this.failures >= this.options.circuitBreakerFailures) {
      this.enter('circuit_open');
      this.rejectWaiters(this.circuitOpenError());
      return;
    }
    this.rejectWaiters(new HubError('unavailable', `the sidecar is not available: ${reason}`));
    const delay = restartDelay(this.failures, this.options);
    this.nextRestartAt = Date.now() + delay;
    this.enter('restarting');
    this.restartTimer = setTimeout(() => {
      this.restarts += 1;
      this.spawn();
    }, delay);
  }

  private lost(reason: string): void {
    this.emit('lost', reason);
  }

  private rejectWaiters(error: HubError): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private clearTimers(): void {
    clearTimeout(this.readyTimer);
    clearTimeout(this.restartTimer);
    clearTimeout(this.healthyTimer);
    this.heartbeat.stop();
  }

  private enter(state: SidecarState): void {
    if (state !== 'restarting') this.nextRestartAt = undefined;
    this.stateValue = state;
    this.since = Date.now();
    this.publish();
  }

  private publish(): void {
    this.emit('status', this.status());
  }
}
