/** The supervisor's state from the `sidecar` channel, and the restart and reload buttons' actions. */
import type { ChannelSubscription } from '@sidecast/client';
import { SIDECAR_CHANNEL, type SidecarState, type SidecarStatus } from '@sidecast/protocol';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { useAction } from '../composables/use-action.js';
import { useConnectionStore } from './connection.js';

/** States the banner warns about (DESIGN §9). */
const DEGRADED: ReadonlySet<SidecarState> = new Set(['unhealthy', 'restarting', 'circuit_open']);

export const useSidecarStore = defineStore('sidecar', () => {
  const connection = useConnectionStore();
  const status = shallowRef<SidecarStatus>();
  const {
    busy: restarting,
    error: restartError,
    run: restart,
  } = useAction(async () => {
    await connection.requireClient().restartSidecar();
  });
  const {
    busy: asking,
    error: reloadError,
    run: reload,
  } = useAction(async () => {
    await connection.requireClient().reloadSidecar();
  });
  let subscription: ChannelSubscription | undefined;

  const degraded = computed(() => status.value !== undefined && DEGRADED.has(status.value.state));
  /** The request is on its way, or the hub is reloading. */
  const reloading = computed(() => asking.value || status.value?.reloading === true);
  /** Why the job code last failed to import, until it imports. */
  const loadError = computed(() => status.value?.loadError);

  function follow(): void {
    if (subscription !== undefined) return;
    subscription = connection.requireClient().subscribe(SIDECAR_CHANNEL, {
      onSnapshot: (snapshot) => (status.value = snapshot.sidecar),
      onEvents: (changes) => {
        const last = changes[changes.length - 1];
        if (last !== undefined) status.value = last.sidecar;
      },
    });
  }

  return {
    status,
    degraded,
    restarting,
    restartError,
    reloading,
    reloadError,
    loadError,
    follow,
    restart,
    reload,
  };
});
