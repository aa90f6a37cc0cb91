/**
 * A state channel (`jobs`, `sidecar`): a subscriber gets a snapshot of the current state and
 * then one event per change, numbered within this hub run (its epoch). Changes made in one
 * event-loop turn go out as one frame, serialized once for all subscribers.
 */
import type { ChannelEvent, ServerMessage, Since } from '@sidecast/protocol';
import { newEpoch } from '../event-log/index.js';
import type { Audience } from './audience.js';
import { eventsFrame } from './frames.js';
import { encodeFrame, type EncodedFrame, type Outbox } from './outbox.js';
import type { Subscription } from './subscription.js';

type FeedName = 'jobs' | 'sidecar';
type FeedEvent = Extract<ChannelEvent, { kind: 'job' | 'sidecar' }>;
type Snapshot = Extract<ServerMessage, { type: 'snapshot' }>;

interface Member {
  outbox: Outbox;
  /** The seq its snapshot was taken at: it has seen every change up to there. */
  after: number;
}

export class Feed {
  readonly epoch = newEpoch();
  private seq = 0;
  private pending: FeedEvent[] = [];
  private readonly members = new Set<Member>();
  private readonly audience: Audience;

  constructor(
    readonly name: FeedName,
    private readonly snapshot: () => Snapshot,
    audience: Audience,
  ) {
    this.audience = audience;
  }

  /** Number a change and queue it for this turn's frame. */
  publish(make: (seq: number, ts: number) => FeedEvent): void {
    this.seq += 1;
    if (this.pending.length === 0)
      setImmediate(() => {
        this.flush();
      });
    this.pending.push(make(this.seq, Date.now()));
  }

  /**
   * Send `subscribed` and return the subscription. The snapshot is the whole state, so any
   * `since` is served by it; `recovered` says whether that position was one of this run's.
   */
  join(outbox: Outbox, since: Since | undefined): Subscription {
    const recovered = since === undefined || (since.epoch === this.epoch && since.seq <= this.seq);
    outbox.send({
      type: 'subscribed',
      channel: this.name,
      epoch: this.epoch,
      head: this.seq,
      recovered,
    });
    const member: Member = { outbox, after: this.seq };
    return {
      channel: this.name,
      start: () => {
        this.audience.add(outbox);
        // Changes made since `subscribed` (by another socket, say) are in the snapshot.
        member.after = this.seq;
        outbox.send(this.snapshot());
        outbox.send({ type: 'synced', channel: this.name, head: member.after });
        this.members.add(member);
      },
      close: () => {
        this.members.delete(member);
        this.audience.remove(outbox);
      },
    };
  }

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    const first = events[0]?.seq ?? 0;
    let frame: EncodedFrame | undefined;
    for (const member of this.members) {
      if (member.after < first) {
        member.outbox.send((frame ??= encodeFrame(eventsFrame(this.name, this.epoch, events))));
      } else {
        const unseen = events.filter(({ seq }) => seq > member.after);
        if (unseen.length > 0) member.outbox.send(eventsFrame(this.name, this.epoch, unseen));
      }
    }
  }
}
