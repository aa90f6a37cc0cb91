/**
 * The embedded default (DESIGN §7): one hub, everything in its data dir. A job is
 * `jobs/<id>/` with `job.json` (its record), `events.jsonl` (its log) and `artifacts/`.
 * The queue is this hub's: a job is claimed as soon as it is queued.
 */
import { EventEmitter } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Channel, JobEvent } from '@sidecast/protocol';
import { EventLog, loadLog } from '../../event-log/index.js';
import { HubError } from '../../hub-error.js';
import { silentLogger, type Logger } from '../../logger.js';
import type { JobLog, JobLogWriter } from '../../event-log/job-log.js';
import type { ArtifactsLocation, JobStore, JobStoreEvents, StoredJob } from '../job-store.js';
import type { StoreOptions } from '../store-options.js';
import { readJobFile, writeJobFile } from './job-file.js';
import { LogCache } from './log-cache.js';
import { reloadJobs } from './reload.js';

type PresenceListener = (channel: Channel, viewers: number) => void;

interface Finished {
  id: string;
  createdAt: number;
}

export class FileStore extends EventEmitter<JobStoreEvents> implements JobStore {
  readonly hubId = undefined;
  private readonly jobsDir: string;
  private readonly cache: LogCache;
  /** Jobs created and not yet claimed, by id. */
  private readonly queued = new Map<string, StoredJob>();
  /** The open logs of live jobs, by id. */
  private readonly writers = new Map<string, EventLog>();
  /** Finished jobs on disk, for retention. */
  private finishedJobs: Finished[] = [];
  private readonly presenceListeners = new Set<PresenceListener>();

  constructor(
    private readonly options: StoreOptions,
    private readonly log: Logger = silentLogger,
  ) {
    super();
    this.jobsDir = join(resolve(options.dataDir), 'jobs');
    this.cache = new LogCache(options.cachedLogs, options.eventLog, log);
  }

  async load(): Promise<StoredJob[]> {
    const jobs = await reloadJobs(this.jobsDir, this.options.eventLog, this.log);
    this.finishedJobs = jobs.map(({ job }) => ({ id: job.id, createdAt: job.createdAt }));
    const removed = new Set(await this.applyRetention());
    return jobs.filter(({ job }) => !removed.has(job.id));
  }

  async create(stored: StoredJob, first: JobEvent): Promise<JobLogWriter> {
    const dir = this.dir(stored.job.id);
    let log: EventLog | undefined;
    try {
      // Not `recursive`: that reports a read-only disk as ENOENT, which would mislead.
      await mkdir(dir);
      await mkdir(join(dir, 'artifacts'));
      const { loaded } = await loadLog(this.logPath(stored.job.id), this.options.eventLog);
      log = await EventLog.open(
        this.logPath(stored.job.id),
        stored.epoch,
        loaded,
        this.options.eventLog,
      );
      const event = log.append(first);
      await writeJobFile(dir, { ...stored, job: { ...stored.job, head: event.seq } });
      // A job is acknowledged only once its first event is in its log.
      await log.flushed();
      if (log.writeError) throw log.writeError;
    } catch (error) {
      await log?.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      throw new HubError(
        'unavailable',
        `could not store the job in ${this.options.dataDir}: ${(error as Error).message}`,
      );
    }
    this.writers.set(stored.job.id, log);
    this.queued.set(stored.job.id, stored);
    return log;
  }

  enqueue(jobId: string): void {
    const stored = this.queued.get(jobId);
    this.queued.delete(jobId);
    if (stored !== undefined) this.emit('claimed', stored);
  }

  /** Every queued job is this hub's already: there is nothing more to claim. */
  want(): void {
    return;
  }

  async writer(stored: StoredJob): Promise<JobLogWriter> {
    const open = this.writers.get(stored.job.id);
    if (open !== undefined) return open;
    const path = this.logPath(stored.job.id);
    const { loaded } = await loadLog(path, this.options.eventLog);
    const log = await EventLog.open(path, stored.epoch, loaded, this.options.eventLog);
    this.writers.set(stored.job.id, log);
    return log;
  }

  async reader(stored: StoredJob): Promise<JobLog> {
    const { id } = stored.job;
    return (
      this.writers.get(id) ?? this.cache.get(id, this.logPath(id), stored.epoch, stored.job.head)
    );
  }

  save(stored: StoredJob): Promise<void> {
    return writeJobFile(this.dir(stored.job.id), stored);
  }

  async finished(stored: StoredJob, log: JobLogWriter): Promise<string[]> {
    const { id, createdAt } = stored.job;
    if (this.writers.get(id) === log) this.writers.delete(id);
    if (log instanceof EventLog) this.cache.keep(id, log);
    this.finishedJobs.push({ id, createdAt });
    return this.applyRetention();
  }

  /** One hub writes every job it has: nothing takes one away. */
  letGo(stored: StoredJob, log: JobLogWriter): Promise<void> {
    if (this.writers.get(stored.job.id) === log) this.writers.delete(stored.job.id);
    return Promise.resolve();
  }

  async fetch(jobId: string): Promise<StoredJob | undefined> {
    const stored = await readJobFile(this.dir(jobId));
    return typeof stored === 'string' ? undefined : stored;
  }

  /** A store of one hub has no other hub to forward to (`job.hub` is never set). */
  forward(): void {
    return;
  }

  address(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  artifacts(stored: StoredJob): ArtifactsLocation {
    return { kind: 'local', dir: join(this.dir(stored.job.id), 'artifacts') };
  }

  /** No other hub needs to know where this one is. */
  announce(): void {
    return;
  }

  unavailable(): undefined {
    return undefined;
  }

  cluster(): undefined {
    return undefined;
  }

  /** One hub: its count is the total. */
  setPresence(channel: Channel, viewers: number): void {
    for (const listener of this.presenceListeners) listener(channel, viewers);
  }

  onPresence(listener: PresenceListener): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  async close(): Promise<void> {
    await Promise.all([...this.writers.values()].map((log) => log.close()));
  }

  private dir(id: string): string {
    return join(this.jobsDir, id);
  }

  private logPath(id: string): string {
    return join(this.dir(id), 'events.jsonl');
  }

  /** Delete the oldest finished jobs past `retainedFinishedJobs`; returns their ids. */
  private async applyRetention(): Promise<string[]> {
    const excess = this.finishedJobs.length - this.options.retainedFinishedJobs;
    if (excess <= 0) return [];
    this.finishedJobs.sort((a, b) => a.createdAt - b.createdAt);
    const removed = this.finishedJobs.splice(0, excess).map(({ id }) => id);
    for (const id of removed) {
      this.cache.forget(id);
      await rm(this.dir(id), { recursive: true, force: true });
    }
    return removed;
  }
}
