/**
 * The cluster store (DESIGN §11): many hubs, one Redis. Records live in one hash and every
 * hub hears their changes on one channel; each job's events are a stream written only by
 * the hub that runs it; the queue is a stream read in one consumer group; each hub keeps a
 * registration with a TTL, and when one lapses the others settle that hub's jobs. Redis
 * does the atomic parts (scripts, consumer groups); there is no lock or leader here.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  isTerminalState,
  parseClusterChange,
  parseForwardedCommand,
  parseStoredJob,
  type Channel,
  type ClusterSummary,
  type ForwardedCommand,
  type JobEvent,
  type StoredJob,
} from '@sidecast/protocol';
import { toLogged, type JobLog, type JobLogWriter } from '../../event-log/index.js';
import { HubError } from '../../hub-error.js';
import type { Logger } from '../../logger.js';
import { foldEvent } from '../fold-event.js';
import type { ArtifactsLocation, JobStore, JobStoreEvents } from '../job-store.js';
import { ClaimLoop, ensureQueueGroup, queueEntries, type QueueEntry } from './claim-loop.js';
import { connectRedis, redactUrl, type RedisConnections } from './connections.js';
import { RedisHealth } from './health.js';
import { ClusterPresence } from './cluster-presence.js';
import { ClusterKeys, QUEUE_GROUP } from './keys.js';
import { LiveFeed } from './live-feed.js';
import type { RedisStoreOptions } from './options.js';
import { RedisLog, type RedisLogDeps } from './redis-log.js';
import { RemoteLog, type RemoteLogDeps } from './remote-log.js';
import { changeMessage, defineScripts } from './scripts.js';
import { StreamReader } from './stream-reader.js';
import { WriteBudget } from './write-budget.js';

/** The reason a job ends with when the hub running it died (DESIGN §11). */
export const HUB_STOPPED = 'the hub running it stopped';

export class RedisStore extends EventEmitter<JobStoreEvents> implements JobStore {
  readonly hubId: string;
  private readonly keys: ClusterKeys;
  private readonly streams: StreamReader;
  private readonly feed: LiveFeed;
  private readonly health: RedisHealth;
  private readonly logDeps: RedisLogDeps;
  private readonly remoteDeps: RemoteLogDeps;
  private readonly claimLoop: ClaimLoop;
  private readonly presence: ClusterPresence;
  private readonly jobsDir: string;
  /** Jobs that have not ended, as last heard: the sweeper looks for dead hubs' among them. */
  private readonly live = new Map<string, StoredJob>();
  /** Queue entries this hub read and holds until their job runs, by job id. */
  private readonly claims = new Map<string, string>();
  /** Jobs being created here: their claim waits until `Jobs` knows them. */
  private readonly creating = new Set<string>();
  private readonly heldClaims = new Map<string, StoredJob>();
  private readonly writers = new Map<string, RedisLog>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Changes heard while `load` reads the records, applied once it has. */
  private early: string[] | undefined = [];
  private restAddress = '';
  private sweeping = false;

  private constructor(
    private readonly options: RedisStoreOptions,
    private readonly redis: RedisConnections,
    private readonly log: Logger,
  ) {
    super();
    this.hubId = newHubId();
    this.keys = new ClusterKeys(options.cluster);
    this.jobsDir = join(resolve(options.dataDir), 'jobs');
    this.streams = new StreamReader(redis.reads);
    this.feed = new LiveFeed(redis.subscriber);
    this.health = new RedisHealth(redis.writes, {
      intervalMs: Math.max(50, Math.floor(options.stallMs / 4)),
      stallMs: options.stallMs,
    });
    const ring = options.eventLog;
    this.logDeps = {
      keys: this.keys,
      scripts: defineScripts(redis.writes),
      reader: this.streams,
      budget: new WriteBudget(options.bufferBytes),
      hubId: this.hubId,
      ring,
      whileConnected: (work) => redis.whileConnected(work),
    };
    this.remoteDeps = { keys: this.keys, reader: this.streams, feed: this.feed, ring };
    this.presence = new ClusterPresence({
      writes: redis.writes,
      reads: redis.reads,
      feed: this.feed,
      keys: this.keys,
      hubId: this.hubId,
    });
    this.claimLoop = new ClaimLoop(redis.blocking, this.keys, this.hubId, (entries) => {
      this.onClaimed(entries).catch((error: unknown) => {
        this.log('error', `could not take the jobs claimed: ${(error as Error).message}`);
      });
    });
  }

