/**
 * One socket's subscription to one job's channel. It replays the log from its cursor, says
 * `synced`, then takes the live batches; when its socket is congested it stops, keeps its
 * cursor, and once the socket drains reads what it missed from the log before rejoining the
 * live tail. The cursor is the only state, so each event is sent exactly once, in order.
 */
import type { JobChannel } from '@sidecast/protocol';
import type { LoggedEvent } from '../event-log/index.js';
import { encodeEventsFrame } from './frames.js';
import { encodeFrame, type EncodedFrame, type Outbox } from './outbox.js';
import type { ReplayPage, ReplayPages } from './replay-pages.js';

type ViewerState = 'reading' | 'live' | 'waiting' | 'closed';

export class JobViewer {
  private state: ViewerState = 'reading';
  private synced = false;

  constructor(
    private readonly channel: JobChannel,
    private readonly epoch: string,
    private readonly pages: ReplayPages,
    private readonly outbox: Outbox,
    /** The seq of the newest event this viewer has been sent (or had before it subscribed). */
    private cursor: number,
    /** The log could not be read: the subscription is over. */
    private readonly onFailure: (error: Error) => void,
  ) {}

  /** Send the backlog, then follow live. */
  start(): void {
    void this.read();
  }

  /** A live batch, and its frame, serialized once for every viewer of the channel. */
  deliver(batch: readonly LoggedEvent[], shared: () => EncodedFrame): void {
    if (this.state !== 'live') return;
    const first = batch[0]?.seq ?? 0;
    const last = batch[batch.length - 1]?.seq ?? 0;
    if (last <= this.cursor) return;
    if (first > this.cursor + 1 || this.outbox.congested) {
      // Behind (or about to be): the log has everything from the cursor on.
      this.wait();
      return;
    }
    this.outbox.push(
      first === this.cursor + 1
        ? shared()
        : encodeEventsFrame(
            this.channel,
            this.epoch,
            batch.slice(this.cursor + 1 - first).map(({ line }) => line),
          ),
    );
    this.cursor = last;
  }

  close(): void {
    this.state = 'closed';
  }

  /** A method, not a comparison TypeScript would narrow: `close()` can run during a read. */
  private isReading(): boolean {
    return this.state === 'reading';
  }

  private wait(): void {
    this.state = 'waiting';
    this.outbox.whenDrained(() => {
      if (this.state === 'waiting') void this.read();
    });
  }

  private async read(): Promise<void> {
    this.state = 'reading';
    while (this.isReading()) {
      if (!this.outbox.open) return;
      if (this.outbox.congested) {
        this.wait();
        return;
      }
      let page: ReplayPage | undefined;
      try {
        page = await this.pages.next(this.cursor);
      } catch (error) {
        this.state = 'closed';
        this.onFailure(error as Error);
        return;
      }
      if (!this.isReading()) return;
      if (page === undefined) {
        if (!this.synced)
          this.outbox.push(
            encodeFrame({ type: 'synced', channel: this.channel, head: this.cursor }),
          );
        this.synced = true;
        this.state = 'live';
        return;
      }
      this.outbox.push(page.frame);
      this.cursor = page.last;
    }
  }
}
