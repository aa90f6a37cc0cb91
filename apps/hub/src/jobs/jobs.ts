/**
 * The jobs of one hub (DESIGN §3.4, §4, §5, §11): creates them with checked params, queues
 * them in the store until the store gives them to this hub, runs them on idle workers (in
 * order, within each job type's `concurrency`), feeds the workers' events into each job's
 * log, settles jobs whose worker died, cancels, times out and forwards input; and follows
 * the jobs other hubs of a cluster change. Where jobs are kept is the store's business.
 */
import { EventEmitter } from 'node:events';
import {
  isTerminal,
  type ClusterSummary,
  type Job,
  type JobEvent,
  type JobState,
  type JsonValue,
  type Params,
  type StoredEvent,
} from '@sidecast/protocol';
import { newEpoch } from '../event-log/index.js';
import { HubError } from '../hub-error.js';
import { silentLogger, type Logger } from '../logger.js';
import { SupersededError, type JobLog, type JobLogWriter } from '../event-log/job-log.js';
import type {
  ArtifactsLocation,
  JobStore,
  StoreChangeKind,
  StoredJob,
} from '../store/job-store.js';
import type { Supervisor } from '../supervisor/index.js';
import { JobEntry, type Ending } from './job-entry.js';
import { newJobId } from './job-id.js';
import { OutputCap } from './output-cap.js';
import { DEFAULT_JOBS_OPTIONS, type JobsOptions } from './options.js';
import { ParamsValidator } from './params-validator.js';

export type JobChangeKind = StoreChangeKind;

export interface JobsEvents {
  /** A job was created, changed state, or was removed by retention (here or on another hub). */
  change: [kind: JobChangeKind, job: Job];
}

export class Jobs extends EventEmitter<JobsEvents> {
  private readonly entries = new Map<string, JobEntry>();
  /** Jobs the store gave this hub, waiting for a worker. */
  private readonly queue: JobEntry[] = [];
  private readonly validator = new ParamsValidator();
  private readonly endings = new Set<Promise<void>>();

  private constructor(
    private readonly options: JobsOptions,
    private readonly supervisor: Supervisor,
    private readonly store: JobStore,
    private readonly log: Logger,
    loaded: readonly StoredJob[],
  ) {
    super();
    for (const stored of loaded) this.entries.set(stored.job.id, JobEntry.of(stored));
    supervisor.on('event', (jobId, event, json) => {
      this.onSidecarEvent(jobId, event, json);
    });
    supervisor.on('retiring', (reason) => {
      for (const entry of this.entries.values())
        if (entry.dispatched) entry.ending ??= { state: 'cancelled', reason };
    });
    supervisor.on('jobLost', (jobId, reason) => {
      this.onJobLost(jobId, reason);
    });
    supervisor.on('room', () => {
      this.pump();
    });
    store.on('claimed', (stored) => {
      void this.claim(stored);
    });
    store.on('change', (kind, stored) => {
      this.onStoreChange(kind, stored);
    });
    store.on('cancel', (jobId) => {
      this.obey(() => this.cancel(jobId), `cancel job ${jobId}`);
    });
    store.on('input', (jobId, data) => {
      this.obey(() => this.input(jobId, data), `send input to job ${jobId}`);
    });
  }

  /** Load the jobs in `store` and start taking new ones. */
  static async open(
    options: Partial<JobsOptions>,
    supervisor: Supervisor,
    store: JobStore,
    log: Logger = silentLogger,
  ): Promise<Jobs> {
    const loaded = await store.load();
    const jobs = new Jobs({ ...DEFAULT_JOBS_OPTIONS, ...options }, supervisor, store, log, loaded);
    // Tells a cluster's store how many jobs this hub can take.
    jobs.pump();
    return jobs;
  }

