/**
 * The one client of the hub, and how the connection is doing. Every other store reaches
 * the hub through `client`; no component touches a socket.
 */
import {
  ClientError,
  createClient,
  type ConnectionState,
  type SidecastClient,
  type SidecastClientOptions,
} from '@sidecast/client';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';

/**
 * The connection's states, plus the one where there is nothing to connect with and the one
 * where the hub refused the token (a wrong link, or a hub restarted with a new token).
 */
export type ConnectionStatus = ConnectionState | 'no-address' | 'bad-token';

export const useConnectionStore = defineStore('connection', () => {
  const client = shallowRef<SidecastClient>();
  const status = ref<ConnectionStatus>('no-address');
  /** The newest problem that did not end the connection (a refused upgrade, say). */
  const problem = ref<string>();
  let stopWatching: (() => void) | undefined;

  /**
   * Connect to the hub (closing any earlier client); later calls replace the client.
   * `onBadToken` runs if the hub refuses the token: a browser's WebSocket cannot see the
   * upgrade's 401, so a failed connection asks REST, which says so.
   */
  function connect(options: SidecastClientOptions, onBadToken?: () => void): SidecastClient {
    disconnect();
    let checking = false;
    const next = createClient({
      ...options,
      onProblem: (error) => {
        problem.value = error.message;
        options.onProblem?.(error);
        if (checking) return;
        checking = true;
        next.sidecar().then(
          () => (checking = false),
          (failure: unknown) => {
            checking = false;
            if (!(failure instanceof ClientError) || failure.code !== 'unauthorized') return;
            disconnect();
            status.value = 'bad-token';
            onBadToken?.();
          },
        );
      },
    });
    status.value = next.state.value;
    stopWatching = next.state.subscribe((state) => {
      status.value = state;
      if (state === 'live') problem.value = undefined;
    });
    client.value = next;
    return next;
  }

  function disconnect(): void {
    stopWatching?.();
    client.value?.close();
    client.value = undefined;
    status.value = 'no-address';
  }

  /** The client, for stores that only run once connected. */
  function requireClient(): SidecastClient {
    if (client.value === undefined) throw new Error('not connected to a hub');
    return client.value;
  }

  return { client, status, problem, connect, disconnect, requireClient };
});
