/**
 * The jobs of one hub (DESIGN §3.4, §4, §5, §7): creates them with checked params, queues
 * them until a worker is free (in order, within each job type's `concurrency`), feeds the
 * workers' events into each job's log, settles jobs whose worker died, cancels, times out,
 * forwards input, and keeps the newest finished jobs on disk.
 */
import { EventEmitter } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  isTerminal,
  type Job,
  type JobEvent,
  type JobState,
  type JsonValue,
  type Params,
  type StoredEvent,
} from '@sidecast/protocol';
import { EventLog, loadLog, newEpoch } from '../event-log/index.js';
import { HubError } from '../hub-error.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Supervisor } from '../supervisor/index.js';
import { JobEntry, type Ending } from './job-entry.js';
import { writeJobFile } from './job-file.js';
import { newJobId } from './job-id.js';
import { LogCache } from './log-cache.js';
import { OutputCap } from './output-cap.js';
import { DEFAULT_JOBS_OPTIONS, type JobsOptions } from './options.js';
import { ParamsValidator } from './params-validator.js';
import { reloadJobs } from './reload.js';

export type JobChangeKind = 'created' | 'updated' | 'removed';

export interface JobsEvents {
  /** A job was created, changed state, or was removed by retention. */
  change: [kind: JobChangeKind, job: Job];
}

export class Jobs extends EventEmitter<JobsEvents> {
  private readonly entries = new Map<string, JobEntry>();
  private readonly queue: JobEntry[] = [];
  private readonly validator = new ParamsValidator();
  private readonly cache: LogCache;
  private readonly endings = new Set<Promise<void>>();