  /** Connect to the cluster's Redis and join the cluster; throws when Redis cannot be used. */
  static async open(options: RedisStoreOptions, log: Logger): Promise<RedisStore> {
    const redis = await connectRedis(
      { url: options.url, readTimeoutMs: options.readTimeoutMs },
      log,
    );
    const store = new RedisStore(options, redis, log);
    try {
      await store.join();
    } catch (error) {
      await store.close();
      throw error;
    }
    log(
      'info',
      `cluster "${options.cluster}" on ${redactUrl(options.url)}: this is hub ${store.hubId}`,
    );
    return store;
  }

  async load(): Promise<StoredJob[]> {
    const all = await this.redis.reads.hgetall(this.keys.jobs);
    const jobs: StoredJob[] = [];
    for (const [id, text] of Object.entries(all)) {
      const parsed = parseStoredJob(text);
      if (!parsed.ok) {
        this.log('warning', `skipped job ${id} in Redis: ${parsed.error.message}`);
        continue;
      }
      jobs.push(parsed.value);
      this.track(parsed.value);
    }
    const early = this.early ?? [];
    this.early = undefined;
    // `Jobs` listens once `load` has resolved: these reach it, newest record wins.
    setImmediate(() => {
      for (const message of early) this.onChange(message);
    });
    return jobs.sort((a, b) => a.job.createdAt - b.job.createdAt);
  }

  async create(stored: StoredJob, first: JobEvent): Promise<JobLogWriter> {
    const { id } = stored.job;
    const logged = toLogged(1, first);
    const record = JSON.stringify({ ...stored, job: { ...stored.job, head: 1 } });
    this.creating.add(id);
    try {
      await this.logDeps.scripts.create(
        [this.keys.jobs, this.keys.events(id), this.keys.queue, this.keys.changes],
        [id, record, logged.line, this.hubId, changeMessage(this.hubId, 'created', record)],
      );
    } catch (error) {
      this.creating.delete(id);
      throw new HubError(
        'unavailable',
        `could not store the job in the cluster's Redis: ${(error as Error).message}`,
      );
    }
    this.track(stored);
    const log = new RedisLog(this.logDeps, id, stored.epoch, 1);
    this.writers.set(id, log);
    return log;
  }

  enqueue(jobId: string): void {
    this.creating.delete(jobId);
    const held = this.heldClaims.get(jobId);
    this.heldClaims.delete(jobId);
    if (held !== undefined) this.emit('claimed', held);
  }

  want(count: number): void {
    this.claimLoop.want(count);
  }

  writer(stored: StoredJob): Promise<JobLogWriter> {
    return this.openWriter(stored);
  }

  private async openWriter(stored: StoredJob): Promise<RedisLog> {
    const { id } = stored.job;
    const open = this.writers.get(id);
    if (open !== undefined) return open;
    const head = await this.streams.head(this.keys.events(id));
    const log = new RedisLog(this.logDeps, id, stored.epoch, head);
    this.writers.set(id, log);
    return log;
  }

  async reader(stored: StoredJob): Promise<JobLog> {
    const { id, hub } = stored.job;
    // Only the log of a job this hub runs is the one to read: a job created here that
    // another hub runs is followed through the stream.
    const open = this.writers.get(id);
    if (open !== undefined && hub === this.hubId) return open;
    const head = await this.streams.head(this.keys.events(id));
    return new RemoteLog(this.remoteDeps, id, stored.epoch, head);
  }

  async save(stored: StoredJob): Promise<void> {
    const { id } = stored.job;
    const log = this.writers.get(id) ?? (await this.openWriter(stored));
    log.saveRecord(JSON.stringify(stored));
    await this.redis.whileConnected(log.flushed());
    if (log.superseded) return;
    this.track(stored);
    // Running, the job is this hub's to end: the queue need not hold it any more.
    if (stored.job.state !== 'queued') await this.release(id);
  }

  async finished(stored: StoredJob, log: JobLogWriter): Promise<string[]> {
    const { id } = stored.job;
    if (this.writers.get(id) === log) this.writers.delete(id);
    await this.release(id);
    if (!isTerminalState(stored.job.state)) return [];
    return (await this.retain(stored)).map(({ job }) => job.id);
  }

  /** Count a job this hub ended for retention; returns the records retention removed. */
  private async retain(stored: StoredJob): Promise<StoredJob[]> {
    const { id } = stored.job;
    this.live.delete(id);
    const removed = ((await this.redis.whileConnected(
      this.logDeps.scripts.retain(
        [this.keys.finished, this.keys.jobs, this.keys.changes],
        [
          id,
          stored.job.endedAt ?? Date.now(),
          this.options.retainedFinishedJobs,
          this.options.cluster,
          this.hubId,
        ],
      ),
    )) ?? []) as string[];
    const records: StoredJob[] = [];
    for (const text of removed) {
      const parsed = parseStoredJob(text);
      if (!parsed.ok) continue;
      records.push(parsed.value);
      await this.dropArtifacts(parsed.value);
    }
    return records;
  }

