/**
 * Appends a job's event lines to its `events.jsonl`: batched per event-loop turn, one write
 * in flight at a time, fsync on request (terminal events) and otherwise at most once per
 * interval while there is unsynced data.
 */
import type { FileHandle } from 'node:fs/promises';

/** One line waiting to be written, with the seq of the event it holds. */
export interface PendingLine {
  readonly seq: number;
  readonly line: string;
}

/** Called after each write with the lines it wrote and the byte offset of each. */
export type WrittenListener = (lines: readonly PendingLine[], offsets: readonly number[]) => void;

export interface LogWriterOptions {
  /** Longest time written data may stay unsynced (DESIGN §7: at most every second). */
  fsyncIntervalMs: number;
}

export class LogWriter {
  private queue: PendingLine[] = [];
  private syncRequested = false;
  private draining: Promise<void> | undefined;
  private lastSync = Date.now();
  private unsynced = false;
  private syncTimer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly handle: FileHandle,
    /** The file's size when it was opened: where the first written line starts. */
    private offset: number,
    private readonly options: LogWriterOptions,
    private readonly onWritten: WrittenListener,
  ) {}

  /** The error that stopped writing, if one did; nothing is written after it. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Queue a line; `sync` asks for an fsync once it is written. */
  write(entry: PendingLine, sync: boolean): void {
    if (this.failure) return;
    this.queue.push(entry);
    if (sync) this.syncRequested = true;
    this.draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.drain(),
    );
  }

  /** Resolves when every line queued so far is written (and synced, if asked). */
  async flushed(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Write what is queued, fsync, and close the file. */
  async close(): Promise<void> {
    this.syncRequested = true;
    if (this.queue.length > 0) this.draining ??= this.drain();
    await this.flushed();
    clearTimeout(this.syncTimer);
    if (!this.failure && this.unsynced) await this.sync();
    await this.handle.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.failure) {
        const batch = this.queue;
        this.queue = [];
        const offsets: number[] = [];
        let text = '';
        for (const { line } of batch) {
          offsets.push(this.offset);
          this.offset += Buffer.byteLength(line) + 1;
          text += line + '\n';
        }
        await this.handle.write(text);
        this.unsynced = true;
        this.onWritten(batch, offsets);
        if (this.syncRequested || Date.now() - this.lastSync >= this.options.fsyncIntervalMs) {
          await this.sync();
        } else {
          this.syncTimer ??= setTimeout(() => void this.syncLater(), this.options.fsyncIntervalMs);
        }
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.queue = [];
    } finally {
      this.draining = undefined;
    }
  }

  private async syncLater(): Promise<void> {
    this.syncTimer = undefined;
    if (this.draining || !this.unsynced || this.failure) return;
    try {
      await this.sync();
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  private async sync(): Promise<void> {
    this.syncRequested = false;
    this.unsynced = false;
    this.lastSync = Date.now();
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    await this.handle.datasync();
  }
}
