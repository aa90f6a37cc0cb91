/**
 * A job's channel, shared by all its viewers: it listens to the job's log once, serializes
 * each live batch once (and only if a viewer is ready for it), and hands it to every viewer.
 * Viewers that fall behind read from the log on their own, so no one waits for them.
 */
import {
  jobChannel,
  type JobChannel as JobChannelName,
  type Since,
  type StoredEvent,
} from '@sidecast/protocol';
import type { EventLog } from '../event-log/index.js';
import { Audience } from './audience.js';
import { eventsFrame } from './frames.js';
import { JobViewer } from './job-viewer.js';
import { encodeFrame, type EncodedFrame, type Outbox } from './outbox.js';
import type { Subscription } from './subscription.js';

export class JobChannel {
  readonly name: JobChannelName;
  private readonly viewers = new Set<JobViewer>();
  private readonly audience: Audience;
  private readonly stopListening: () => void;

  constructor(
    jobId: string,
    readonly log: EventLog,
    private readonly replayPageSize: number,
    /** Called when the last viewer leaves, so the channel can be dropped. */
    private readonly onEmpty: () => void,
  ) {
    this.name = jobChannel(jobId);
    this.audience = new Audience(this.name);
    this.stopListening = log.subscribe((batch) => {
      this.broadcast(batch);
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
    const viewer = new JobViewer(this.name, log, outbox, cursor, {
      replayPageSize: this.replayPageSize,
      onFailure,
    });
    // A viewer counts from here, so the channel stays while its start is pending.
    this.viewers.add(viewer);
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
          this.stopListening();
          this.onEmpty();
        }
      },
    };
  }

  private broadcast(batch: readonly StoredEvent[]): void {
    let frame: EncodedFrame | undefined;
    const shared = (): EncodedFrame =>
      (frame ??= encodeFrame(eventsFrame(this.name, this.log.epoch, batch)));
    for (const viewer of this.viewers) viewer.deliver(batch, shared);
  }
}
