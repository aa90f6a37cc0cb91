/** `@sidecast/client` for Node: the global WebSocket where there is one, `ws` otherwise. */
import { WebSocket as NodeWebSocket } from 'ws';
import { SidecastClient, type SidecastClientOptions } from './client.js';
import type { WebSocketConstructor } from './transport/websocket-transport.js';

export * from './exports.js';

/** A client of the hub at `options.url`; it connects at once and reconnects by itself. */
export function createClient(options: SidecastClientOptions): SidecastClient {
  const WebSocketImpl =
    (globalThis.WebSocket as WebSocketConstructor | undefined) ??
    (NodeWebSocket as unknown as WebSocketConstructor);
  return new SidecastClient(options, WebSocketImpl);
}