  /** Check the request, store the job and queue it; throws `HubError`. */
  async create(jobTypeName: string, params: Params = {}): Promise<Job> {
    if (this.supervisor.state === 'circuit_open') throw this.supervisor.circuitOpenError();
    const unavailable = this.store.unavailable();
    if (unavailable !== undefined) throw new HubError('unavailable', unavailable);
    if (this.supervisor.jobTypes === undefined) await this.supervisor.ensureReady();
    const jobTypes = this.supervisor.jobTypes ?? [];
    const jobType = jobTypes.find(({ name }) => name === jobTypeName);
    if (jobType === undefined) {
      const known = jobTypes.map(({ name }) => name).join(', ');
      throw new HubError('invalid_params', `unknown job type "${jobTypeName}" (known: ${known})`, {
        issues: [{ path: ['jobType'], message: 'is not a job type of this sidecar' }],
      });
    }
    this.validator.check(jobType, params);

    const now = Date.now();
    const id = newJobId(now);
    const record: Job = {
      id,
      jobType: jobType.name,
      params,
      state: 'queued',
      createdAt: now,
      head: 0,
    };
    const entry = new JobEntry(record, newEpoch(), jobType.interactive, jobType);
    const log = await this.store.create(entry.stored(), {
      kind: 'status',
      ts: now,
      state: 'queued',
    });
    this.watch(entry, log);
    this.entries.set(id, entry);
    this.emit('change', 'created', entry.job());
    this.store.enqueue(id);
    return entry.job();
  }

  /** Jobs newest first, optionally only those in `state`. */
  list(state: JobState | undefined, limit: number): Job[] {
    const jobs: Job[] = [];
    const all = [...this.entries.values()].sort((a, b) => a.createdAt - b.createdAt);
    for (let i = all.length - 1; i >= 0 && jobs.length < limit; i--) {
      const entry = all[i];
      if (entry !== undefined && (state === undefined || entry.state === state))
        jobs.push(entry.job());
    }
    return jobs;
  }

  get(id: string): Job | undefined {
    return this.entries.get(id)?.job();
  }

  /** The job, or a `not_found` error. */
  job(id: string): Job {
    return this.require(id).job();
  }

  /**
   * The job's event log: the one this hub writes while it runs the job here, else the
   * store's for reading (a job that was created here but runs on another hub included).
   */
  async eventLog(id: string): Promise<JobLog> {
    const entry = this.require(id);
    const runsHere = entry.dispatched || this.queue.includes(entry);
    return runsHere && entry.log !== undefined ? entry.log : this.store.reader(entry.stored());
  }

  /** The cluster this hub belongs to, if it is in one. */
  cluster(): ClusterSummary | undefined {
    return this.store.cluster();
  }

  /** Where the job's artifacts are. */
  artifacts(id: string): ArtifactsLocation {
    return this.store.artifacts(this.require(id).stored());
  }

