/**
 * The job on screen: its channel followed from seq 1 (or resumed by the client after a
 * drop), its events folded into a `Timeline`. The log lines stay a plain array outside
 * Vue's reactivity (100,000 proxies would cost more than the rows on screen); `log` and
 * `summary` are replaced at most once per frame and tell the views to look again.
 */
import { ClientError, type ArtifactStart, type ChannelSubscription } from '@sidecast/client';
import {
  isTerminalState,
  jobChannel,
  type ArtifactInfo,
  type JsonValue,
  type StoredEvent,
} from '@sidecast/protocol';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { mergeArtifacts } from '../job-view/artifact-listing.js';
import {
  Timeline,
  type Artifact,
  type DataStream,
  type LogLine,
  type Turn,
} from '../job-view/timeline.js';
import { useConnectionStore } from './connection.js';

/** Everything about the job but its log lines, as the views read it. */
export type JobSummary = Pick<
  Timeline,
  | 'state'
  | 'reason'
  | 'startedAt'
  | 'endedAt'
  | 'progress'
  | 'hasResult'
  | 'result'
  | 'error'
  | 'head'
> & {
  artifacts: Artifact[];
  data: DataStream[];
  conversation: Turn[];
};

/** The log as the view reads it; a new object whenever lines were added or the view reset. */
export interface LogSnapshot {
  /** Grows in place: read it with `count`. */
  lines: readonly LogLine[];
  count: number;
  /** Bumped when the view started over (the hub could not resume). */
  generation: number;
}

/** How long new events wait to be shown with the ones after them: about a frame. */
export const FLUSH_DELAY_MS = 16;

function summarize(timeline: Timeline, listed: readonly ArtifactInfo[]): JobSummary {
  const { state, reason, startedAt, endedAt, progress, hasResult, result, error, head } = timeline;
  return {
    state,
    reason,
    startedAt,
    endedAt,
    progress,
    hasResult,
    result,
    error,
    head,
    artifacts: mergeArtifacts([...timeline.artifacts.values()], listed),
    data: [...timeline.data.values()].map((stream) => ({ ...stream, values: [...stream.values] })),
    conversation: timeline.conversation.map(({ from, text }) => ({ from, text })),
  };
}

export const useJobViewStore = defineStore('jobView', () => {
  const connection = useConnectionStore();
  const jobId = ref<string>();
  let timeline = new Timeline();
  const log = shallowRef<LogSnapshot>({ lines: timeline.lines, count: 0, generation: 0 });
  /** The hub's listing of the ended job's artifacts folder, once fetched. */
  let listed: readonly ArtifactInfo[] = [];
  let listingAsked = false;
  const summary = shallowRef<JobSummary>(summarize(timeline, listed));
  const viewers = ref(0);
  /** The backlog has been replayed: what follows is live. */
  const synced = ref(false);
  let generation = 0;
  /** Why the job cannot be shown (it does not exist, say). */
  const failure = ref<string>();
  let subscription: ChannelSubscription | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    flushTimer = undefined;
    const { lines } = timeline;
    if (log.value.lines !== lines || log.value.count !== lines.length)
      log.value = { lines, count: lines.length, generation };
    summary.value = summarize(timeline, listed);
    if (!listingAsked && timeline.state !== undefined && isTerminalState(timeline.state)) {
      listingAsked = true;
      void listArtifacts();
    }
  }

  /** Files a job wrote straight into its artifacts folder have no event: ask the hub, once
   * the job has ended and nothing more will be written. */
  async function listArtifacts(): Promise<void> {
    const id = jobId.value;
    const shownGeneration = generation;
    if (id === undefined) return;
    try {
      const found = await connection.requireClient().artifacts(id);
      if (jobId.value !== id || generation !== shownGeneration) return;
      listed = found;
      summary.value = summarize(timeline, listed);
    } catch {
      // The announced artifacts stay listed; the next open of the job asks again.
    }
  }

  function schedule(): void {
    flushTimer ??= setTimeout(flush, FLUSH_DELAY_MS);
  }

  function startOver(): void {
    timeline = new Timeline();
    listed = [];
    listingAsked = false;
    synced.value = false;
    generation += 1;
    flush();
  }

  /** Show job `id`, replacing whatever was shown. */
  function open(id: string): void {
    if (jobId.value === id) return;
    close();
    jobId.value = id;
    startOver();
    subscription = connection.requireClient().subscribe(jobChannel(id), {
      onEvents: (events: StoredEvent[]) => {
        timeline.apply(events);
        schedule();
      },
      onSynced: () => {
        flush();
        synced.value = true;
      },
      onPresence: (count) => (viewers.value = count),
      onReset: startOver,
      onError: (error) => (failure.value = error.message),
    });
  }

  function close(): void {
    void subscription?.unsubscribe().catch(() => undefined);
    subscription = undefined;
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    jobId.value = undefined;
    failure.value = undefined;
    viewers.value = 0;
  }

  async function cancel(): Promise<void> {
    if (jobId.value === undefined) return;
    await connection.requireClient().cancel(jobId.value);
  }

  /** Send `data` to the (interactive) job; every viewer sees it as an `input` event. */
  async function send(data: JsonValue): Promise<void> {
    if (jobId.value === undefined) throw new ClientError('not_found', 'no job is open');
    await connection.requireClient().input(jobId.value, data);
  }

  /** An artifact's bytes, fetched with the token. */
  async function artifact(path: string): Promise<Blob> {
    if (jobId.value === undefined) throw new ClientError('not_found', 'no job is open');
    return connection.requireClient().artifact(jobId.value, path);
  }

  /** At most the first `maxBytes` of an artifact, for its preview. */
  async function artifactStart(path: string, maxBytes: number): Promise<ArtifactStart> {
    if (jobId.value === undefined) throw new ClientError('not_found', 'no job is open');
    return connection.requireClient().artifactStart(jobId.value, path, maxBytes);
  }

  return {
    jobId,
    log,
    summary,
    viewers,
    synced,
    failure,
    open,
    close,
    cancel,
    send,
    artifact,
    artifactStart,
  };
});
