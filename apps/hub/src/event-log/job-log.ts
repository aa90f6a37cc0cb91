/**
 * A job's event log as the hub's users of it see it (DESIGN §4): numbered from seq 1 with no
 * gaps under one epoch, read by range, followed live. The file store's `EventLog` and the
 * Redis store's logs both are one; the gateway, SSE and REST never know which.
 */
import type { JobEvent, StoredEvent } from '@sidecast/protocol';
import type { LineBlock } from './line-block.js';
import type { LoggedEvent } from './logged-event.js';

/** Receives the events of one stored write, in seq order. */
export type BatchListener = (batch: readonly LoggedEvent[]) => void;

export interface JobLog {
  /** The random id of this log; a new one voids every cursor into the old. */
  readonly epoch: string;
  /** The seq of the newest event; events past `readableSeq` are still being stored. */
  readonly head: number;
  /** The newest seq readers may get now; `subscribe` tells when more land. */
  readonly readableSeq: number;
  /** Call `listener` with the events of each later stored write; returns the unsubscribe. */
  subscribe(listener: BatchListener): () => void;
  /** Up to `limit` events with seq > `after`, in order. */
  read(after: number, limit: number): Promise<StoredEvent[]>;
  /** Up to `limit` events with seq > `after`, as one block of their JSON lines. */
  readBlock(after: number, limit: number): Promise<LineBlock>;
}

/** The log of a job this hub writes to: the one running it (or settling it). */
export interface JobLogWriter extends JobLog {
  /**
   * Number `event`, store it and queue it for subscribers; returns it as stored. `json`, when
   * given, is the event's JSON exactly (as the worker sent it): it is stored as it came.
   */
  append(event: JobEvent, json?: string): StoredEvent;
  /**
   * After a write error: end the log with `terminal` after what could be kept. Readers and
   * subscribers see the stored events and then `terminal`; nothing they see was lost.
   */
  abandon(terminal: JobEvent): StoredEvent;
  /** Why appends stopped being stored, if they did. */
  readonly writeError: Error | undefined;
  /** Call `listener` if storing fails; see `SupersededError` for the one that is not a fault. */
  onWriteError(listener: (error: Error) => void): void;
  /** Resolves once everything appended so far is stored. */
  flushed(): Promise<void>;
  /** Store what is pending and take no more events. */
  close(): Promise<void>;
}

/**
 * Another hub wrote the job's next event first (it settled or cancelled a job this hub
 * thought it held): this hub's later events are not stored, and the job is no longer its.
 */
export class SupersededError extends Error {
  override readonly name = 'SupersededError';
}
