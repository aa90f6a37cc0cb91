/**
 * One job as the hub holds it: the record served over REST, its log while this hub writes
 * it, and the serialized saves of its record to the store.
 */
import { isTerminalState, type Job, type JobType, type StoredEvent } from '@sidecast/protocol';
import type { Logger } from '../logger.js';
import { foldEvent } from '../store/fold-event.js';
import type { JobLogWriter } from '../event-log/job-log.js';
import type { StoredJob } from '../store/job-store.js';
import type { OutputCap } from './output-cap.js';

/** How a job the hub stops ends: `cancelled` on request, `failed` when it timed out. */
export interface Ending {
  state: 'cancelled' | 'failed';
  reason?: string;
}

export class JobEntry {
  /** Set while this hub writes the job's log (from its creation or its claim to its end). */
  log: JobLogWriter | undefined;
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
    private record: Job,
    public epoch: string,
    readonly interactive: boolean,
    /** Its job type as announced when it was created or claimed here. */
    public type?: JobType,
  ) {}

  static of(stored: StoredJob, type?: JobType): JobEntry {
    return new JobEntry(stored.job, stored.epoch, stored.interactive, type);
  }

  get id(): string {
    return this.record.id;
  }

  get jobType(): string {
    return this.record.jobType;
  }

  get state(): Job['state'] {
    return this.record.state;
  }

  get hub(): string | undefined {
    return this.record.hub;
  }

  get createdAt(): number {
    return this.record.createdAt;
  }

  get finished(): boolean {
    return isTerminalState(this.record.state);
  }

  /** The record as served; `head` is the log's newest seq while this hub writes it. */
  job(): Job {
    return this.log === undefined ? { ...this.record } : { ...this.record, head: this.log.head };
  }

  stored(): StoredJob {
    return { job: this.job(), epoch: this.epoch, interactive: this.interactive };
  }

  /** Take the record as another hub stored it. */
  replace(stored: StoredJob): void {
    this.record = stored.job;
    this.epoch = stored.epoch;
  }

  /** Name the hub that runs the job. */
  assign(hub: string | undefined): void {
    if (hub !== undefined) this.record = { ...this.record, hub };
  }

  /** Fold a stored event into the record; true when the state changed. */
  apply(event: StoredEvent): boolean {
    const before = this.record.state;
    // A live job's head is its log's: no copy of the record per log line.
    this.record = foldEvent(this.record, event, this.log === undefined);
    return this.record.state !== before;
  }

  /** Store the record now or right after the save in progress; resolves once it is stored. */
  save(write: (stored: StoredJob) => Promise<void>, log: Logger): Promise<void> {
    this.dirty = true;
    this.saving ??= this.writeWhileDirty(write, log);
    return this.saving;
  }

  private async writeWhileDirty(
    write: (stored: StoredJob) => Promise<void>,
    log: Logger,
  ): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await write(this.stored());
      }
    } catch (error) {
      log('error', `could not save job ${this.id}: ${(error as Error).message}`);
    } finally {
      this.saving = undefined;
    }
  }
}
