/** What the sidecar can run, loaded once (over REST) and again after a failure. */
import type { JobType } from '@sidecast/protocol';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useConnectionStore } from './connection.js';

export const useJobTypesStore = defineStore('jobTypes', () => {
  const connection = useConnectionStore();
  const jobTypes = ref<JobType[]>([]);
  const loading = ref(false);
  const error = ref<string>();
  let loaded: Promise<void> | undefined;

  const byName = computed(() => new Map(jobTypes.value.map((type) => [type.name, type])));

  /** Load the job types unless they are loaded or loading; a failed load may be retried. */
  function load(): Promise<void> {
    loaded ??= (async () => {
      loading.value = true;
      error.value = undefined;
      try {
        jobTypes.value = await connection.requireClient().jobTypes();
      } catch (failure) {
        error.value = (failure as Error).message;
        loaded = undefined;
      } finally {
        loading.value = false;
      }
    })();
    return loaded;
  }

  function get(name: string): JobType | undefined {
    return byName.value.get(name);
  }

  return { jobTypes, loading, error, load, get };
});