  private constructor(
    private readonly options: JobsOptions,
    private readonly supervisor: Supervisor,
    private readonly log: Logger,
    reloaded: JobEntry[],
  ) {
    super();
    this.cache = new LogCache(options.cachedLogs, options.eventLog);
    for (const entry of reloaded) this.entries.set(entry.id, entry);
    supervisor.on('event', (jobId, event) => {
      this.onSidecarEvent(jobId, event);
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
  }

  /** Load the jobs in `options.dataDir` and start taking new ones. */
  static async open(
    options: Partial<JobsOptions> & Pick<JobsOptions, 'dataDir'>,
    supervisor: Supervisor,
    log: Logger = silentLogger,
  ): Promise<Jobs> {
    const full = { ...DEFAULT_JOBS_OPTIONS, ...options, dataDir: resolve(options.dataDir) };
    const reloaded = await reloadJobs(join(full.dataDir, 'jobs'), full.eventLog, log);
    const jobs = new Jobs(full, supervisor, log, reloaded);
    await jobs.applyRetention();
    return jobs;
  }

  /** Check the request, store the job and queue it; throws `HubError`. */
  async create(jobTypeName: string, params: Params = {}): Promise<Job> {
    if (this.supervisor.state === 'circuit_open') throw this.supervisor.circuitOpenError();
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
    const entry = new JobEntry(
      join(this.options.dataDir, 'jobs', id),
      { id, jobType: jobType.name, params, state: 'queued', createdAt: now, head: 0 },
      newEpoch(),
      jobType.interactive,
      jobType,
    );
    try {
      // Not `recursive`: that reports a read-only disk as ENOENT, which would mislead.
      await mkdir(entry.dir);
      await mkdir(entry.artifactsDir);
      const { loaded } = await loadLog(entry.logPath, this.options.eventLog);
      const log = await EventLog.open(entry.logPath, entry.epoch, loaded, this.options.eventLog);
      entry.log = log;
      entry.apply(log.append({ kind: 'status', ts: now, state: 'queued' }));
      await writeJobFile(entry.dir, entry.file());
      // A job is acknowledged only once its first event is in its log.
      await log.flushed();
      if (log.writeError) throw log.writeError;
      log.onWriteError((error) => {
        this.storageFailed(entry, log, error);
      });
    } catch (error) {
      await entry.log?.close().catch(() => undefined);
      await rm(entry.dir, { recursive: true, force: true }).catch(() => undefined);
      throw new HubError(
        'unavailable',
        `could not store the job in ${this.options.dataDir}: ${(error as Error).message}`,
      );
    }
    this.entries.set(id, entry);
    this.queue.push(entry);
    this.emit('change', 'created', entry.job());
    this.pump();
    return entry.job();
  }

  /** Jobs newest first, optionally only those in `state`. */
  list(state: JobState | undefined, limit: number): Job[] {
    const jobs: Job[] = [];
    const all = [...this.entries.values()];
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

  /** The job's event log: live while it runs, loaded on demand once it has ended. */
  async eventLog(id: string): Promise<EventLog> {
    const entry = this.require(id);
    return entry.log ?? this.cache.get(entry);
  }

  /** The folder the job's artifacts are written to. */
  artifactsDir(id: string): string {
    return this.require(id).artifactsDir;
  }

  /**
   * A queued job ends at once; a running one is asked to stop, and its worker is killed if
   * it has not within the grace (asking again changes nothing).
   */
  cancel(id: string): Job {
    const entry = this.require(id);
    if (entry.finished)
      throw new HubError('conflict', `job ${id} has already ended (${entry.state})`);
    if (entry.dispatched) {
      entry.ending ??= { state: 'cancelled' };
      this.supervisor.cancel(id);
    } else {
      this.queue.splice(this.queue.indexOf(entry), 1);
      this.record(entry, {
        kind: 'status',
        ts: Date.now(),
        state: 'cancelled',
        reason: 'cancelled before it started',
      });
    }
    return entry.job();
  }

  /** Send `data` to a running interactive job; every viewer sees it as an `input` event. */
  input(id: string, data: JsonValue): Job {
    const entry = this.require(id);
    if (!entry.interactive) throw new HubError('conflict', `job ${id} is not interactive`);
    if (entry.state !== 'running')
      throw new HubError('conflict', `job ${id} is ${entry.state}, not running`);
    this.record(entry, { kind: 'input', ts: Date.now(), data });
    this.supervisor.input(id, data);
    return entry.job();
  }

  /** Resolves once every job that has ended has its log closed and its record written. */
  async settled(): Promise<void> {
    await Promise.all(this.endings);
  }

  /** Wait for the logs and records being written, then close every live log. */
  async close(): Promise<void> {
    await this.settled();
    for (const entry of this.entries.values()) {
      if (entry.log !== undefined && !entry.finished) {
        await entry.log.close();
        await entry.save(this.log);
      }
    }
  }

  private require(id: string): JobEntry {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new HubError('not_found', `no job with id ${id}`);
    return entry;
  }

  /**
   * Hand queued jobs to idle workers, oldest first; a job whose type is at its `concurrency`
   * waits without holding back the jobs behind it. The pool grows for what is left.
   */
  private pump(): void {
    const running = new Map<string, number>();
    for (const { dispatched, jobType } of this.entries.values())
      if (dispatched) running.set(jobType, (running.get(jobType) ?? 0) + 1);
    const ready = this.queue.filter((entry) => {
      const { jobType } = entry;
      const cap = entry.type?.concurrency;
      const count = running.get(jobType) ?? 0;
      if (cap !== undefined && count >= cap) return false;
      running.set(jobType, count + 1);
      return true;
    });
    for (const [index, entry] of ready.entries()) {
      const sent = this.supervisor.run(
        {
          type: 'run',
          jobId: entry.id,
          jobType: entry.jobType,
          params: entry.job().params,
          artifactsDir: entry.artifactsDir,
        },
        ready.length - index - 1,
      );
      if (!sent) return;
      this.queue.splice(this.queue.indexOf(entry), 1);
      entry.dispatched = true;
    }
    this.supervisor.want(0);
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

  private onSidecarEvent(jobId: string, event: JobEvent): void {
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
      this.record(entry, event);
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
   * The job's log could not be written (disk full, the data dir gone read-only): the job
   * fails with the reason, held in memory, and the sidecar is asked to stop it. A job whose
   * terminal event was the one that could not be written fails the same way.
   */
  private storageFailed(entry: JobEntry, log: EventLog, error: Error): void {
    const reason = `could not store the job's events: ${error.message}`;
    this.log('error', `job ${entry.id}: ${reason}`);
    const ending = entry.finished;
    if (entry.dispatched) this.supervisor.cancel(entry.id);
    entry.apply(log.abandon({ kind: 'status', ts: Date.now(), state: 'failed', reason }));
    if (ending) {
      this.emit('change', 'updated', entry.job());
      void entry.save(this.log);
    } else {
      this.end(entry, log);
    }
  }

  /** Append `event` to the job's log and fold it into the record. */
  private record(entry: JobEntry, event: JobEvent): StoredEvent {
    const log = entry.log;
    if (log === undefined) throw new HubError('internal', `job ${entry.id} has no open log`);
    const stored = log.append(event);
    if (!entry.apply(stored)) return stored;
    if (isTerminal(stored)) {
      this.end(entry, log);
    } else {
      void entry.save(this.log);
      this.emit('change', 'updated', entry.job());
    }
    return stored;
  }

  private end(entry: JobEntry, log: EventLog): void {
    entry.dispatched = false;
    clearTimeout(entry.timeout);
    this.emit('change', 'updated', entry.job());
    const ending = (async () => {
      // The record says "ended at seq N" only once the log holds seq N on disk.
      await log.close();
      await entry.save(this.log);
      entry.log = undefined;
      this.cache.keep(entry.id, log);
      await this.applyRetention();
    })().catch((error: unknown) => {
      this.log('error', `could not finish job ${entry.id}: ${(error as Error).message}`);
    });
    this.endings.add(ending);
    void ending.finally(() => this.endings.delete(ending));
    this.pump();
  }

  private async applyRetention(): Promise<void> {
    let excess = -this.options.retainedFinishedJobs;
    for (const entry of this.entries.values())
      if (entry.finished && entry.log === undefined) excess += 1;
    for (const entry of this.entries.values()) {
      if (excess <= 0) return;
      if (!entry.finished || entry.log !== undefined) continue;
      excess -= 1;
      this.entries.delete(entry.id);
      this.cache.forget(entry.id);
      await rm(entry.dir, { recursive: true, force: true });
      this.emit('change', 'removed', entry.job());
    }
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