  /**
   * A queued job ends at once; a running one is asked to stop, and its worker is killed if
   * it has not within the grace (asking again changes nothing). A job another hub runs is
   * asked of that hub, and its change follows.
   */
  cancel(id: string): Job {
    const entry = this.require(id);
    if (entry.finished)
      throw new HubError('conflict', `job ${id} has already ended (${entry.state})`);
    const cancelled: JobEvent = {
      kind: 'status',
      ts: Date.now(),
      state: 'cancelled',
      reason: 'cancelled before it started',
    };
    const queued = this.queue.indexOf(entry);
    if (entry.dispatched) {
      entry.ending ??= { state: 'cancelled' };
      this.supervisor.cancel(id);
    } else if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.record(entry, cancelled);
    } else if (entry.hub !== undefined && entry.hub !== this.store.hubId) {
      this.store.forward(entry.hub, { type: 'cancel', jobId: id });
    } else if (entry.log !== undefined) {
      this.record(entry, cancelled);
    } else {
      void this.cancelUnclaimed(entry, cancelled);
    }
    return entry.job();
  }

  /** Send `data` to a running interactive job; every viewer sees it as an `input` event. */
  input(id: string, data: JsonValue): Job {
    const entry = this.require(id);
    if (!entry.interactive) throw new HubError('conflict', `job ${id} is not interactive`);
    if (entry.state !== 'running')
      throw new HubError('conflict', `job ${id} is ${entry.state}, not running`);
    if (!entry.dispatched && entry.hub !== undefined && entry.hub !== this.store.hubId) {
      this.store.forward(entry.hub, { type: 'input', jobId: id, data });
      return entry.job();
    }
    this.record(entry, { kind: 'input', ts: Date.now(), data });
    this.supervisor.input(id, data);
    return entry.job();
  }

  /** Resolves once every job that has ended has its log closed and its record written. */
  async settled(): Promise<void> {
    await Promise.all(this.endings);
  }

  /**
   * Wait for the logs and records being written, then close the log of every job this hub
   * still holds (queued here; a job it only created, which another hub may run, is left).
   */
  async close(): Promise<void> {
    await this.settled();
    for (const entry of this.entries.values()) {
      const holds = entry.dispatched || this.queue.includes(entry);
      if (entry.log !== undefined && !entry.finished && holds) {
        await entry.log.close();
        await this.save(entry);
      }
    }
  }

  private require(id: string): JobEntry {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new HubError('not_found', `no job with id ${id}`);
    return entry;
  }

  private save(entry: JobEntry): Promise<void> {
    return entry.save((stored) => this.store.save(stored), this.log);
  }

  private watch(entry: JobEntry, log: JobLogWriter): void {
    entry.log = log;
    log.onWriteError((error) => {
      if (error instanceof SupersededError)
        this.superseded(entry, log).catch((failure: unknown) => {
          this.log('error', `could not let job ${entry.id} go: ${(failure as Error).message}`);
        });
      else this.storageFailed(entry, log, error);
    });
  }

  /** A command another hub forwarded: a refusal is only worth a line in the log. */
  private obey(command: () => unknown, what: string): void {
    try {
      command();
    } catch (error) {
      this.log('info', `could not ${what} as another hub asked: ${(error as Error).message}`);
    }
  }

  /** The store gave this hub a job to run: it waits here for a worker. */
  private async claim(stored: StoredJob): Promise<void> {
    let entry = this.entries.get(stored.job.id);
    if (entry === undefined) {
      entry = JobEntry.of(stored);
      this.entries.set(entry.id, entry);
      this.emit('change', 'created', entry.job());
    }
    if (entry.dispatched || this.queue.includes(entry)) return;
    entry.type ??= this.supervisor.jobTypes?.find(({ name }) => name === entry.jobType);
    entry.assign(this.store.hubId);
    if (entry.log === undefined) {
      try {
        this.watch(entry, await this.store.writer(entry.stored()));
      } catch (error) {
        this.log('error', `could not take job ${entry.id}: ${(error as Error).message}`);
        return;
      }
    }
    this.queue.push(entry);
    this.pump();
  }

  /** Cancel a queued job nobody has claimed yet, from a hub that holds no log of it. */
  private async cancelUnclaimed(entry: JobEntry, cancelled: JobEvent): Promise<void> {
    try {
      this.watch(entry, await this.store.writer(entry.stored()));
    } catch (error) {
      this.log('error', `could not cancel job ${entry.id}: ${(error as Error).message}`);
      return;
    }
    if (!entry.finished) this.record(entry, cancelled);
  }

  /**
   * Another hub changed a job. This hub's own live jobs are its to write and are left as
   * they are; a job it only held a log of (created or claimed here, then taken elsewhere)
   * is let go.
   */
  private onStoreChange(kind: StoreChangeKind, stored: StoredJob): void {
    const entry = this.entries.get(stored.job.id);
    if (kind === 'removed') {
      if (entry === undefined || entry.log !== undefined) return;
      this.entries.delete(entry.id);
      this.emit('change', 'removed', entry.job());
      return;
    }
    if (entry === undefined) {
      const added = JobEntry.of(stored);
      this.entries.set(added.id, added);
      this.emit('change', 'created', added.job());
      return;
    }
    if (entry.dispatched || stored.job.head < entry.job().head) return;
    const { hub, state } = stored.job;
    // Still queued and nobody's: nothing this hub does not know (its own claim included).
    if (hub === undefined && state === 'queued') return;
    const log = entry.log;
    if (log !== undefined && hub !== this.store.hubId) {
      entry.log = undefined;
      const queued = this.queue.indexOf(entry);
      if (queued >= 0) this.queue.splice(queued, 1);
      void log
        .close()
        .then(() => this.store.letGo(stored, log))
        .catch(() => undefined);
    }
    entry.replace(stored);
    this.emit('change', 'updated', entry.job());
  }

  /**
   * Hand queued jobs to idle workers, oldest first; a job whose type is at its `concurrency`
   * waits without holding back the jobs behind it. The pool grows for what is left, and the
   * store is told how many more this hub could take.
   */
  private pump(): void {
    const running = new Map<string, number>();
    let busy = 0;
    for (const { dispatched, jobType } of this.entries.values()) {
      if (!dispatched) continue;
      busy += 1;
      running.set(jobType, (running.get(jobType) ?? 0) + 1);
    }
    const ready = this.queue.filter((entry) => {
      const { jobType } = entry;
      const cap = entry.type?.concurrency;
      const count = running.get(jobType) ?? 0;
      if (cap !== undefined && count >= cap) return false;
      running.set(jobType, count + 1);
      return true;
    });
    let allSent = true;
    for (const [index, entry] of ready.entries()) {
      const artifacts = this.store.artifacts(entry.stored());
      if (artifacts.kind !== 'local') continue;
      const sent = this.supervisor.run(
        {
          type: 'run',
          jobId: entry.id,
          jobType: entry.jobType,
          params: entry.job().params,
          artifactsDir: artifacts.dir,
        },
        ready.length - index - 1,
      );
      if (!sent) {
        allSent = false;
        break;
      }
      this.queue.splice(this.queue.indexOf(entry), 1);
      entry.dispatched = true;
      busy += 1;
    }
    if (allSent) this.supervisor.want(0);
    const room = this.supervisor.options.workers - busy - this.queue.length;
    this.store.want(this.options.runsJobs ? Math.max(0, room) : 0);
  }

  /** The job goes running: its timeout (its type's, else `--job-timeout`) starts now. */
  private startTimeout(entry: JobEntry): void {
    const seconds = entry.type?.timeout ?? this.options.jobTimeoutS;
    if (seconds === undefined) return;
    entry.timeout = setTimeout(() => {
      entry.ending ??= { state: 'failed', reason: `timed out after ${String(seconds)} s` };
      this.supervisor.cancel(entry.id);
    }, seconds * 1000);
  }

  private onSidecarEvent(jobId: string, event: JobEvent, json: string | undefined): void {
    const entry = this.entries.get(jobId);
    if (!entry?.dispatched) {
      this.log(
        'warning',
        `sidecar sent a ${event.kind} event for job ${jobId}, which it is not running; ignored`,
      );
      return;
    }
    if (event.kind === 'status' && (event.state === 'queued' || event.state === entry.state)) {
      this.log(
        'warning',
        `sidecar sent status ${event.state} for job ${jobId}, already ${entry.state}; ignored`,
      );
      return;
    }
    const output = (entry.output ??= new OutputCap(this.options.maxLogCharsPerJob));
    if (event.kind === 'log') {
      const verdict = output.admit(event.text);
      if (verdict === 'drop') return;
      this.record(entry, event, json);
      if (verdict === 'store-and-cut') this.record(entry, output.cutNotice());
      return;
    }
    const dropped = isTerminal(event) ? output.droppedNotice() : undefined;
    if (dropped !== undefined) this.record(entry, dropped);
    this.record(entry, asEnded(entry.ending, event));
    if (event.kind === 'status' && event.state === 'running') this.startTimeout(entry);
  }

  /**
   * The job's worker went away without ending it: the job ends now, never to be run again
   * (a job that kills its worker would kill the next one too). `failed` with the worker's
   * exit, unless the hub was stopping it anyway: then as the hub meant, with its reason
   * ("timed out after 2 s"), or else the worker's ("did not stop within 5 s; …").
   */
  private onJobLost(jobId: string, reason: string): void {
    const entry = this.entries.get(jobId);
    if (entry === undefined || !entry.dispatched || entry.finished) return;
    const ending = entry.ending;
    this.record(entry, {
      kind: 'status',
      ts: Date.now(),
      state: ending?.state ?? 'failed',
      reason: ending?.reason ?? reason,
    });
  }

  /**
   * The job's log could not be stored (disk full, the data dir gone read-only, Redis away
   * past its buffer): the job fails with the reason, and the sidecar is asked to stop it. A
   * job whose terminal event was the one that could not be stored fails the same way.
   */
  private storageFailed(entry: JobEntry, log: JobLogWriter, error: Error): void {
    const reason = `could not store the job's events: ${error.message}`;
    this.log('error', `job ${entry.id}: ${reason}`);
    const ending = entry.finished;
    if (entry.dispatched) this.supervisor.cancel(entry.id);
    entry.apply(log.abandon({ kind: 'status', ts: Date.now(), state: 'failed', reason }));
    if (ending) {
      this.emit('change', 'updated', entry.job());
      void this.save(entry);
    } else {
      this.end(entry, log);
    }
  }

  /**
   * Another hub wrote this job's next event first (it cancelled the job before this hub
   * started it, or settled it believing this hub gone): the job is not this hub's any more.
   * Its worker stops, and the record is read back as the store has it.
   */
  private async superseded(entry: JobEntry, log: JobLogWriter): Promise<void> {
    this.log('warning', `job ${entry.id} was ended by another hub; this hub lets it go`);
    if (entry.dispatched) this.supervisor.cancel(entry.id);
    entry.dispatched = false;
    clearTimeout(entry.timeout);
    const queued = this.queue.indexOf(entry);
    if (queued >= 0) this.queue.splice(queued, 1);
    if (entry.log === log) entry.log = undefined;
    await log.close();
    const stored = await this.store.fetch(entry.id).catch(() => undefined);
    if (stored !== undefined) {
      entry.replace(stored);
      this.emit('change', 'updated', entry.job());
    }
    await this.store.letGo(entry.stored(), log).catch(() => undefined);
    this.pump();
    const { hub } = entry;
    if (entry.ending?.state === 'cancelled' && !entry.finished && hub !== undefined)
      this.store.forward(hub, { type: 'cancel', jobId: entry.id });
  }

  /** Append `event` (`json`, if known, is its JSON) to the job's log and fold it into the record. */
  private record(entry: JobEntry, event: JobEvent, json?: string): StoredEvent {
    const log = entry.log;
    if (log === undefined) throw new HubError('internal', `job ${entry.id} has no open log`);
    const stored = log.append(event, json);
    if (!entry.apply(stored)) return stored;
    if (isTerminal(stored)) {
      this.end(entry, log);
    } else {
      void this.save(entry);
      this.emit('change', 'updated', entry.job());
    }
    return stored;
  }

  private end(entry: JobEntry, log: JobLogWriter): void {
    entry.dispatched = false;
    clearTimeout(entry.timeout);
    this.emit('change', 'updated', entry.job());
    const ending = (async () => {
      // The record says "ended at seq N" only once the log holds seq N.
      await log.close();
      await this.save(entry);
      if (entry.log === log) entry.log = undefined;
      for (const id of await this.store.finished(entry.stored(), log)) this.forget(id);
    })().catch((error: unknown) => {
      this.log('error', `could not finish job ${entry.id}: ${(error as Error).message}`);
    });
    this.endings.add(ending);
    void ending.finally(() => this.endings.delete(ending));
    this.pump();
  }

  /** Retention removed the job from the store. */
  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.emit('change', 'removed', entry.job());
  }
}

/**
 * A job the hub stopped (a cancel, its timeout, the hub stopping its workers) ends as the hub
 * meant: a timed-out job that stops by itself still fails, and a viewer never sees a
 * cancellation nobody asked for without the reason.
 */
function asEnded(ending: Ending | undefined, event: JobEvent): JobEvent {
  if (ending === undefined || event.kind !== 'status' || event.state !== 'cancelled') return event;
  const reason = joinReasons(ending.reason, event.reason);
  return { ...event, state: ending.state, ...(reason === undefined ? {} : { reason }) };
}

function joinReasons(first: string | undefined, second: string | undefined): string | undefined {
  if (first === undefined) return second;
  return second === undefined ? first : `${first} (${second})`;
}
