/**
 * Replay frames of one job's log, shared by its viewers. The log is cut into pages of
 * `pageSize` events (seqs 1..n, n+1..2n, …); a viewer whose cursor sits on a page boundary
 * gets that page's frame, built once and kept for the next viewer, so a hundred viewers
 * catching up hold one copy of each page instead of a hundred. A cursor inside a page
 * first gets the rest of that page as a frame of its own.
 *
 * The most recently used pages are kept; older ones are found again for as long as any
 * socket still has them queued (a weak reference), so no page is ever built twice while
 * one copy is in memory.
 */
import type { JobChannel } from '@sidecast/protocol';
import type { JobLog } from '../event-log/job-log.js';
import { encodeBlockFrame } from './frames.js';
import type { EncodedFrame } from './outbox.js';

/** A frame of consecutive events after a cursor, and the seq of its last event. */
export interface ReplayPage {
  frame: EncodedFrame;
  last: number;
}

export interface ReplayPagesOptions {
  /** Events per frame. */
  pageSize: number;
  /** Whole pages kept for other viewers, the most recently used first to stay. */
  keptPages: number;
  /** Whole pages read ahead of a viewer that reads one from the file. */
  readAhead: number;
}

export class ReplayPages {
  /** Whole pages by index, in least-recently-used order. */
  private readonly pages = new Map<number, Promise<ReplayPage | undefined>>();
  /** Whole pages that left `pages` but may still be queued on a socket. */
  private readonly evicted = new Map<number, WeakRef<ReplayPage>>();
  private readonly forget = new FinalizationRegistry<number>((index) => {
    if (this.evicted.get(index)?.deref() === undefined) this.evicted.delete(index);
  });

  constructor(
    private readonly channel: JobChannel,
    private readonly log: JobLog,
    private readonly options: ReplayPagesOptions,
  ) {}

  /** The events right after `cursor`, as one frame; undefined when there are none yet. */
  next(cursor: number): Promise<ReplayPage | undefined> {
    const { pageSize } = this.options;
    const index = Math.floor(cursor / pageSize);
    const pageEnd = (index + 1) * pageSize;
    const whole = cursor % pageSize === 0 && pageEnd <= this.log.head;
    if (!whole) return this.read(cursor, Math.min(pageEnd, this.log.head) - cursor);
    const page = this.take(index);
    // A viewer this far behind reads on: the next pages, wholly stored already, are read at
    // the same time, so it gets several per turn of the event loop, not one.
    for (let ahead = index + 1; ahead <= index + this.options.readAhead; ahead++) {
      if ((ahead + 1) * pageSize > this.log.readableSeq) break;
      if (!this.pages.has(ahead) && this.evicted.get(ahead)?.deref() === undefined)
        this.pages.set(ahead, this.readWhole(ahead, ahead * pageSize, (ahead + 1) * pageSize));
    }
    this.evict();
    return page;
  }

  /** Whole page `index`, kept or found again or read, as the most recently used. */
  private take(index: number): Promise<ReplayPage | undefined> {
    const { pageSize } = this.options;
    let page = this.pages.get(index);
    if (page === undefined) {
      const found = this.evicted.get(index)?.deref();
      page =
        found !== undefined
          ? Promise.resolve(found)
          : this.readWhole(index, index * pageSize, (index + 1) * pageSize);
    } else {
      this.pages.delete(index);
    }
    this.pages.set(index, page);
    return page;
  }

  private evict(): void {
    for (const [oldest, evicting] of this.pages) {
      if (this.pages.size <= this.options.keptPages) break;
      this.pages.delete(oldest);
      void evicting.then((evicted) => {
        if (evicted === undefined) return;
        this.evicted.set(oldest, new WeakRef(evicted));
        this.forget.register(evicted, oldest);
      });
    }
  }

  private readWhole(
    index: number,
    cursor: number,
    pageEnd: number,
  ): Promise<ReplayPage | undefined> {
    const page = this.read(cursor, pageEnd - cursor).then((read) => {
      // A page the log could not give in full (not on disk yet) is not kept.
      if (read?.last !== pageEnd) this.pages.delete(index);
      return read;
    });
    page.catch(() => this.pages.delete(index));
    return page;
  }

  private async read(cursor: number, count: number): Promise<ReplayPage | undefined> {
    if (count <= 0) return undefined;
    const block = await this.log.readBlock(cursor, count);
    if (block.count === 0) return undefined;
    return {
      frame: encodeBlockFrame(this.channel, this.log.epoch, block),
      last: cursor + block.count,
    };
  }
}