  async letGo(stored: StoredJob, log: JobLogWriter): Promise<void> {
    const { id } = stored.job;
    if (this.writers.get(id) === log) this.writers.delete(id);
    await this.release(id);
  }

  async fetch(jobId: string): Promise<StoredJob | undefined> {
    const text = await this.redis.reads.hget(this.keys.jobs, jobId);
    if (text === null) return undefined;
    const parsed = parseStoredJob(text);
    return parsed.ok ? parsed.value : undefined;
  }

  forward(hub: string, command: ForwardedCommand): void {
    this.redis.writes
      .publish(this.keys.control(hub), JSON.stringify(command))
      .catch(() => undefined);
  }

  artifacts(stored: StoredJob): ArtifactsLocation {
    const { hub, id } = stored.job;
    if (hub !== undefined && hub !== this.hubId) return { kind: 'remote', hub };
    return { kind: 'local', dir: join(this.jobsDir, id, 'artifacts') };
  }

  async address(hub: string): Promise<string | undefined> {
    const address = await this.redis.reads.get(this.keys.hub(hub)).catch(() => null);
    return address === null || address === '' ? undefined : address;
  }

  /** Where this hub serves REST, for the other hubs to forward to. */
  announce(address: string): void {
    this.restAddress = address;
    this.register();
  }

  unavailable(): string | undefined {
    const problem = this.health.problem();
    if (problem === undefined) return undefined;
    return `the cluster's Redis at ${redactUrl(this.options.url)} cannot take new jobs now: ${problem}`;
  }

  cluster(): ClusterSummary {
    const problem = this.health.problem();
    const summary: ClusterSummary = {
      name: this.options.cluster,
      hub: this.hubId,
      redis: problem === undefined ? 'ok' : 'unavailable',
    };
    return problem === undefined ? summary : { ...summary, problem };
  }

  setPresence(channel: Channel, viewers: number): void {
    this.presence.setPresence(channel, viewers);
  }

  onPresence(listener: (channel: Channel, viewers: number) => void): () => void {
    return this.presence.onPresence(listener);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.health.close();
    await this.redis.whileConnected(this.presence.close());
    await this.claimLoop.stop();
    await Promise.all([...this.writers.values()].map((log) => log.close()));
    await this.redis
      .whileConnected(this.redis.writes.del(this.keys.hub(this.hubId)))
      .catch(() => undefined);
    await this.redis.close();
  }

