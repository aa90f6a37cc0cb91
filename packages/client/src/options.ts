import type { Transport } from './transport/transport.js';

/** How the client waits between reconnect attempts: `initialDelayMs` doubling to `maxDelayMs`. */
export interface ReconnectOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Random spread applied to each delay (0.5 = ±50 %), so clients do not reconnect in step. */
  jitter: number;
}

/** What a client needs: where the hub is, its token, and how patient to be. */
export interface ClientOptions {
  /** The hub's address, `http(s)://…` or `ws(s)://…`; `/ws` is added when the path is empty. */
  url: string;
  token: string;
  /** How long a command may wait for its `ack` (including while disconnected). */
  requestTimeoutMs: number;
  reconnect: ReconnectOptions;
  /** Makes the transport for one connection attempt; a WebSocket to `url` unless replaced. */
  transport?: (url: string) => Transport;
}

export const DEFAULT_RECONNECT: ReconnectOptions = {
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  jitter: 0.5,
};

/**
 * Defaults. The request timeout covers a `start` that has to wait for the sidecar to boot
 * (its ready timeout is 10 s), with room to spare.
 */
export const DEFAULT_CLIENT_OPTIONS: Omit<ClientOptions, 'url' | 'token'> = {
  requestTimeoutMs: 30_000,
  reconnect: DEFAULT_RECONNECT,
};

/** The WebSocket address of the hub at `url`, with the token in the query (DESIGN §6). */
export function socketUrl(url: string, token: string): string {
  const address = new URL(url);
  if (address.protocol === 'http:') address.protocol = 'ws:';
  if (address.protocol === 'https:') address.protocol = 'wss:';
  if (address.pathname === '/' || address.pathname === '') address.pathname = '/ws';
  address.hash = '';
  address.searchParams.set('token', token);
  return address.toString();
}
