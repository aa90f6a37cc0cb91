/**
 * Where a hub keeps its jobs (DESIGN §7, §11): their records, their event logs, the queue
 * they wait in, and the changes other hubs make. One interface, two stores: the data dir
 * (the embedded default, `file/`) and a shared Redis (`redis/`). `Jobs`, the gateway and
 * REST run on this interface alone.
 */
import type { EventEmitter } from 'node:events';
import type {
  ClusterSummary,
  ForwardedCommand,
  JobEvent,
  JsonValue,
  StoredJob,
} from '@sidecast/protocol';
import type { JobLog, JobLogWriter } from '../event-log/job-log.js';
import type { PresenceBoard } from './presence-board.js';

export type { ForwardedCommand, StoredJob };

export type StoreChangeKind = 'created' | 'updated' | 'removed';

export interface JobStoreEvents {
  /** Another hub created, changed or removed a job. */
  change: [kind: StoreChangeKind, stored: StoredJob];
  /** The queue gave this hub a job to run now. */
  claimed: [stored: StoredJob];
  /** Another hub asks this one to cancel a job it runs. */
  cancel: [jobId: string];
  /** Another hub sends input to an interactive job this one runs. */
  input: [jobId: string, data: JsonValue];
}

/** Where a job's artifacts are: a folder of this hub, or another hub to forward to. */
export type ArtifactsLocation = { kind: 'local'; dir: string } | { kind: 'remote'; hub: string };

export interface JobStore extends EventEmitter<JobStoreEvents>, PresenceBoard {
  /** What `job.hub` says for jobs this hub runs; undefined in a store of one hub. */
  readonly hubId: string | undefined;
  /** The jobs stored before this hub started (settled), oldest first. */
  load(): Promise<StoredJob[]>;
  /**
   * Store a new job with its first event and return its log, open for more. Throws
   * `HubError` `unavailable` when the store cannot take it.
   */
  create(stored: StoredJob, first: JobEvent): Promise<JobLogWriter>;
  /** Queue a stored job; `claimed` says when and where it runs. */
  enqueue(jobId: string): void;
  /** This hub could start `count` more jobs now. */
  want(count: number): void;
  /** The log to write a job's events to, for a job this hub now runs or ends. */
  writer(stored: StoredJob): Promise<JobLogWriter>;
  /** The log of a job this hub does not write (ended, or run by another hub). */
  reader(stored: StoredJob): Promise<JobLog>;
  /** Store the record (after the event that changed it). */
  save(stored: StoredJob): Promise<void>;
  /** A job this hub wrote has ended and its log is closed; returns the ids retention removed. */
  finished(stored: StoredJob, log: JobLogWriter): Promise<string[]>;
  /** This hub no longer writes the job (another hub runs or ended it): drop its log and claim. */
  letGo(stored: StoredJob, log: JobLogWriter): Promise<void>;
  /** The job's record as stored now (after a `SupersededError`). */
  fetch(jobId: string): Promise<StoredJob | undefined>;
  /** Ask the hub running a job to cancel it, or send it input. */
  forward(hub: string, command: ForwardedCommand): void;
  artifacts(stored: StoredJob): ArtifactsLocation;
  /** The address another hub serves its REST API on, while it is registered. */
  address(hub: string): Promise<string | undefined>;
  /** Tell the other hubs where this one serves REST. */
  announce(address: string): void;
  /** Why new jobs cannot be stored now, if they cannot. */
  unavailable(): string | undefined;
  /** The cluster this hub is part of, for `/api/health`; undefined for the file store. */
  cluster(): ClusterSummary | undefined;
  close(): Promise<void>;
}