  /** Make the folder and the queue's group, listen to the cluster's channels, register, start the timers. */
  private async join(): Promise<void> {
    // Artifacts of the jobs this hub runs are kept on its own disk.
    await mkdir(this.jobsDir, { recursive: true });
    await ensureQueueGroup(this.redis.writes, this.keys);
    await this.feed.subscribe(this.keys.changes, (message) => {
      if (this.early !== undefined) this.early.push(message);
      else this.onChange(message);
    });
    await this.feed.subscribe(this.keys.control(this.hubId), (message) => {
      this.onCommand(message);
    });
    await this.presence.start();
    this.register();
    const every = (ms: number, run: () => void): void => {
      const timer = setInterval(run, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.heartbeatMs, () => {
      this.register();
      this.renewClaims();
      this.presence.recountAll();
    });
    every(this.options.sweepMs, () => {
      if (this.sweeping || !this.health.steadyFor(this.options.hubTtlMs)) return;
      this.sweeping = true;
      void this.sweep().finally(() => (this.sweeping = false));
    });
  }

  private register(): void {
    this.redis.writes
      .set(this.keys.hub(this.hubId), this.restAddress, 'PX', this.options.hubTtlMs)
      .catch(() => undefined);
  }

  /** Keep the jobs this hub claimed but has not started from looking abandoned. */
  private renewClaims(): void {
    const entries = [...this.claims.values()];
    if (entries.length === 0) return;
    this.redis.writes
      .xclaim(this.keys.queue, QUEUE_GROUP, this.hubId, 0, ...entries, 'JUSTID')
      .catch(() => undefined);
  }

  private async release(jobId: string): Promise<void> {
    const entryId = this.claims.get(jobId);
    if (entryId === undefined) return;
    this.claims.delete(jobId);
    await this.redis.whileConnected(
      this.redis.writes
        .multi()
        .xack(this.keys.queue, QUEUE_GROUP, entryId)
        .xdel(this.keys.queue, entryId)
        .exec(),
    );
  }

  private async onClaimed(entries: QueueEntry[]): Promise<void> {
    for (const { entryId, jobId } of entries) {
      const stored = await this.fetch(jobId).catch(() => undefined);
      this.claims.set(jobId, entryId);
      if (stored?.job.state !== 'queued') {
        // Cancelled before it was claimed, or removed: nothing to run.
        await this.release(jobId).catch(() => undefined);
        this.claimLoop.want(this.claimLoop.room + 1);
        continue;
      }
      try {
        // The job's files go to this hub's disk; a job that writes none still has its folder.
        await mkdir(join(this.jobsDir, jobId, 'artifacts'), { recursive: true });
      } catch (error) {
        // Not acknowledged: once its claim goes stale, another hub takes the job.
        this.claims.delete(jobId);
        this.log('error', `cannot run job ${jobId} here: ${(error as Error).message}`);
        continue;
      }
      if (this.creating.has(jobId)) this.heldClaims.set(jobId, stored);
      else this.emit('claimed', stored);
    }
  }

  private onChange(message: string): void {
    const parsed = parseClusterChange(message);
    if (!parsed.ok) {
      this.log('warning', `ignored a change on ${this.keys.changes}: ${parsed.error.message}`);
      return;
    }
    const { from, kind, stored } = parsed.value;
    if (from === this.hubId) return;
    if (kind === 'removed') {
      this.live.delete(stored.job.id);
      this.dropArtifacts(stored).catch(() => undefined);
    } else {
      this.track(stored);
    }
    this.emit('change', kind, stored);
  }

  private onCommand(message: string): void {
    const parsed = parseForwardedCommand(message);
    if (!parsed.ok) {
      this.log('warning', `ignored a forwarded command: ${parsed.error.message}`);
      return;
    }
    const command = parsed.value;
    if (command.type === 'cancel') this.emit('cancel', command.jobId);
    else this.emit('input', command.jobId, command.data);
  }

  private track(stored: StoredJob): void {
    if (isTerminalState(stored.job.state)) this.live.delete(stored.job.id);
    else this.live.set(stored.job.id, stored);
  }

  private async dropArtifacts(stored: StoredJob): Promise<void> {
    if (stored.job.hub !== this.hubId) return;
    await rm(join(this.jobsDir, stored.job.id), { recursive: true, force: true });
  }

  /** Settle the jobs of hubs whose registration lapsed, and claim what they left queued. */
  private async sweep(): Promise<void> {
    try {
      await this.settleDeadHubs();
      await this.claimAbandoned();
    } catch (error) {
      this.log('debug', `cluster sweep: ${(error as Error).message}`);
    }
  }

  private async settleDeadHubs(): Promise<void> {
    const byHub = new Map<string, StoredJob[]>();
    for (const stored of this.live.values()) {
      const { hub, state } = stored.job;
      if (state !== 'running' || hub === undefined || hub === this.hubId) continue;
      byHub.set(hub, [...(byHub.get(hub) ?? []), stored]);
    }
    for (const [hub, jobs] of byHub) {
      if ((await this.redis.reads.exists(this.keys.hub(hub))) === 1) continue;
      for (const stored of jobs) await this.settle(stored);
    }
  }

  /** End a dead hub's job `failed`, unless another hub got to its next seq first. */
  private async settle(stored: StoredJob): Promise<void> {
    const { id } = stored.job;
    const head = await this.streams.head(this.keys.events(id));
    const log = new RedisLog(this.logDeps, id, stored.epoch, head);
    const failed = log.append({
      kind: 'status',
      ts: Date.now(),
      state: 'failed',
      reason: HUB_STOPPED,
    });
    const settled: StoredJob = { ...stored, job: foldEvent(stored.job, failed) };
    log.saveRecord(JSON.stringify(settled));
    await log.close();
    if (log.superseded || log.writeError !== undefined) return;
    this.log(
      'warning',
      `job ${id}: hub ${stored.job.hub ?? '?'} stopped while running it; it failed`,
    );
    // `Jobs` hears of this hub's own writes from here: the cluster's channel skips them.
    this.emit('change', 'updated', settled);
    for (const removed of await this.retain(settled)) this.emit('change', 'removed', removed);
  }

  private async claimAbandoned(): Promise<void> {
    const room = this.claimLoop.room;
    if (room <= 0) return;
    const [, entries] = (await this.redis.reads.xautoclaim(
      this.keys.queue,
      QUEUE_GROUP,
      this.hubId,
      this.options.claimIdleMs,
      '0-0',
      'COUNT',
      room,
    )) as [string, [string, string[] | null][]];
    const claimed = queueEntries(entries);
    if (claimed.length === 0) return;
    this.claimLoop.took(claimed.length);
    await this.onClaimed(claimed);
  }
}

/** A hub's name in the cluster: its machine's name and a random part, safe in a key. */
function newHubId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9_-]/g, '-')
      .slice(0, 24) || 'hub';
  return `${host}-${randomBytes(4).toString('hex')}`;
}
