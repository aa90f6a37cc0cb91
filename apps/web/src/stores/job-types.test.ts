import type { JobType, SidecarStatus } from '@sidecast/protocol';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { useJobTypesStore } from './job-types.js';
import { useSidecarStore } from './sidecar.js';

const type = (name: string): JobType => ({
  name,
  interactive: false,
  params: { type: 'object', properties: {} },
});

const status = (jobTypes: JobType[] | undefined, busy = 0): SidecarStatus => ({
  state: 'ready',
  restarts: 0,
  since: 1,
  size: 2,
  workers: Array.from({ length: busy }, (_, i) => ({
    id: i + 1,
    state: 'busy' as const,
    jobsRun: 0,
    restarts: 0,
  })),
  failures: 0,
  stderrTail: [],
  rejectedLines: 0,
  reloading: false,
  ...(jobTypes === undefined ? {} : { jobTypes }),
});

describe('useJobTypesStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });

  describe('following the sidecar channel', () => {
    it('takes the job types a reload announces, and keeps its list while they stay the same', async () => {
      const jobTypes = useJobTypesStore();
      const sidecar = useSidecarStore();
      sidecar.status = status([type('a.one')]);
      await nextTick();
      const first = jobTypes.jobTypes;
      expect(first.map((t) => t.name)).toEqual(['a.one']);

      sidecar.status = status([type('a.one')], 1); // a worker became busy: same types
      await nextTick();
      expect(jobTypes.jobTypes).toBe(first);

      sidecar.status = status([type('a.one'), type('a.two')]);
      await nextTick();
      expect(jobTypes.jobTypes.map((t) => t.name)).toEqual(['a.one', 'a.two']);
      expect(jobTypes.get('a.two')?.name).toBe('a.two');
    });
  });
});
