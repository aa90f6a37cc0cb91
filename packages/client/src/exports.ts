/** What both entry points export besides `createClient`. */
export { reconnectDelay } from './backoff.js';
export { SidecastClient, type SidecastClientOptions } from './client.js';
export { ClientError, type ClientErrorCode } from './client-error.js';
export type { ConnectionState } from './connection.js';
export type { Listener, ReadonlyObservable } from './observable.js';
export {
  DEFAULT_CLIENT_OPTIONS,
  DEFAULT_RECONNECT,
  socketUrl,
  type ClientOptions,
  type ReconnectOptions,
} from './options.js';
export type { Command } from './requests.js';
export { HubApi, type ArtifactStart, type FetchLike } from './rest.js';
export type { ChannelHandlers, ChannelSubscription, EventOf } from './subscriptions.js';
export { InMemoryHub, InMemoryHubEnd, InMemoryTransport } from './transport/in-memory-transport.js';
export type { CloseInfo, Transport } from './transport/transport.js';
export {
  WebSocketTransport,
  type WebSocketConstructor,
  type WebSocketLike,
} from './transport/websocket-transport.js';
