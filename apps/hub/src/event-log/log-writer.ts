/**
 * Appends a job's event lines to its `events.jsonl`: batched per event-loop turn, one write
 * in flight at a time, fsync on request (terminal events) and otherwise at most once per
 * interval while there is unsynced data.
 */
import type { FileHandle } from 'node:fs/promises';

export interface LogWriterEvents {
  /** After each write: how many lines it wrote and the byte offset of each. */
  written(count: number, offsets: readonly number[]): void;
  /** A write or fsync failed; nothing more is written. */
  failed(error: Error): void;
}

export interface LogWriterOptions {
  /** Longest time written data may stay unsynced (DESIGN §7: at most every second). */
  fsyncIntervalMs: number;
}

export class LogWriter {
  private queue: string[] = [];
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
    private readonly events: LogWriterEvents,
  ) {}

  /** The error that stopped writing, if one did; nothing is written after it. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Queue a line (without its newline); `sync` asks for an fsync once it is written. */
  write(line: string, sync: boolean): void {
    if (this.failure) return;
    this.queue.push(line);
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
        const data = Buffer.from(batch.join('\n') + '\n');
        const offsets = lineOffsets(data, this.offset);
        await writeAll(this.handle, data);
        this.offset += data.length;
        this.unsynced = true;
        this.events.written(batch.length, offsets);
        if (this.syncRequested || Date.now() - this.lastSync >= this.options.fsyncIntervalMs) {
          await this.sync();
        } else {
          this.syncTimer ??= setTimeout(() => void this.syncLater(), this.options.fsyncIntervalMs);
        }
      }
    } catch (error) {
      // A write cut short (a full disk) leaves a torn line: cut it, so the file stays a clean
      // prefix of the log. Where even that fails, loading the log cuts it later.
      await this.handle.truncate(this.offset).catch(() => undefined);
      this.fail(error);
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
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.queue = [];
    this.events.failed(this.failure);
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

/** Where each newline-terminated line of `data` starts, counting from `base`. */
function lineOffsets(data: Buffer, base: number): number[] {
  const offsets: number[] = [];
  for (let start = 0; start < data.length; start = data.indexOf(0x0a, start) + 1)
    offsets.push(base + start);
  return offsets;
}

/** `handle.write` may write less than asked (a full disk can stop it part-way). */
async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  for (let done = 0; done < data.length;) {
    const { bytesWritten } = await handle.write(data, done, data.length - done);
    if (bytesWritten === 0) throw new Error('the disk took no more bytes');
    done += bytesWritten;
  }
}
