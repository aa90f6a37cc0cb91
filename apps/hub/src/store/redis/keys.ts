/**
 * Every Redis key and channel of one cluster, all under its prefix (`--cluster NAME`), so
 * several clusters can share one Redis.
 */
export class ClusterKeys {
  constructor(readonly cluster: string) {}

  /** HASH job id → the job as stored (`StoredJob` JSON). */
  get jobs(): string {
    return `${this.cluster}:jobs`;
  }

  /** ZSET of finished job ids by end time: retention pops the oldest. */
  get finished(): string {
    return `${this.cluster}:finished`;
  }

  /** STREAM of the jobs to run; each hub reads it in the consumer group `hubs`. */
  get queue(): string {
    return `${this.cluster}:queue`;
  }

  /** Pub/sub channel of record changes (`ChangeMessage` JSON). */
  get changes(): string {
    return `${this.cluster}:changes`;
  }

  /** STREAM of a job's events: an entry per stored batch, its id `<first seq>-0`. */
  events(jobId: string): string {
    return `${this.cluster}:events:${jobId}`;
  }

  /** Pub/sub channel of a job's live batches (`<first seq>\n<lines>`). */
  live(jobId: string): string {
    return `${this.cluster}:live:${jobId}`;
  }

  /** STRING: a live hub's REST address, with a TTL its hub keeps renewing. */
  hub(hubId: string): string {
    return `${this.cluster}:hub:${hubId}`;
  }

  /** Pub/sub channel of the commands other hubs forward to a hub. */
  control(hubId: string): string {
    return `${this.cluster}:control:${hubId}`;
  }

  /** HASH of one channel's viewers: hub id → that hub's count. */
  presence(channel: string): string {
    return `${this.cluster}:presence:${channel}`;
  }

  /** Pub/sub channel naming a channel whose count changed on some hub. */
  get presenceChanges(): string {
    return `${this.cluster}:presence-changes`;
  }
}

/** The queue's consumer group: every hub is a consumer in it, named by its hub id. */
export const QUEUE_GROUP = 'hubs';
