/**
 * The supervisor: a pool of worker processes (DESIGN §5), each running one job at a time.
 * It only starts, stops and routes; each `Worker` answers for its own health, and the
 * policies (backoff, the breaker, scaling, recycling) are plain functions of their own.
 * Every transition is published as a `status` event.
 */
import { EventEmitter } from 'node:events';
import type {
  JobEvent,
  JobType,
  JsonValue,
  SidecarExit,
  SidecarRun,
  SidecarState,
  SidecarStatus,
  SidecarSummary,
  WorkerInfo,
} from '@sidecast/protocol';
import { HubError } from '../hub-error.js';
import { LogThrottle } from '../log-throttle.js';
import { silentLogger, type Logger } from '../logger.js';
import { restartDelay } from './backoff.js';
import { circuitOpens } from './breaker.js';
import { DEFAULT_SUPERVISOR_OPTIONS, workerSpawnSpec, type SupervisorOptions } from './options.js';
import { idleToStop, workersToStart } from './scaling.js';
import { Worker, type WorkerEnding, type WorkerHello } from './worker.js';

export interface SupervisorEvents {
  /** The pool changed state, or one of its workers did. */
  status: [SidecarStatus];
  /** A worker became ready with these job types. */
  ready: [readonly JobType[]];
  /** An event of one job. */
  event: [jobId: string, event: JobEvent, json: string | undefined];
  /** A worker became free: queued jobs may go. */
  room: [];
  /** Every worker is being stopped on purpose: the jobs they end meanwhile end for this reason. */
  retiring: [reason: string];
  /** The worker running this job went away without ending it, for this reason. */
  jobLost: [jobId: string, reason: string];
}

/** Why jobs end when the hub stops: what their terminal status says. */
export const HUB_STOPPED = 'the hub stopped';
/** Why running jobs end on `POST /api/sidecar/restart`. */
export const SIDECAR_RESTARTED = 'the sidecar was restarted';

/** One place in the pool; its worker comes and goes, its counters stay. */
interface Slot {
  id: number;
  worker: Worker | undefined;
  jobsRun: number;
  restarts: number;
  /** A start after a failure to start, waiting out its backoff. */
  backoff: NodeJS.Timeout | undefined;
}

export class Supervisor extends EventEmitter<SupervisorEvents> {
  /** The options it runs with, defaults filled in. */
  readonly options: SupervisorOptions;
  private readonly slots: Slot[];
  /** Stopped on purpose and not yet exited: their last events still count. */
  private readonly retiring = new Set<Worker>();
  private explicit: 'circuit_open' | 'stopping' | 'stopped' | undefined;
  private started = false;
  /** A worker has been ready since the pool (re)started: a new one now is a replacement. */
  private everReady = false;
  private stateValue: SidecarState = 'idle';
  private since = Date.now();
  private restarts = 0;
  private failures = 0;
  private waiting = 0;
  private rejectedLines = 0;
  private readonly rejectLog: LogThrottle;
  private publishPending = false;
  private python: string | undefined;
  private lastExit: SidecarExit | undefined;
  private lastError: string | undefined;
  /** The last failure to start, as the breaker compares them. */
  private lastSignature: string | undefined;
  private lastStderr: string[] = [];
  private nextRestartAt: number | undefined;
  private knownJobTypes: readonly JobType[] | undefined;
  private healthyTimer: NodeJS.Timeout | undefined;
  private readonly reaper: NodeJS.Timeout;
  private waiters: { resolve: () => void; reject: (error: HubError) => void }[] = [];
  /** Why the job code last failed to import, until it imports again. */
  private loadError: string | undefined;
  /** The worker a reload started with the new code, until it is ready or gone. */
  private probe: { worker: Worker; settle: () => void } | undefined;
  private reloadDone: Promise<void> | undefined;

