/** The live job list: the `jobs` channel's snapshot, then one change per job event. */
import type { ChannelSubscription } from '@sidecast/client';
import {
  JOBS_CHANNEL,
  type Job,
  type JobChange,
  type JobState,
  type Params,
} from '@sidecast/protocol';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useConnectionStore } from './connection.js';

/** The list's filter: one state, or every job. */
export type JobFilter = JobState | 'all';

export const useJobsStore = defineStore('jobs', () => {
  const connection = useConnectionStore();
  const byId = shallowRef(new Map<string, Job>());
  const synced = ref(false);
  const filter = ref<JobFilter>('all');
  let subscription: ChannelSubscription | undefined;

  /** Newest first, as the hub lists them. */
  const all = computed(() => [...byId.value.values()].sort((a, b) => b.createdAt - a.createdAt));
  const visible = computed(() =>
    filter.value === 'all' ? all.value : all.value.filter((job) => job.state === filter.value),
  );
  const counts = computed(() => {
    const counted: Partial<Record<JobState, number>> = {};
    for (const job of byId.value.values()) counted[job.state] = (counted[job.state] ?? 0) + 1;
    return counted;
  });

  function apply(changes: readonly JobChange[]): void {
    const next = new Map(byId.value);
    for (const { change, job } of changes) {
      if (change === 'removed') next.delete(job.id);
      else next.set(job.id, job);
    }
    byId.value = next;
  }

  /** Follow the hub's job list (again after every reconnect: the client resends the snapshot). */
  function follow(): void {
    if (subscription !== undefined) return;
    subscription = connection.requireClient().subscribe(JOBS_CHANNEL, {
      onSnapshot: (snapshot) => {
        byId.value = new Map(snapshot.jobs.map((job) => [job.id, job]));
      },
      onEvents: apply,
      onSynced: () => (synced.value = true),
    });
  }

  function get(id: string): Job | undefined {
    return byId.value.get(id);
  }

  /** Start a job; it shows up in the list through the channel, like anyone else's. */
  function start(jobType: string, params: Params): Promise<Job> {
    return connection.requireClient().start(jobType, params);
  }

  return { byId, all, visible, counts, filter, synced, follow, get, start };
});
