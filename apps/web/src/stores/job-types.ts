/**
 * What the workers can run: loaded once over REST (which starts the pool), then kept as the
 * `sidecar` channel announces it, so a reload's new job types reach open forms at once.
 */
import type { JobType } from '@sidecast/protocol';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useConnectionStore } from './connection.js';
import { useSidecarStore } from './sidecar.js';

export const useJobTypesStore = defineStore('jobTypes', () => {
  const connection = useConnectionStore();
  const sidecar = useSidecarStore();
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

  watch(
    () => sidecar.status?.jobTypes,
    (announced) => {
      // Every status change carries the list; only a different one (a reload) replaces it,
      // so that forms built from it are not rebuilt each time a worker becomes busy.
      if (announced === undefined || JSON.stringify(announced) === JSON.stringify(jobTypes.value))
        return;
      jobTypes.value = announced;
      error.value = undefined;
    },
  );

  function get(name: string): JobType | undefined {
    return byName.value.get(name);
  }

  return { jobTypes, loading, error, load, get };
});
