/**
 * A file opened for reading while reads keep coming, and closed once they stop. A viewer
 * catching up reads a page at a time; opening and closing the file for each page cost two
 * of its three trips to the thread pool, and while a busy job keeps the event loop full,
 * each trip waits a turn: a reader that slow never catches up with the job.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** How long the file stays open after its last read. */
const IDLE_CLOSE_MS = 1_000;

export class ReadHandle {
  private handle: Promise<FileHandle> | undefined;
  private reading = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly path: string) {}

  /** Run `read` with the file open; it stays open for the next read for a while. */
  async use<T>(read: (handle: FileHandle) => Promise<T>): Promise<T> {
    clearTimeout(this.idleTimer);
    this.reading += 1;
    const opening = (this.handle ??= open(this.path, 'r'));
    try {
      return await read(await opening);
    } catch (error) {
      // A failed open is not kept: the next read tries again.
      if (this.handle === opening) this.handle = undefined;
      throw error;
    } finally {
      this.reading -= 1;
      if (this.reading === 0) this.closeWhenIdle();
    }
  }

  private closeWhenIdle(): void {
    this.idleTimer = setTimeout(() => {
      const closing = this.handle;
      this.handle = undefined;
      void closing?.then((handle) => handle.close()).catch(() => undefined);
    }, IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }
}
