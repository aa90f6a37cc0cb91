import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '@sidecast/protocol';
import { WebSocketTransport, type WebSocketLike } from './websocket-transport.js';

/** Stands in for the runtime's WebSocket: the test plays the network. */
class ScriptedSocket implements WebSocketLike {
  static last: ScriptedSocket | undefined;
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  readonly sent: string[] = [];

  constructor(readonly url: string) {
    ScriptedSocket.last = this;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code = 1000, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
}

function socket(): ScriptedSocket {
  if (ScriptedSocket.last === undefined) throw new Error('no socket');
  return ScriptedSocket.last;
}

describe('WebSocketTransport', () => {
  describe('#onmessage', () => {
    it('delivers frames parsed once, and reports bad ones through onerror without throwing', async () => {
      const transport = new WebSocketTransport('ws://127.0.0.1:1/ws?token=secret', ScriptedSocket);
      const messages: ServerMessage[] = [];
      const errors: string[] = [];
      transport.onmessage = (message) => messages.push(message);
      transport.onerror = (error) => errors.push(error.message);
      const started = transport.start();
      socket().open();
      await started;
      const deliver = (data: unknown): void => {
        socket().onmessage?.({ data });
      };
      deliver('{"type":"ack","id":1}');
      deliver('{"type":"ack"');
      deliver('{"type":"events","channel":"job:a","epoch":"e","events":[]}');
      deliver(new ArrayBuffer(2));
      deliver('{"type":"presence","channel":"jobs","viewers":2}');
      expect(messages).toEqual([
        { type: 'ack', id: 1 },
        { type: 'presence', channel: 'jobs', viewers: 2 },
      ]);
      expect(errors).toHaveLength(3);
      expect(errors[0]).toMatch(/not valid JSON/);
      expect(errors[2]).toMatch(/binary/);
    });
  });

  describe('#start', () => {
    it('rejects when the socket closes before it opens, without the token in the message', async () => {
      const transport = new WebSocketTransport('ws://127.0.0.1:1/ws?token=secret', ScriptedSocket);
      const closes: number[] = [];
      transport.onclose = ({ code }) => closes.push(code);
      const started = transport.start();
      socket().close(1006);
      await expect(started).rejects.toThrow(
        /could not connect to ws:\/\/127\.0\.0\.1:1\/ws \(1006\)/,
      );
      await expect(started).rejects.not.toThrow(/secret/);
      expect(closes).toEqual([1006]);
    });
  });

  describe('#send', () => {
    it('sends commands as JSON text while open and drops them otherwise', async () => {
      const transport = new WebSocketTransport('ws://127.0.0.1:1/ws', ScriptedSocket);
      const started = transport.start();
      transport.send({ type: 'ping', id: 1 });
      socket().open();
      await started;
      transport.send({ type: 'ping', id: 2 });
      expect(socket().sent).toEqual(['{"type":"ping","id":2}']);
    });
  });
});
