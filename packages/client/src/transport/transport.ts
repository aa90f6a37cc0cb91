/**
 * What carries the client's messages: a connected pipe that delivers parsed hub frames. A
 * bad frame is reported through `onerror` and dropped; nothing is thrown across this line.
 */
import type { ClientMessage, ServerMessage } from '@sidecast/protocol';

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface Transport {
  /** Open the connection; resolves once it is open, rejects if it never opens. */
  start(): Promise<void>;
  send(message: ClientMessage): void;
  close(): void;
  onmessage?: (message: ServerMessage) => void;
  /** Called once, however the connection ended (including after `close()`). */
  onclose?: (info: CloseInfo) => void;
  onerror?: (error: Error) => void;
}
