/**
 * A transport over a WebSocket: the browser's (or Node's global one), or any constructor
 * with the same shape, such as the `ws` package's. Each frame is parsed once, here.
 */
import { parseServerMessage, type ClientMessage } from '@sidecast/protocol';
import type { CloseInfo, Transport } from './transport.js';

/** The part of the WHATWG WebSocket this transport uses. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

const OPEN = 1;

export class WebSocketTransport implements Transport {
  onmessage?: Transport['onmessage'];
  onclose?: Transport['onclose'];
  onerror?: Transport['onerror'];
  private socket: WebSocketLike | undefined;

  constructor(
    private readonly url: string,
    private readonly WebSocketImpl: WebSocketConstructor,
  ) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new this.WebSocketImpl(this.url);
      this.socket = socket;
      let opened = false;
      socket.onopen = () => {
        opened = true;
        resolve();
      };
      socket.onmessage = ({ data }) => {
        this.receive(data);
      };
      socket.onerror = (event) => {
        // Browsers hide the cause; Node's `ws` says it ("Unexpected server response: 401").
        const cause = (event as { message?: unknown }).message;
        const detail = typeof cause === 'string' && cause !== '' ? `: ${cause}` : '';
        if (!opened) reject(new Error(`could not connect to ${redact(this.url)}${detail}`));
      };
      socket.onclose = ({ code, reason }) => {
        if (!opened)
          reject(new Error(`could not connect to ${redact(this.url)} (${String(code)})`));
        const info: CloseInfo = { code, reason };
        this.onclose?.(info);
      };
    });
  }

  send(message: ClientMessage): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  close(): void {
    this.socket?.close(1000, 'client closed');
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') {
      this.onerror?.(new Error('the hub sent a binary frame; frames are JSON text'));
      return;
    }
    const parsed = parseServerMessage(data);
    if (parsed.ok) this.onmessage?.(parsed.value);
    else
      this.onerror?.(new Error(`the hub sent a frame that is not valid: ${parsed.error.message}`));
  }
}

/** The address without its token, for messages. */
function redact(url: string): string {
  const address = new URL(url);
  address.search = '';
  return address.toString();
}
