/**
 * `@sidecast/client` as a shell's own frontend runs it: every request and the WebSocket carry
 * the `Origin` of the page it was loaded from, as the webview sends it.
 */
import { SidecastClient, type FetchLike, type WebSocketConstructor } from '@sidecast/client';
import { WebSocket } from 'ws';

export function webviewClient(url: string, token: string, origin: string): SidecastClient {
  const fromPage: FetchLike = (input, init) => {
    const headers = new Headers(init.headers);
    headers.set('origin', origin);
    return fetch(input, { ...init, headers });
  };
  class PageSocket extends WebSocket {
    constructor(address: string) {
      super(address, { origin });
    }
  }
  return new SidecastClient(
    { url, token, fetch: fromPage, reconnect: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 } },
    PageSocket as unknown as WebSocketConstructor,
  );
}
