/**
 * A job's channel, shared by all its viewers: it listens to the job's log once, serializes
 * each live batch once (and only if a viewer is ready for it), and hands it to every viewer.
 * Viewers that fall behind read from the log on their own, so no one waits for them.
 */
import {
  isTerminal,
  jobChannel,
  type JobChannel as JobChannelName,
  type Since,
} from '@sidecast/protocol';
import type { LoggedEvent } from '../event-log/index.js';
import type { JobLog } from '../event-log/job-log.js';
import type { Audience, Audiences } from './audience.js';
import { encodeEventsFrame } from './frames.js';
import { JobViewer } from './job-viewer.js';
import type { GatewayOptions } from './options.js';
import type { EncodedFrame, Outbox } from './outbox.js';
import { ReplayPages } from './replay-pages.js';
import type { Subscription } from './subscription.js';

/** Whole replay pages a channel keeps for its viewers (see `ReplayPages`). */
const KEPT_REPLAY_PAGES = 8;
/** Pages read at once by a viewer catching up: with the page it asked for, half of those kept. */
const READ_AHEAD_PAGES = 3;

export type JobChannelOptions = Pick<GatewayOptions, 'replayPageSize' | 'liveBatchMs'>;

export class JobChannel {
  readonly name: JobChannelName;
  private readonly viewers = new Set<JobViewer>();
  private readonly audience: Audience;
  private readonly pages: ReplayPages;
  /** Set while the channel has viewers: it listens to the log only then. */
  private stopListening: (() => void) | undefined;
  /** Live events waiting (up to `liveBatchMs`) to go out in one frame. */
  private held: LoggedEvent[] = [];
  /** Running while a frame went out less than `liveBatchMs` ago. */
  private windowTimer: NodeJS.Timeout | undefined;

  constructor(
    jobId: string,
    readonly log: JobLog,
    private readonly options: JobChannelOptions,
    /** Called when the last viewer leaves, so the channel can be dropped. */
    private readonly onEmpty: () => void,
    audiences: Audiences,
  ) {
    this.name = jobChannel(jobId);
    this.audience = audiences.create(this.name);
    this.pages = new ReplayPages(this.name, log, {
      pageSize: options.replayPageSize,
      keptPages: KEPT_REPLAY_PAGES,
      readAhead: READ_AHEAD_PAGES,
    });
  }

  /**
   * Send `subscribed` to a new viewer and return its subscription. `since` resumes within the
   * same log; a position in another log (or past this one's head) cannot be, so the viewer is
   * told `recovered: false` and gets everything from the oldest retained event.
   */
  join(outbox: Outbox, since: Since | undefined, onFailure: (error: Error) => void): Subscription {
    const { log } = this;
    const recovered = since === undefined || (since.epoch === log.epoch && since.seq <= log.head);
    const cursor = since !== undefined && recovered ? since.seq : 0;
    outbox.send({
      type: 'subscribed',
      channel: this.name,
      epoch: log.epoch,
      head: log.head,
      recovered,
    });
    const viewer = new JobViewer(this.name, log.epoch, this.pages, outbox, cursor, onFailure);
    // A viewer counts from here, so the channel stays while its start is pending.
    this.viewers.add(viewer);
    this.stopListening ??= log.subscribe((batch) => {
      this.hold(batch);
    });
    return {
      channel: this.name,
      start: () => {
        this.audience.add(outbox);
        viewer.start();
      },
      close: () => {
        viewer.close();
        this.viewers.delete(viewer);
        this.audience.remove(outbox);
        if (this.viewers.size === 0) {
          this.stopListening?.();
          this.stopListening = undefined;
          clearTimeout(this.windowTimer);
          this.windowTimer = undefined;
          this.held = [];
          this.onEmpty();
        }
      },
    };
  }

  /**
   * Send `batch` now if nothing went out in the last `liveBatchMs`; otherwise hold it, with
   * whatever else arrives, until that window ends. A lone event is never delayed, and a busy
   * job's events share a frame per window. A log's last event goes at once.
   */
  private hold(batch: readonly LoggedEvent[]): void {
    const last = batch[batch.length - 1];
    if (this.windowTimer === undefined || (last !== undefined && isTerminal(last.event))) {
      this.flush(batch);
      return;
    }
    for (const logged of batch) this.held.push(logged);
  }

  private flush(batch: readonly LoggedEvent[]): void {
    const held = this.held;
    this.held = [];
    this.broadcast(held.length === 0 ? batch : held.concat(batch));
    clearTimeout(this.windowTimer);
    this.windowTimer =
      this.options.liveBatchMs === 0
        ? undefined
        : setTimeout(() => {
            this.windowTimer = undefined;
            if (this.held.length > 0) this.flush([]);
          }, this.options.liveBatchMs);
  }

  private broadcast(batch: readonly LoggedEvent[]): void {
    if (batch.length === 0) return;
    let frame: EncodedFrame | undefined;
    const shared = (): EncodedFrame =>
      (frame ??= encodeEventsFrame(
        this.name,
        this.log.epoch,
        batch.map(({ line }) => line),
      ));
    for (const viewer of this.viewers) viewer.deliver(batch, shared);
  }
}
