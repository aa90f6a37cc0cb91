/** The supervisor's state from the `sidecar` channel, and the restart button's action. */
import type { ChannelSubscription } from '@sidecast/client';
import { SIDECAR_CHANNEL, type SidecarState, type SidecarStatus } from '@sidecast/protocol';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useConnectionStore } from './connection.js';

/** States the banner warns about (DESIGN §9). */
const DEGRADED: ReadonlySet<SidecarState> = new Set(['unhealthy', 'restarting', 'circuit_open']);

export const useSidecarStore = defineStore('sidecar', () => {
  const connection = useConnectionStore();
  const status = shallowRef<SidecarStatus>();
  const restarting = ref(false);
  const restartError = ref<string>();
  let subscription: ChannelSubscription | undefined;

  const degraded = computed(() => status.value !== undefined && DEGRADED.has(status.value.state));

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

  function stop(): void {
    void subscription?.unsubscribe().catch(() => undefined);
    subscription = undefined;
  }

  async function restart(): Promise<void> {
    restarting.value = true;
    restartError.value = undefined;
    try {
      await connection.requireClient().restartSidecar();
    } catch (error) {
      restartError.value = (error as Error).message;
    } finally {
      restarting.value = false;
    }
  }

  return { status, degraded, restarting, restartError, follow, stop, restart };
});
