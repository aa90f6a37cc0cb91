/**
 * One job as the hub holds it: the record served over REST, its log (open while the job is
 * live, loaded on demand once it has ended) and the serialized writes of its `job.json`.
 */
import { join } from 'node:path';
import { isTerminalState, type Job, type JobType, type StoredEvent } from '@sidecast/protocol';
import type { EventLog } from '../event-log/index.js';
import type { Logger } from '../logger.js';
import type { OutputCap } from './output-cap.js';
import { writeJobFile, type JobFile } from './job-file.js';

/** How a job the hub stops ends: `cancelled` on request, `failed` when it timed out. */
export interface Ending {
  state: 'cancelled' | 'failed';
  reason?: string;
}

export class JobEntry {
  /** Set while the job is live; a finished job's log is loaded when someone reads it. */
  log: EventLog | undefined;
  /** The job was handed to a worker (a `run` was sent) and has not ended. */
  dispatched = false;
  /**
   * Set once the hub has asked the job to stop (a cancel, its timeout, the hub stopping the
   * workers): how it ends when it does, whether it stops by itself or its worker is killed.
   */
  ending: Ending | undefined;
  /** Ends the job when its timeout passes, while it runs. */
  timeout: NodeJS.Timeout | undefined;
  /** The job's log output against its cap, from its first event from the sidecar. */
  output: OutputCap | undefined;
  private saving: Promise<void> | undefined;
  private dirty = false;

  constructor(
    readonly dir: string,
    private record: Job,
    public epoch: string,
    readonly interactive: boolean,
    /** Its job type as announced when it was created (live jobs only). */
    readonly type?: JobType,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get jobType(): string {
    return this.record.jobType;
  }

  get state(): Job['state'] {
    return this.record.state;
  }

  get finished(): boolean {
    return isTerminalState(this.record.state);
  }

  get createdAt(): number {
    return this.record.createdAt;
  }

  get logPath(): string {
    return join(this.dir, 'events.jsonl');
  }

  get artifactsDir(): string {
    return join(this.dir, 'artifacts');
  }

  /** The record as served; `head` is the log's newest seq. */
  job(): Job {
    return this.log === undefined ? { ...this.record } : { ...this.record, head: this.log.head };
  }

  /** Fold a stored event into the record; true when the state changed. */
  apply(event: StoredEvent): boolean {
    const before = this.record.state;
    switch (event.kind) {
      case 'log':
      case 'progress':
      case 'artifact':
      case 'data':
      case 'input':
        // Only the head moves, and a live job's head is its log's: no copy per log line.
        if (this.log === undefined) this.record = { ...this.record, head: event.seq };
        return false;
      case 'status': {
        const record = { ...this.record, head: event.seq, state: event.state };
        if (event.state === 'running') record.startedAt = event.ts;
        if (isTerminalState(event.state)) record.endedAt = event.ts;
        if (event.state === 'failed' && record.error === undefined)
          record.error = { message: event.reason ?? 'the job failed' };
        this.record = record;
        break;
      }
      case 'result':
        this.record = { ...this.record, head: event.seq, result: event.value };
        break;
      case 'error':
        this.record = {
          ...this.record,
          head: event.seq,
          error:
            event.traceback === undefined
              ? { message: event.message }
              : { message: event.message, traceback: event.traceback },
        };
        break;
      default:
        event satisfies never;
    }
    return this.record.state !== before;
  }

  /** Write `job.json` now or right after the write in progress; resolves when it is on disk. */
  save(log: Logger): Promise<void> {
    this.dirty = true;
    this.saving ??= this.writeWhileDirty(log);
    return this.saving;
  }

  private async writeWhileDirty(log: Logger): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await writeJobFile(this.dir, this.file());
      }
    } catch (error) {
      log('error', `could not save job ${this.id}: ${(error as Error).message}`);
    } finally {
      this.saving = undefined;
    }
  }

  /** What `job.json` holds for this job. */
  file(): JobFile {
    return { version: 1, job: this.job(), epoch: this.epoch, interactive: this.interactive };
  }
}