  constructor(
    options: Partial<SupervisorOptions> = {},
    private readonly log: Logger = silentLogger,
  ) {
    super();
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...options };
    this.rejectLog = new LogThrottle(log);
    this.slots = Array.from({ length: this.options.workers }, (_, i) => ({
      id: i + 1,
      worker: undefined,
      jobsRun: 0,
      restarts: 0,
      backoff: undefined,
    }));
    this.reaper = setInterval(
      () => {
        this.stopIdleWorkers();
      },
      Math.max(50, this.options.workerIdleMs / 6),
    );
    this.reaper.unref();
  }

  get state(): SidecarState {
    return this.stateValue;
  }

  /** The job types of the newest worker that became ready. */
  get jobTypes(): readonly JobType[] | undefined {
    return this.knownJobTypes;
  }

  /** The reload under way, if one is. */
  get reloading(): Promise<void> | undefined {
    return this.reloadDone;
  }

  /** Nothing secret: what `/api/health` shows. */
  summary(): SidecarSummary {
    return { state: this.stateValue, restarts: this.restarts };
  }

  /** Everything the hub knows about the pool, for `/api/sidecar` and the `sidecar` channel. */
  status(): SidecarStatus {
    const newest = this.liveWorkers().at(-1);
    return {
      ...this.summary(),
      since: this.since,
      size: this.options.workers,
      workers: this.workerInfos(),
      failures: this.failures,
      ...(this.python === undefined ? {} : { python: this.python }),
      ...(this.lastExit === undefined ? {} : { lastExit: this.lastExit }),
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(this.nextRestartAt === undefined ? {} : { nextRestartAt: this.nextRestartAt }),
      stderrTail:
        this.lastError !== undefined || newest === undefined ? this.lastStderr : newest.stderrTail,
      rejectedLines: this.rejectedLines,
      ...(this.knownJobTypes === undefined ? {} : { jobTypes: [...this.knownJobTypes] }),
      reloading: this.reloadDone !== undefined,
      ...(this.loadError === undefined ? {} : { loadError: this.loadError }),
    };
  }

  /** Resolves once a worker is ready, starting the pool if it has not started; rejects with `unavailable`. */
  ensureReady(): Promise<void> {
    if (this.explicit === 'circuit_open') return Promise.reject(this.circuitOpenError());
    if (this.explicit !== undefined)
      return Promise.reject(new HubError('unavailable', 'the hub is shutting down'));
    if (this.knownJobTypes !== undefined && this.hasReadyWorker()) return Promise.resolve();
    this.started = true;
    this.grow();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The error for work refused while the circuit breaker is open. */
  circuitOpenError(): HubError {
    if (this.loadError !== undefined)
      return new HubError(
        'unavailable',
        `the job code failed to import: ${this.loadError}\n` +
          'Fix it and reload (POST /api/sidecar/reload; with --reload, saving the file does).',
      );
    return new HubError(
      'unavailable',
      `workers failed to start ${String(this.failures)} times in a row (${this.lastError ?? 'unknown reason'}); ` +
        'POST /api/sidecar/restart to try again',
    );
  }

  /**
   * Hand a job to an idle worker; false when none is idle. `waiting` is how many more jobs
   * could go now: the pool grows for them (and one more, kept warm).
   */
  run(message: SidecarRun, waiting = 0): boolean {
    // During a reload jobs wait for its outcome: the new code if it works, else the old.
    if (this.reloadDone !== undefined) return false;
    const idle = this.liveWorkers().find((worker) => worker.state === 'idle');
    const sent = idle?.run(message) ?? false;
    if (sent && idle !== undefined) {
      const slot = this.slots[idle.slot - 1];
      if (slot !== undefined) slot.jobsRun += 1;
    }
    this.want(waiting + (sent ? 0 : 1));
    return sent;
  }

  /** `waiting` jobs could go now if there were workers for them. */
  want(waiting: number): void {
    this.waiting = waiting;
    if (waiting > 0) this.started = true;
    this.grow();
  }

  /** Ask the job's worker to stop it, then kill the worker if it has not within the grace. */
  cancel(jobId: string): void {
    this.workerOf(jobId)?.cancel(jobId);
  }

  input(jobId: string, data: JsonValue): void {
    this.workerOf(jobId)?.input(jobId, data);
  }

  /** Restart on request: stop every worker now, close the circuit, start afresh. */
  async restart(): Promise<void> {
    if (this.explicit === 'stopping' || this.explicit === 'stopped') return;
    this.explicit = undefined;
    this.failures = 0;
    this.lastError = undefined;
    this.lastSignature = undefined;
    this.clearBackoffs();
    this.dropProbe();
    this.publish();
    await this.retireAll(SIDECAR_RESTARTED);
    this.everReady = false;
    this.started = true;
    this.grow();
  }

  /** Stop for good (the hub is exiting): the full stop ladder for every worker, then `stopped`. */
  async stop(): Promise<void> {
    if (this.explicit === 'stopped') return;
    this.clearBackoffs();
    clearInterval(this.reaper);
    clearTimeout(this.healthyTimer);
    this.rejectWaiters(new HubError('unavailable', 'the hub is shutting down'));
    this.explicit = 'stopping';
    this.dropProbe();
    this.publish();
    await this.retireAll(HUB_STOPPED);
    this.explicit = 'stopped';
    this.publish();
  }

  /**
   * Reload the job code (DESIGN §3.4), like gunicorn's HUP: one worker with freshly imported
   * code is started; once it is ready it takes new jobs, idle workers stop and busy ones
   * finish their job on the old code, then stop. If it fails (the code does not import),
   * the old workers keep serving and `loadError` says why. Jobs submitted meanwhile wait
   * for the outcome. Resolves once it is decided; `undefined` while one is under way.
   */
  reload(): Promise<void> | undefined {
    if (this.explicit === 'stopping' || this.explicit === 'stopped')
      throw new HubError('unavailable', 'the hub is shutting down');
    if (this.reloadDone !== undefined) return undefined;
    this.started = true;
    const done = new Promise<void>((settle) => {
      const slot = this.slots.find((s) => s.worker === undefined) ?? this.slots[0];
      if (slot === undefined) {
        settle(); // a pool of no workers: nothing to reload
        return;
      }
      this.probe = { worker: this.createWorker(slot), settle };
    }).finally(() => {
      this.reloadDone = undefined;
      this.publish();
      this.grow();
      this.emit('room');
    });
    this.reloadDone = done;
    this.publish();
    return done;
  }

  /** Last resort when the hub process exits: SIGKILL every worker's whole group now. */
  killNow(): void {
    const probe = this.probe?.worker;
    for (const worker of [...this.liveWorkers(), ...this.retiring, ...(probe ? [probe] : [])])
      worker.kill(HUB_STOPPED, false);
  }

  /** A reload overtaken by a restart or a stop: its worker is stopped, and it is over. */
  private dropProbe(): void {
    const probe = this.probe;
    if (probe === undefined) return;
    this.probe = undefined;
    this.retiring.add(probe.worker);
    void probe.worker.stop();
    probe.settle();
  }

  private probeReady(slot: Slot, worker: Worker, hello: WorkerHello): void {
    const probe = this.probe;
    if (probe?.worker !== worker) return;
    this.probe = undefined;
    this.loadError = undefined;
    this.failures = 0;
    this.lastError = undefined;
    this.lastSignature = undefined;
    if (this.explicit === 'circuit_open') this.explicit = undefined;
    this.clearBackoffs();
    for (const other of this.slots) {
      const old = other.worker;
      if (old === undefined) continue;
      other.worker = undefined;
      this.retiring.add(old);
      old.drain();
    }
    slot.worker = worker;
    this.log('info', `reloaded the job code: ${String(hello.jobTypes.length)} job types`);
    this.onReady(worker, hello);
    probe.settle();
  }

  private probeFailed(slot: Slot, worker: Worker, ending: WorkerEnding): void {
    const probe = this.probe;
    if (probe?.worker !== worker) return;
    this.probe = undefined;
    // A worker that dies before `ready` on new code is that code's failure, whatever it was.
    this.loadError = ending.reason;
    if (this.hasReadyWorker()) {
      this.keepServing(ending, 'the reload failed; the workers from before it keep serving');
    } else {
      // Nothing was serving: this was the pool's start, and fails like one.
      if (this.explicit === 'circuit_open') this.explicit = undefined;
      this.startFailed(slot, ending);
    }
    probe.settle();
  }

  /**
   * New code failed to load while workers with the old code serve: they go on alone (`grow`
   * waits while `loadError` is set) until it is fixed and reloaded.
   */
  private keepServing(ending: WorkerEnding, what: string): void {
    this.loadError = ending.reason;
    this.lastError = ending.reason;
    this.lastStderr = ending.stderr;
    this.log('error', `${what}: ${ending.reason}`);
    this.publish();
  }

  private async retireAll(reason: string): Promise<void> {
    // Workers draining after a reload are stopped too: "every worker" means them as well.
    const workers = [...this.liveWorkers(), ...this.retiring];
    if (workers.length === 0) return;
    this.emit('retiring', reason);
    await Promise.all(workers.map((worker) => this.retire(worker)));
  }

  private async retire(worker: Worker): Promise<void> {
    this.retiring.add(worker);
    await worker.stop();
  }

  private grow(): void {
    if (!this.started || this.explicit !== undefined || this.reloadDone !== undefined) return;
    // The code on disk does not import: a new worker would fail, so the ones from before
    // it serve alone until it is fixed and reloaded.
    if (this.loadError !== undefined && this.hasReadyWorker()) return;
    const live = this.liveWorkers();
    const backingOff = this.slots.filter((slot) => slot.backoff !== undefined).length;
    // After a failure to start, one worker at a time probes until one is ready again.
    const probing = backingOff > 0 || live.some((worker) => worker.state === 'starting');
    if (this.failures > 0 && probing) return;
    const count = workersToStart({
      size: this.options.workers,
      live: live.length + backingOff,
      busy: live.filter((worker) => worker.jobId !== undefined).length,
      waiting: this.waiting,
      eager: this.options.eager,
    });
    for (let i = 0; i < count; i++) {
      const slot = this.slots.find((s) => s.worker === undefined && s.backoff === undefined);
      if (slot === undefined) return;
      this.spawn(slot);
    }
  }

  private spawn(slot: Slot): void {
    slot.backoff = undefined;
    slot.worker = this.createWorker(slot);
    this.publish();
  }

  /** A new worker numbered for `slot`; `spawn` puts it there, a reload once it is ready. */
  private createWorker(slot: Slot): Worker {
    return new Worker(slot.id, workerSpawnSpec(this.options), this.options, {
      ready: (worker, hello) => {
        if (worker === this.probe?.worker) this.probeReady(slot, worker, hello);
        else this.onReady(worker, hello);
      },
      event: (_worker, jobId, event, json) => {
        this.emit('event', jobId, event, json);
      },
      changed: (worker) => {
        this.onChanged(worker);
      },
      jobDone: (worker) => {
        this.recycleIfOverLimit(slot, worker);
      },
      gone: (worker, ending) => {
        if (worker === this.probe?.worker && ending.beforeReady)
          this.probeFailed(slot, worker, ending);
        else this.onGone(slot, worker, ending);
      },
      rejected: (what) => {
        this.reject(what);
      },
      log: (level, text) => {
        this.log(level, text);
      },
    });
  }

  private onReady(worker: Worker, hello: WorkerHello): void {
    if (this.retiring.has(worker)) return;
    this.everReady = true;
    this.loadError = undefined;
    this.python = hello.python;
    this.knownJobTypes = hello.jobTypes;
    clearTimeout(this.healthyTimer);
    this.healthyTimer = setTimeout(() => {
      this.failures = 0;
      this.publish();
    }, this.options.restartResetAfterMs);
    this.emit('ready', hello.jobTypes);
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
    this.emit('room');
  }

  private onChanged(worker: Worker): void {
    this.publish();
    if (worker.state === 'idle' && !this.retiring.has(worker)) this.emit('room');
  }

  /** Celery's `max_memory_per_child`: a worker grown past the limit is replaced after its job. */
  private recycleIfOverLimit(slot: Slot, worker: Worker): void {
    const limit = this.options.workerMaxRssBytes;
    const rss = worker.rssBytes;
    if (limit === undefined || rss === undefined || rss <= limit) return;
    this.log(
      'info',
      `worker ${String(slot.id)} uses ${String(Math.round(rss / 2 ** 20))} MB, over --worker-max-rss; replacing it`,
    );
    slot.restarts += 1;
    this.restarts += 1;
    void this.retire(worker);
  }

  private onGone(slot: Slot, worker: Worker, ending: WorkerEnding): void {
    const retired = this.retiring.delete(worker) || ending.retired;
    if (slot.worker === worker) slot.worker = undefined;
    if (ending.jobId !== undefined) this.emit('jobLost', ending.jobId, ending.reason);
    this.lastExit = ending.exit;
    if (!retired || ending.jobId !== undefined) this.lastStderr = ending.stderr;
    if (retired) {
      this.publish();
      this.grow();
      return;
    }
    if (ending.beforeReady) {
      this.startFailed(slot, ending);
      return;
    }
    this.log('warning', `${ending.reason}; replacing it`);
    slot.restarts += 1;
    this.restarts += 1;
    this.publish();
    this.grow();
  }

  private startFailed(slot: Slot, ending: WorkerEnding): void {
    const previous = this.lastSignature;
    if (ending.loadFailed && this.hasReadyWorker()) {
      // The code changed on disk under a serving pool: as after a failed reload.
      this.keepServing(
        ending,
        'a new worker could not import the job code; the others keep serving',
      );
      return;
    }
    this.failures += 1;
    this.lastError = ending.reason;
    this.lastSignature = ending.signature;
    // A load failure's message already says what failed, first line first.
    this.log(
      'error',
      ending.loadFailed ? ending.reason : `a worker failed to start: ${ending.reason}`,
    );
    if (ending.loadFailed) this.loadError = ending.reason;
    // Job code that does not import will not by trying again: shown until it changes.
    if (ending.loadFailed || circuitOpens(this.failures, ending, previous, this.options)) {
      this.explicit = 'circuit_open';
      this.clearBackoffs();
      this.rejectWaiters(this.circuitOpenError());
      this.publish();
      return;
    }
    if (!this.hasReadyWorker())
      this.rejectWaiters(new HubError('unavailable', `no worker is available: ${ending.reason}`));
    const delay = restartDelay(this.failures, this.options);
    this.nextRestartAt = Date.now() + delay;
    slot.backoff = setTimeout(() => {
      slot.backoff = undefined;
      this.nextRestartAt = undefined;
      slot.restarts += 1;
      this.restarts += 1;
      if (this.explicit === undefined) this.spawn(slot);
    }, delay);
    this.publish();
  }

  private stopIdleWorkers(): void {
    const idle = this.liveWorkers().filter((worker) => worker.state === 'idle');
    for (const worker of idleToStop(
      idle,
      this.options.workerIdleMs,
      Date.now(),
      this.options.eager,
    ))
      void this.retire(worker);
  }

  private workerOf(jobId: string): Worker | undefined {
    return [...this.liveWorkers(), ...this.retiring].find((worker) => worker.jobId === jobId);
  }

  private liveWorkers(): Worker[] {
    const workers: Worker[] = [];
    for (const slot of this.slots)
      if (slot.worker !== undefined && !this.retiring.has(slot.worker)) workers.push(slot.worker);
    return workers;
  }

  private hasReadyWorker(): boolean {
    return this.liveWorkers().some((w) => w.state === 'idle' || w.state === 'busy');
  }

  private workerInfos(): WorkerInfo[] {
    const infos: WorkerInfo[] = [];
    for (const slot of this.slots) {
      const worker = slot.worker;
      if (worker !== undefined)
        infos.push({ ...worker.info(), jobsRun: slot.jobsRun, restarts: slot.restarts });
    }
    const probe = this.probe?.worker;
    for (const worker of probe === undefined ? this.retiring : [...this.retiring, probe]) {
      const slot = this.slots[worker.slot - 1];
      if (slot !== undefined && slot.worker !== worker)
        infos.push({ ...worker.info(), jobsRun: slot.jobsRun, restarts: slot.restarts });
    }
    return infos.sort((a, b) => a.id - b.id);
  }

  /** A stdout line that is not a valid message: counted and reported, never fatal. */
  private reject(what: string): void {
    this.rejectedLines += 1;
    this.rejectLog.report('warning', `a worker sent ${what}; ignored`);
    this.publish();
  }

  private rejectWaiters(error: HubError): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private clearBackoffs(): void {
    for (const slot of this.slots) {
      clearTimeout(slot.backoff);
      slot.backoff = undefined;
    }
    this.nextRestartAt = undefined;
  }

  private computeState(): SidecarState {
    if (this.explicit !== undefined) return this.explicit;
    const workers = this.liveWorkers();
    if (workers.some((w) => w.state === 'idle' || w.state === 'busy')) return 'ready';
    if (workers.some((w) => w.state === 'unhealthy')) return 'unhealthy';
    if (this.slots.some((slot) => slot.backoff !== undefined)) return 'restarting';
    if (workers.some((w) => w.state === 'starting'))
      return this.everReady ? 'restarting' : 'starting';
    return this.started ? 'restarting' : 'idle';
  }

  /** Publish once per turn of the event loop, however many workers changed in it. */
  private publish(): void {
    const state = this.computeState();
    if (state !== this.stateValue) {
      this.stateValue = state;
      this.since = Date.now();
      this.emit('status', this.status());
      return;
    }
    if (this.publishPending) return;
    this.publishPending = true;
    setImmediate(() => {
      this.publishPending = false;
      this.emit('status', this.status());
    });
  }
}
