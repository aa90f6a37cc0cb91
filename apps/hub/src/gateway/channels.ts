/**
 * Every channel of one hub: the `jobs` and `sidecar` feeds, fed by the jobs and the
 * supervisor, and one shared channel per job that has viewers.
 */
import {
  parseChannel,
  SIDECAR_CHANNEL,
  JOBS_CHANNEL,
  type Channel,
  type Job,
  type SidecarStatus,
  type Since,
} from '@sidecast/protocol';
import type { JobChangeKind, Jobs } from '../jobs/index.js';
import type { Supervisor } from '../supervisor/index.js';
import type { PresenceBoard } from '../store/presence-board.js';
import { Audiences } from './audience.js';
import { Feed } from './feed.js';
import { JobChannel, type JobChannelOptions } from './job-channel.js';
import type { Outbox } from './outbox.js';
import type { Subscription } from './subscription.js';

export class Channels {
  private readonly jobChannels = new Map<string, Promise<JobChannel>>();
  private readonly jobsFeed: Feed;
  private readonly sidecarFeed: Feed;
  private readonly detach: () => void;

  private readonly audiences: Audiences;

  constructor(
    private readonly jobs: Jobs,
    supervisor: Supervisor,
    private readonly channelOptions: JobChannelOptions,
    presence: PresenceBoard,
  ) {
    this.audiences = new Audiences(presence);
    this.jobsFeed = new Feed(
      JOBS_CHANNEL,
      () => ({ type: 'snapshot', channel: JOBS_CHANNEL, jobs: jobs.list(undefined, Infinity) }),
      this.audiences.create(JOBS_CHANNEL),
    );
    this.sidecarFeed = new Feed(
      SIDECAR_CHANNEL,
      () => ({ type: 'snapshot', channel: SIDECAR_CHANNEL, sidecar: supervisor.status() }),
      this.audiences.create(SIDECAR_CHANNEL),
    );
    const onJobChange = (change: JobChangeKind, job: Job): void => {
      this.jobsFeed.publish((seq, ts) => ({ seq, ts, kind: 'job', change, job }));
    };
    const onStatus = (sidecar: SidecarStatus): void => {
      this.sidecarFeed.publish((seq, ts) => ({ seq, ts, kind: 'sidecar', sidecar }));
    };
    jobs.on('change', onJobChange);
    supervisor.on('status', onStatus);
    this.detach = () => {
      jobs.off('change', onJobChange);
      supervisor.off('status', onStatus);
      this.audiences.close();
    };
  }

  /** Join `channel` (which must exist) and send `subscribed`; throws `HubError`. */
  async join(
    outbox: Outbox,
    channel: Channel,
    since: Since | undefined,
    onFailure: (error: Error) => void,
  ): Promise<Subscription> {
    const ref = parseChannel(channel);
    if (ref?.kind === 'job')
      return (await this.jobChannel(ref.jobId)).join(outbox, since, onFailure);
    return (channel === JOBS_CHANNEL ? this.jobsFeed : this.sidecarFeed).join(outbox, since);
  }

  close(): void {
    this.detach();
  }

  private jobChannel(jobId: string): Promise<JobChannel> {
    let channel = this.jobChannels.get(jobId);
    if (channel === undefined) {
      const created: Promise<JobChannel> = this.jobs.eventLog(jobId).then(
        (log) =>
          new JobChannel(
            jobId,
            log,
            this.channelOptions,
            () => {
              // A newer channel of the same job may have taken this one's place already.
              if (this.jobChannels.get(jobId) === created) this.jobChannels.delete(jobId);
            },
            this.audiences,
          ),
      );
      created.catch(() => this.jobChannels.delete(jobId));
      this.jobChannels.set(jobId, created);
      channel = created;
    }
    return channel;
  }
}
