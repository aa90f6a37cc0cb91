/**
 * `@sidecast/client` for browsers and webviews: the WebSocket is the runtime's own. Node gets
 * `./node.ts` instead (the `node` export condition), which falls back to the `ws` package.
 */
import { SidecastClient, type SidecastClientOptions } from './client.js';
import type { WebSocketConstructor } from './transport/websocket-transport.js';

export * from './exports.js';

/** A client of the hub at `options.url`; it connects at once and reconnects by itself. */
export function createClient(options: SidecastClientOptions): SidecastClient {
  return new SidecastClient(options, globalThis.WebSocket as WebSocketConstructor | undefined);
}
