/**
 * A job's channel, shared by all its viewers: it listens to the job's log once, serializes
 * each live batch once (and only if a viewer is ready for it), and hands it to every viewer.
 * Viewers that fall behind read from the log on their own, so no one waits for them.
 */
import { jobChannel, type JobChannel as JobChannelName, type Since } from '@sidecast/protocol';
import type { EventLog, LoggedEvent } from '../event-log/index.js';
import { Audience } from './audience.js';
import { encodeEventsFrame } from './frames.js';
import { JobViewer } from './job-viewer.js';
import type { EncodedFrame, Outbox } from './outbox.js';
import { ReplayPages } from './replay-pages.js';
import type { Subscription } from './subscription.js';

/** Whole replay pages a channel keeps for its viewers (see `ReplayPages`). */
const KEPT_REPLAY_PAGES = 8;

export class JobChannel {
  readonly name: JobChannelName;
  private readonly viewers = new Set<JobViewer>();
  private readonly audience: Audience;
  private readonly pages: ReplayPages;
  /** Set while the channel has viewers: it listens to the log only then. */
  private stopListening: (() => void) | undefined;

  constructor(
    jobId: string,
    readonly log: EventLog,
    replayPageSize: number,
    /** Called when the last viewer leaves, so the channel can be dropped. */
    private readonly onEmpty: () => void,
  ) {
    this.name = jobChannel(jobId);
    this.audience = new Audience(this.name);
    this.pages = new ReplayPages(this.name, log, {
      pageSize: replayPageSize,
      keptPages: KEPT_REPLAY_PAGES,
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
      this.broadcast(batch);
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
          this.onEmpty();
        }
      },
    };
  }

  private broadcast(batch: readonly LoggedEvent[]): void {
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
